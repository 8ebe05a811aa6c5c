import { useT } from '../i18n';
import { money, timeOfDay } from '../live/format';
import { useFeed } from '../store/feed';
import { useStudio } from '../store/studio';

const SHOWN = 6;

/** The latest orders, newest first. Buyer names arrive masked from the engine and are shown as text. */
export function OrdersTicker() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const orders = useFeed((s) => s.orders);
  const latest = orders.slice(-SHOWN).reverse();
  return (
    <section className="panel orders" aria-labelledby="orders-title" data-testid="orders">
      <header className="panel__header">
        <h2 id="orders-title">{t('orders.title')}</h2>
      </header>
      {latest.length === 0 ? (
        <p className="empty">{t('orders.empty')}</p>
      ) : (
        <ul className="orders__list">
          {latest.map((o) => (
            <li key={o.id} className={`orders__item orders__item--${o.kind}`}>
              <span className="muted">{timeOfDay(o.at)}</span>
              <span className="orders__who">{o.buyerName}</span>
              <span className="orders__what">
                {t(`order.${o.kind}`)} {o.items.map((i) => `${i.title} ×${i.qty}`).join('、')}
              </span>
              <span className="orders__amount">{money(o.amount, language)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
