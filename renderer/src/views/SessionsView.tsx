import { useT } from '../i18n';

export function SessionsView() {
  const t = useT();
  return (
    <section aria-labelledby="sessions-title" className="view">
      <h1 id="sessions-title">{t('sessions.title')}</h1>
    </section>
  );
}
