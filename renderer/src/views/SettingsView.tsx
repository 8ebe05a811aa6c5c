import { LANGUAGES, type Language, useT } from '../i18n';
import { useStudio } from '../store/studio';

export function SettingsView() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const setLanguage = useStudio((s) => s.setLanguage);
  const engineInfo = useStudio((s) => s.state?.engine);
  const seat = useStudio((s) => s.seat);
  return (
    <section aria-labelledby="settings-title" className="view">
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
      <h2>{t('settings.engine')}</h2>
      <dl className="status-grid">
        <dt>{t('settings.engineVersion')}</dt>
        <dd>{engineInfo?.version ?? '—'}</dd>
        <dt>{t('settings.engineUrl')}</dt>
        <dd>{engineInfo?.url ?? '—'}</dd>
        <dt>{t('settings.seat')}</dt>
        <dd>{seat ? t(`role.${seat.role}`) : '—'}</dd>
      </dl>
    </section>
  );
}
