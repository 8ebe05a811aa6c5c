import { pinActions } from '../engine/actions';
import { useT } from '../i18n';
import { selectCanOperate, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';

const SHOWN = 3;
/** One empty list: a selector must not return a new array each time (zustand would re-render forever). */
const NONE: readonly never[] = [];

/**
 * 观众在要: the products viewers are asking for right now (demand heat: 扣1, 上链接, questions per minute,
 * decayed), and the engine's suggestion to pin the top one when it clearly differs from the pinned.
 */
export function DemandStrip() {
  const t = useT();
  const demand = useStudio((s) => s.state?.radar?.demand ?? NONE);
  const suggestion = useStudio((s) => s.state?.radar?.suggestion ?? null);
  const products = useStudio(selectProducts);
  const canOperate = useStudio(selectCanOperate);
  const byId = (id: string) => products.find((p) => p.productId === id);
  const top = demand.filter((d) => d.perMinute >= 0.5 && byId(d.productId)).slice(0, SHOWN);
  if (top.length === 0) return null;
  const suggested = suggestion ? byId(suggestion.productId) : undefined;
  return (
    <section className="demand" aria-label={t('demand.title')} data-testid="demand">
      <span className="demand__title">{t('demand.title')}</span>
      <ol className="demand__list">
        {top.map((d) => {
          const p = byId(d.productId)!;
          return (
            <li key={d.productId} title={p.title}>
              <span className="chip">{t('chat.linkChip', { n: p.linkNo })}</span>{' '}
              <span className="muted">{t('demand.perMinute', { n: Math.round(d.perMinute) })}</span>
            </li>
          );
        })}
      </ol>
      {suggested && canOperate && (
        <button
          type="button"
          className="mini primary demand__pin"
          data-testid="demand-suggestion"
          onClick={() => void pinActions.set(suggested.productId)}
          aria-label={t('demand.pinLabel', { title: suggested.title })}
        >
          {t('demand.pinIt', { n: suggested.linkNo })}
        </button>
      )}
    </section>
  );
}
