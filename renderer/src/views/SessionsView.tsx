/** Sessions (场次复盘): the list, one session's recap (?id=), or two compared (?compare=a,b). */
import '../recap/recap.css';
import { ComparePage } from '../recap/ComparePage';
import { useRecapT } from '../recap/i18n';
import { useRecapPlace } from '../recap/location';
import { RecapPage } from '../recap/RecapPage';
import { SessionList } from '../recap/SessionList';

export function SessionsView() {
  const t = useRecapT();
  const place = useRecapPlace();
  if (place.kind === 'recap') return <RecapPage id={place.id} />;
  if (place.kind === 'compare') return <ComparePage a={place.a} b={place.b} />;
  return (
    <section aria-labelledby="sessions-title" className="view">
      <h1 id="sessions-title">{t('list.title')}</h1>
      <SessionList />
    </section>
  );
}
