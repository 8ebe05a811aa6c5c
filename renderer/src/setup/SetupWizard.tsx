/**
 * The go-live setup (开播向导): four short steps, each with a check mark from the engine's real state
 * (OBS identified, overlays put in OBS, a stream key set in OBS, the live room connected or a local
 * bridge delivering). Opens by itself for the host on a first run; Settings re-opens it. Finishing
 * records `setupCompletedAt`.
 */
import { useState } from 'react';
import type { StudioSettings } from '../../../shared/contract';
import { run } from '../engine/actions';
import { LANGUAGES, type Language, useT } from '../i18n';
import { useStudio } from '../store/studio';
import { type SetupKey, useSetupT } from './i18n';
import { ObsStep } from './ObsStep';
import { OverlaysStep } from './OverlaysStep';
import { RoomStep } from './RoomStep';
import { StreamStep } from './StreamStep';
import { useSetup } from './setup-store';

const STEPS = ['obs', 'overlays', 'stream', 'room'] as const;
type Step = (typeof STEPS)[number];

const VIEWS: Record<Step, () => React.JSX.Element> = {
  obs: ObsStep,
  overlays: OverlaysStep,
  stream: StreamStep,
  room: RoomStep,
};

/** Whether each step is done, from the engine's state. */
function useChecks(): Record<Step, boolean> {
  const state = useStudio((s) => s.state);
  const placed = useSetup((s) => s.overlaysPlaced);
  return {
    obs: state?.obs.status === 'identified',
    overlays: placed || state?.settings.setupCompletedAt !== undefined,
    stream: state?.obs.destination?.hasKey === true,
    room:
      state?.gateway.status === 'live' ||
      state?.gateway.status === 'catching_up' ||
      (state?.sources ?? []).some((s) => s.kind !== 'gateway' && s.lastEventAt !== null),
  };
}

export function SetupWizard() {
  const t = useSetupT();
  const ct = useT();
  const language = useStudio((s) => s.language);
  const setLanguage = useStudio((s) => s.setLanguage);
  const settings = useStudio((s) => s.state?.settings ?? null);
  const hide = useSetup((s) => s.hide);
  const checks = useChecks();
  const [step, setStep] = useState<Step>('obs');
  const index = STEPS.indexOf(step);
  const View = VIEWS[step];

  const finish = async () => {
    if (settings) {
      const next: StudioSettings = { ...settings, setupCompletedAt: Date.now() };
      if (!(await run('settings.set', next))) return;
    }
    hide();
  };

  return (
    <section className="view setup" aria-labelledby="setup-title" data-testid="setup-wizard">
      <div className="setup-head">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <label>
          {ct('settings.language')}{' '}
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
            data-testid="setup-language"
          >
            {LANGUAGES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t('setup.intro')}</p>
      <nav aria-label={t('setup.steps')}>
        <ol className="setup-steps">
          {STEPS.map((id, i) => (
            <li key={id}>
              <button
                type="button"
                aria-current={id === step ? 'step' : undefined}
                onClick={() => setStep(id)}
                data-testid={`setup-step-${id}`}
                data-done={checks[id] ? 'true' : 'false'}
              >
                <span className={checks[id] ? 'setup-check setup-check--done' : 'setup-check'} aria-hidden="true">
                  {checks[id] ? '✓' : i + 1}
                </span>
                {t(`step.${id}` as SetupKey)}
                <span className="visually-hidden">（{checks[id] ? t('setup.done') : t('setup.todo')}）</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="setup-body" aria-labelledby="setup-step-title">
        <h2 id="setup-step-title">
          {index + 1}. {t(`step.${step}` as SetupKey)}
        </h2>
        <View />
      </section>
      <div className="setup-actions">
        <button type="button" disabled={index === 0} onClick={() => setStep(STEPS[index - 1])}>
          {t('setup.back')}
        </button>
        {index < STEPS.length - 1 ? (
          <button type="button" className="primary" onClick={() => setStep(STEPS[index + 1])} data-testid="setup-next">
            {t('setup.next')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void finish()} data-testid="setup-finish">
            {t('setup.finish')}
          </button>
        )}
        <button type="button" onClick={hide} data-testid="setup-later">
          {t('setup.later')}
        </button>
      </div>
    </section>
  );
}
