/**
 * Step 4: the live room: the demo room (default), the team's gateway (the Settings panel's fields), or a
 * local bridge (a bridge token for the host's own program, or a Social Stream Ninja session) with no
 * gateway at all: choosing it over the demo room stops the simulated audience at once (`{ kind: 'local' }`);
 * and the goal the goal overlay shows progress towards.
 */
import { useState } from 'react';
import { formatMoney, parseYuan, toYuanString } from '../../../shared/money';
import { RadioChoices } from '../components/RadioChoices';
import { run } from '../engine/actions';
import { GatewayPanel, gatewayKindOf } from '../settings/GatewayPanel';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { type SetupKey, useSetupT } from './i18n';
import { LocalBridgeSetup, useLocalOnly } from './LocalBridgeSetup';

const ROOM_CHOICES = ['demo', 'remote', 'bridge'] as const;
type RoomChoice = (typeof ROOM_CHOICES)[number];

export function RoomStep() {
  const t = useSetupT();
  const language = useStudio((s) => s.language);
  const goal = useStudio((s) => s.state?.overlay?.settings.goalTarget ?? null);
  const show = useToasts((s) => s.show);
  const kind = useStudio((s) => (s.state ? gatewayKindOf(s.state.gateway.source) : null));
  const bridged = useStudio((s) => (s.state?.sources ?? []).some((x) => x.kind !== 'gateway'));
  const [choice, setChoice] = useState<RoomChoice>(
    kind === 'local' ? 'bridge' : kind === 'remote' ? 'remote' : bridged ? 'bridge' : 'demo',
  );
  const bridgesOnly = useLocalOnly();
  const choose = (c: RoomChoice) => {
    setChoice(c);
    // The demo room is only a stand-in: a host who picks their own bridges wants no simulated chat beside them.
    if (c === 'bridge' && kind === 'demo') void bridgesOnly();
  };
  const [text, setText] = useState(goal ? toYuanString(goal) : '');
  const [problem, setProblem] = useState<string | null>(null);

  const saveGoal = async () => {
    let goalTarget = null;
    if (text.trim() !== '') {
      try {
        goalTarget = parseYuan(text.trim());
      } catch (error) {
        setProblem(error instanceof Error ? error.message : String(error));
        return;
      }
    }
    setProblem(null);
    const saved = await run('overlay.settings.set', { goalTarget });
    if (saved)
      show(
        saved.goalTarget
          ? t('room.goalSaved', { amount: formatMoney(saved.goalTarget, language) })
          : t('room.goalNone'),
      );
  };

  return (
    <div className="setup-step" data-testid="setup-room">
      <fieldset className="setup-room-choice">
        <legend>{t('room.choose')}</legend>
        <RadioChoices
          name="setup-room"
          choices={ROOM_CHOICES}
          value={choice}
          onChange={choose}
          label={(c) => t(`room.${c}` as SetupKey)}
          testId="setup-room"
        />
      </fieldset>
      {choice === 'bridge' ? <LocalBridgeSetup /> : <GatewayPanel only={choice} />}
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          void saveGoal();
        }}
      >
        <label>
          {t('room.goal')}{' '}
          <input
            inputMode="decimal"
            value={text}
            placeholder={t('room.goalNone')}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={problem ? true : undefined}
            data-testid="setup-goal"
          />
        </label>
        <button type="submit">{t('room.apply')}</button>
        {problem && (
          <span role="alert" className="error">
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}
