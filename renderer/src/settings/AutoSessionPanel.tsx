import { FieldRow } from '../components/FieldRow';
import { useSettingsDraft } from './useSettingsDraft';

/** Host only: start a session when OBS starts streaming, and end it a grace period after it stops. */
export function AutoSessionPanel() {
  const { t, isHost, draft, setDraft, save } = useSettingsDraft();
  if (!isHost || !draft) return null;
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
      <FieldRow id="grace" label={t('autoSession.grace')}>
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
      </FieldRow>
    </section>
  );
}
