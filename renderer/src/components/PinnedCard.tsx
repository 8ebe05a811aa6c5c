import { useState } from 'react';
import { pinActions } from '../engine/actions';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n';
import { clock, count, money } from '../live/format';
import { selectCanOperate, selectPin, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';
import { ProductImage } from './ProductImage';

/** The product on air (讲解中): elapsed time, GMV while pinned, 秒杀 countdown and stock limit. */
export function PinnedCard() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const pin = useStudio(selectPin);
  const products = useStudio(selectProducts);
  const canOperate = useStudio(selectCanOperate);
  const currentPin = useStudio((s) => s.state?.figures?.currentPin ?? null);
  const now = useNow(pin?.pinned != null);
  const [countdown, setCountdown] = useState('');
  const [limit, setLimit] = useState('');
  const pinned = pin?.pinned ?? null;
  const product = pinned ? products.find((p) => p.productId === pinned.productId) : undefined;
  if (!pinned) {
    return (
      <section className="panel pinned pinned--none" aria-labelledby="pinned-title" data-testid="pinned-card">
        <h2 id="pinned-title">{t('pin.title')}</h2>
        <p className="empty">{t('pin.nothing')}</p>
      </section>
    );
  }
  const gmv = currentPin?.productId === pinned.productId ? currentPin.gmv : null;
  const units = currentPin?.productId === pinned.productId ? currentPin.units : null;
  const left = pin?.countdownEndsAt ? Math.max(0, pin.countdownEndsAt - now) : null;
  const apply = () => {
    const seconds = Number.parseInt(countdown, 10);
    const stock = Number.parseInt(limit, 10);
    void pinActions.set(pinned.productId, {
      ...(seconds > 0 ? { countdownSeconds: seconds } : {}),
      ...(stock > 0 ? { stockLimit: stock } : {}),
    });
  };
  return (
    <section
      className="panel pinned"
      aria-labelledby="pinned-title"
      data-testid="pinned-card"
      data-product-id={pinned.productId}
    >
      <header className="panel__header">
        <h2 id="pinned-title">
          <span className="badge badge--live">{t('pin.onAir')}</span>{' '}
          {product ? t('product.linkNo', { n: product.linkNo }) : ''}
        </h2>
        <span className="pinned__elapsed" data-testid="pin-elapsed">
          {clock(now - pinned.since)}
        </span>
      </header>
      <div className="pinned__body">
        {product && <ProductImage image={product.image} linkNo={product.linkNo} size={64} />}
        <div>
          <div className="pinned__title">{product?.title ?? pinned.productId}</div>
          {product && (
            <div className="product-row__meta">
              <span className="price">{money(product.price, language)}</span>
              {product.originalPrice && <s className="price--original">{money(product.originalPrice, language)}</s>}
              <span className="stock">
                {t('product.stock', { n: count(product.stock as number | null, language) })}
              </span>
            </div>
          )}
          <div className="pinned__figures">
            <span data-testid="pin-gmv">{t('pin.gmv', { gmv: money(gmv, language) })}</span>
            {units !== null && <span>{t('pin.units', { n: units })}</span>}
            {left !== null && (
              <span className="badge badge--warn" data-testid="countdown">
                {t('pin.countdown', { time: clock(left) })}
              </span>
            )}
            {pin?.stockLimit && <span className="badge">{t('pin.limit', { n: pin.stockLimit })}</span>}
          </div>
        </div>
      </div>
      {canOperate && (
        <details className="pinned__more">
          <summary>{t('pin.options')}</summary>
          <form
            className="pinned__options"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <label>
              {t('pin.countdownSeconds')}
              <input
                type="number"
                min={1}
                max={86400}
                inputMode="numeric"
                value={countdown}
                onChange={(e) => setCountdown(e.target.value)}
              />
            </label>
            <label>
              {t('pin.stockLimit')}
              <input
                type="number"
                min={1}
                inputMode="numeric"
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
              />
            </label>
            <button type="submit">{t('pin.apply')}</button>
            <button type="button" onClick={() => void pinActions.clear()}>
              {t('pin.unpin')}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}
