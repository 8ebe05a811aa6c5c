import { useEffect, useState } from 'react';
import type { StudioSettings } from '../../../shared/contract';
import { run } from '../engine/actions';
import { useT } from '../i18n';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';

/** Host only: start a session when OBS starts streaming, and end it a grace period after it stops. */
export function AutoSessionPanel() {
  const t = useT();
  const isHost = useStudio(selectIsHost);
  const saved = useStudio((s) => s.state?.settings ?? null);
  const show = useToasts((s) => s.show);
  const [draft, setDraft] = useState<StudioSettings | null>(saved);
  useEffect(() => setDraft(saved), [saved]);
  if (!isHost || !draft) return null;
  const save = async (next: StudioSettings) => {
    setDraft(next);
    if (await run('settings.set', next)) show(t('common.saved'));
  };
  return (
    <section aria-labelledby="auto-title" className="settings-section" data-testid="auto-session-panel">
      <h2 id="auto-title">{t('autoSession.title')}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.autoSession.enabled}
          onChange={(e) => void save({ ...draft, autoSession: { ...draft.autoSession, enabled: e.target.checked } })}
        />
        {t('autoSession.enabled')}
      </label>
      <div className="field-row">
        <label htmlFor="grace" className="field-row__label">
          {t('autoSession.grace')}
        </label>
        <input
          id="grace"
          type="number"
          min={0}
          max={3600}
          value={draft.autoSession.graceSeconds}
          onChange={(e) =>
            setDraft({
              ...draft,
              autoSession: {
                ...draft.autoSession,
                graceSeconds: Math.max(0, Number.parseInt(e.target.value, 10) || 0),
              },
            })
          }
          onBlur={() => void save(draft)}
        />
      </div>
    </section>
  );
}
