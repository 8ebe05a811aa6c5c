/**
 * Step 4: the live room (the demo room by default, or the team's gateway: the Settings panel itself)
 * and the goal the goal overlay shows progress towards.
 */
import { useState } from 'react';
import { formatMoney, parseYuan, toYuanString } from '../../../shared/money';
import { run } from '../engine/actions';
import { GatewayPanel } from '../settings/GatewayPanel';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { useSetupT } from './i18n';

export function RoomStep() {
  const t = useSetupT();
  const language = useStudio((s) => s.language);
  const goal = useStudio((s) => s.state?.overlay?.settings.goalTarget ?? null);
  const show = useToasts((s) => s.show);
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
      <GatewayPanel />
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
