import { LANGUAGES, type Language, useT } from '../i18n';
import { AutoSessionPanel } from '../settings/AutoSessionPanel';
import { BridgesPanel } from '../settings/BridgesPanel';
import { GatewayPanel } from '../settings/GatewayPanel';
import { HotkeysPanel } from '../settings/HotkeysPanel';
import { ObsPanel } from '../settings/ObsPanel';
import { RecordingPanel } from '../settings/RecordingPanel';
import { SeatsPanel } from '../settings/SeatsPanel';
import { useSetupT } from '../setup/i18n';
import { useSetup } from '../setup/setup-store';
import { selectIsHost } from '../store/selectors';
import { useStudio } from '../store/studio';

export function SettingsView() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const setLanguage = useStudio((s) => s.setLanguage);
  const engineInfo = useStudio((s) => s.state?.engine);
  const seat = useStudio((s) => s.seat);
  const isHost = useStudio(selectIsHost);
  const st = useSetupT();
  const openSetup = useSetup((s) => s.show);
  return (
    <section aria-labelledby="settings-title" className="view settings">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <div className="field">
        <label htmlFor="language">{t('settings.language')}</label>
        <select id="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      {isHost && (
        <section aria-labelledby="setup-open-title" className="settings-section">
          <h2 id="setup-open-title">{st('setup.title')}</h2>
          <p className="muted">{st('setup.openHint')}</p>
          <button type="button" className="primary" onClick={openSetup} data-testid="open-setup">
            {st('setup.open')}
          </button>
        </section>
      )}
      <ObsPanel />
      <GatewayPanel />
      <BridgesPanel />
      <AutoSessionPanel />
      <RecordingPanel />
      <SeatsPanel />
      <HotkeysPanel />
      <section aria-labelledby="engine-title" className="settings-section">
        <h2 id="engine-title">{t('settings.engine')}</h2>
        <dl className="status-grid">
          <dt>{t('settings.engineVersion')}</dt>
          <dd>{engineInfo?.version ?? '—'}</dd>
          <dt>{t('settings.engineUrl')}</dt>
          <dd>{engineInfo?.url ?? '—'}</dd>
          <dt>{t('settings.seat')}</dt>
          <dd>{seat ? `${seat.label} · ${t(`role.${seat.role}`)}` : '—'}</dd>
        </dl>
      </section>
    </section>
  );
}
