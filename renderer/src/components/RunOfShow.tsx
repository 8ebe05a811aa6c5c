import { type DragEvent, useMemo, useRef, useState } from 'react';
import { pinActions } from '../engine/actions';
import { moveProduct } from '../engine/http-actions';
import { useNow } from '../hooks/useNow';
import { useT } from '../i18n';
import { money } from '../live/format';
import { searchProducts } from '../live/run-of-show';
import { selectCanOperate, selectPin, selectProductLive, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';
import { DemandStrip } from './DemandStrip';
import { ProductRow } from './ProductRow';

/**
 * 排品: products in show order with their pin buttons. Drag a row (or use its ↑/↓ buttons) to reorder;
 * searching narrows the list (reordering is off while a search is active, so positions stay clear).
 */
export function RunOfShow() {
  const t = useT();
  const products = useStudio(selectProducts);
  const live = useStudio(selectProductLive);
  const pin = useStudio(selectPin);
  const canOperate = useStudio(selectCanOperate);
  const currentPin = useStudio((s) => s.state?.figures?.currentPin ?? null);
  const [query, setQuery] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const now = useNow(pin?.pinned != null);

  const shown = useMemo(() => searchProducts(products, query), [products, query]);
  const canReorder = canOperate && query.trim() === '';
  const pinMoney = currentPin && currentPin.productId === pin?.pinned?.productId ? currentPin.gmv : null;

  const indexOf = (id: string) => products.findIndex((p) => p.productId === id);
  const reorder = (from: number, to: number) => void moveProduct(products, from, to);

  // Rows are memoized: their handlers are stable and read the latest state through a ref, so a
  // figures patch re-renders only the rows whose sold count changed.
  const latest = useRef({ reorder, indexOf, dragging, over, setDragging, setOver });
  latest.current = { reorder, indexOf, dragging, over, setDragging, setOver };
  const handlers = useMemo(
    () => ({
      onPin: (id: string) => void pinActions.set(id),
      onUnpin: () => void pinActions.clear(),
      onMove: (id: string, direction: -1 | 1) => {
        const from = latest.current.indexOf(id);
        latest.current.reorder(from, from + direction);
      },
      drag: {
        onDragStart: (e: DragEvent, id: string) => {
          latest.current.setDragging(id);
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', id);
        },
        onDragOver: (e: DragEvent, id: string) => {
          if (!latest.current.dragging) return;
          e.preventDefault();
          if (latest.current.over !== id) latest.current.setOver(id);
        },
        onDrop: (e: DragEvent, id: string) => {
          e.preventDefault();
          const { dragging: from, indexOf: at } = latest.current;
          if (from && from !== id) latest.current.reorder(at(from), at(id));
          latest.current.setDragging(null);
          latest.current.setOver(null);
        },
        onDragEnd: () => {
          latest.current.setDragging(null);
          latest.current.setOver(null);
        },
      },
    }),
    [],
  );

  return (
    <section className="panel run-of-show" aria-labelledby="ros-title" data-testid="run-of-show">
      <header className="panel__header">
        <h2 id="ros-title">{t('ros.title')}</h2>
        <span className="muted">{t('ros.count', { n: products.length })}</span>
        {canOperate && (
          <span className="pin-nav">
            <button type="button" onClick={() => void pinActions.previous()} title={t('ros.previousHint')}>
              {t('ros.previous')}
            </button>
            <button type="button" onClick={() => void pinActions.next()} title={t('ros.nextHint')}>
              {t('ros.next')}
            </button>
          </span>
        )}
      </header>
      <input
        type="search"
        className="search"
        placeholder={t('ros.search')}
        aria-label={t('ros.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <DemandStrip />
      {products.length === 0 ? (
        <p className="empty">{t('ros.empty')}</p>
      ) : (
        <ol className="product-list" aria-label={t('ros.title')}>
          {shown.map((product) => (
            <ProductRow
              key={product.productId}
              product={product}
              sold={live[product.productId]?.units ?? 0}
              pin={pin?.pinned?.productId === product.productId ? pin : null}
              pinGmv={pin?.pinned?.productId === product.productId ? pinMoney : null}
              now={pin?.pinned?.productId === product.productId ? now : 0}
              canOperate={canOperate}
              canReorder={canReorder}
              position={indexOf(product.productId)}
              total={products.length}
              onPin={handlers.onPin}
              onUnpin={handlers.onUnpin}
              onMove={handlers.onMove}
              drag={handlers.drag}
              dragOver={over === product.productId && dragging !== product.productId}
            />
          ))}
        </ol>
      )}
      <UnknownProducts />
      <p className="hint">{t('ros.shortcuts')}</p>
    </section>
  );
}

/**
 * Sales whose product the catalogue does not have (a sku missing from the import): shown as 未知商品 with
 * their sku, never dropped, the same rows the recap shows under that name.
 */
function UnknownProducts() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const products = useStudio(selectProducts);
  const live = useStudio(selectProductLive);
  const known = useMemo(() => new Set(products.map((p) => p.productId)), [products]);
  const unknown = Object.values(live).filter((p) => !known.has(p.productId));
  if (unknown.length === 0) return null;
  return (
    <ul className="unknown-products" data-testid="unknown-products">
      {unknown.map((p) => (
        <li key={p.productId} data-product={p.productId}>
          {t('products.unknown')} {p.productId} · {t('product.sold', { n: p.units })} · {money(p.gmv, language)}
        </li>
      ))}
    </ul>
  );
}
