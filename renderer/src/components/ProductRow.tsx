import { type DragEvent, memo } from 'react';
import type { PinState } from '../../../shared/contract/pins';
import type { Product } from '../../../shared/contract/products';
import type { Money } from '../../../shared/money';
import { useT } from '../i18n';
import { clock, count, money } from '../live/format';
import { stockLevel } from '../live/product-view';
import { useStudio } from '../store/studio';
import { ProductImage } from './ProductImage';

export interface ProductRowProps {
  product: Product;
  /** Units sold in the running session. */
  sold: number;
  /** Set when this product is the pinned one. */
  pin: PinState | null;
  pinGmv: Money | null;
  now: number;
  canOperate: boolean;
  canReorder: boolean;
  position: number;
  total: number;
  onPin(productId: string): void;
  onUnpin(): void;
  onMove(productId: string, direction: -1 | 1): void;
  drag: {
    onDragStart(e: DragEvent, productId: string): void;
    onDragOver(e: DragEvent, productId: string): void;
    onDrop(e: DragEvent, productId: string): void;
    onDragEnd(): void;
  };
  dragOver: boolean;
}

/** One product of the run-of-show: picture, title, prices, stock, sold this session, and its pin button. */
export const ProductRow = memo(function ProductRow(props: ProductRowProps) {
  const t = useT();
  const language = useStudio((s) => s.language);
  const { product, pin, canOperate } = props;
  const pinned = pin?.pinned?.productId === product.productId ? pin.pinned : null;
  const stock = product.stock as number | null;
  const level = stockLevel(stock);
  const countdownLeft = pinned && pin?.countdownEndsAt ? pin.countdownEndsAt - props.now : null;
  return (
    <li
      className={`product-row${pinned ? ' product-row--pinned' : ''}${props.dragOver ? ' product-row--over' : ''}`}
      data-testid="product-row"
      data-product-id={product.productId}
      data-pinned={pinned ? 'true' : undefined}
      draggable={props.canReorder}
      onDragStart={(e) => props.drag.onDragStart(e, product.productId)}
      onDragOver={(e) => props.drag.onDragOver(e, product.productId)}
      onDrop={(e) => props.drag.onDrop(e, product.productId)}
      onDragEnd={props.drag.onDragEnd}
    >
      <span className="product-row__link" title={t('product.linkNo', { n: product.linkNo })}>
        {product.linkNo}
      </span>
      <ProductImage image={product.image} linkNo={product.linkNo} />
      <div className="product-row__main">
        <div className="product-row__title" title={product.title}>
          {product.title}
        </div>
        <div className="product-row__meta">
          <span className="price">{money(product.price, language)}</span>
          {product.originalPrice && <s className="price--original">{money(product.originalPrice, language)}</s>}
          <span className={`stock stock--${level}`}>
            {level === 'out' ? t('product.soldOut') : t('product.stock', { n: count(stock, language) })}
          </span>
          <span className="sold">{t('product.sold', { n: count(props.sold, language) })}</span>
        </div>
        {pinned && (
          <div className="product-row__pin" data-testid="pinned-info">
            <span className="badge badge--live">{t('pin.onAir')}</span>
            <span>{t('pin.elapsed', { time: clock(props.now - pinned.since) })}</span>
            <span>{t('pin.gmv', { gmv: money(props.pinGmv, language) })}</span>
            {countdownLeft !== null && (
              <span className="badge badge--warn">
                {t('pin.countdown', { time: clock(Math.max(0, countdownLeft)) })}
              </span>
            )}
            {pin?.stockLimit && <span className="badge">{t('pin.limit', { n: pin.stockLimit })}</span>}
          </div>
        )}
      </div>
      <div className="product-row__actions">
        {props.canReorder && (
          <span className="move-buttons">
            <button
              type="button"
              className="icon-button"
              disabled={props.position === 0}
              onClick={() => props.onMove(product.productId, -1)}
              aria-label={t('product.moveUp', { title: product.title })}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              disabled={props.position === props.total - 1}
              onClick={() => props.onMove(product.productId, 1)}
              aria-label={t('product.moveDown', { title: product.title })}
            >
              ↓
            </button>
          </span>
        )}
        {canOperate &&
          (pinned ? (
            <button type="button" className="pin-button pin-button--unpin" onClick={props.onUnpin}>
              {t('pin.unpin')}
            </button>
          ) : (
            <button
              type="button"
              className="pin-button primary"
              onClick={() => props.onPin(product.productId)}
              aria-label={t('pin.pinLabel', { title: product.title })}
            >
              {t('pin.pin')}
            </button>
          ))}
      </div>
    </li>
  );
});
