import type { SourceHealth } from '../../../shared/contract';
import { useNow } from '../hooks/useNow';
import { type MessageKey, useT } from '../i18n';
import { ageParts, sourceName } from '../live/source-label';
import { useStudio } from '../store/studio';

/** One empty list: a selector must not answer a new array on every call (React would loop). */
const NO_SOURCES: SourceHealth[] = [];

/**
 * Where live data comes from and whether it still does: the gateway and each bridge with its state,
 * the last event, events per minute, and a warning when a source goes quiet during a session. With no
 * gateway (bridges only) it says so, and where to add a bridge while there is none.
 */
export function SourcesPanel() {
  const t = useT();
  const sources = useStudio((s) => s.state?.sources ?? NO_SOURCES);
  const localOnly = useStudio((s) => s.state?.gateway.status === 'local');
  const now = useNow(sources.length > 0);
  if (sources.length === 0 && !localOnly) return null;
  const words = { gateway: t('sources.gateway'), demo: t('gateway.demoRoom') };
  const quiet = sources.filter((s) => s.quiet);
  return (
    <section className="panel sources" aria-labelledby="sources-title" data-testid="sources">
      <h2 id="sources-title" className="panel__title">
        {t('sources.title')}
      </h2>
      {localOnly && (
        <p className="hint" data-testid="sources-local">
          {t('sources.localOnly')}
          {sources.length === 0 ? ` · ${t('sources.noBridges')}` : ''}
        </p>
      )}
      <div aria-live="polite">
        {quiet.map((s) => (
          <p key={s.id} className="sources__warning" role="status" data-testid="source-quiet">
            {t('sources.quiet', { name: sourceName(s, words), n: Math.floor((s.quietForMs ?? 0) / 60_000) || 1 })}
          </p>
        ))}
      </div>
      <ul className="sources__list">
        {sources.map((s) => {
          const age = ageParts(s.lastEventAt, now);
          const tone =
            s.quiet || s.state === 'failed' || s.state === 'disconnected' ? 'error' : s.connected ? 'ok' : 'warn';
          return (
            <li key={s.id} className="sources__item" data-testid="source" data-source={s.id} data-state={s.state}>
              <span className="sources__name">{sourceName(s, words)}</span>
              <span className={`status-pill status-pill--${tone}`}>
                {t(`sources.state.${s.state}` as MessageKey)}
                {s.reason && !s.connected ? ` (${s.reason})` : ''}
              </span>
              <span className="sources__meta">
                {age.unit === 'none' ? t('sources.noEvents') : t(`sources.ago.${age.unit}` as MessageKey, { n: age.n })}
                {' · '}
                {t('sources.perMinute', { n: s.perMinute })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
