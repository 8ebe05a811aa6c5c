import { useState } from 'react';
import type { Product } from '../../../shared/contract';
import { parseYuan, toYuanString } from '../../../shared/money';
import { ProductImage } from '../components/ProductImage';
import { ActionsHeader, RowButton } from '../components/TableParts';
import { moveProduct, updateProduct } from '../engine/http-actions';
import { useT } from '../i18n';
import { count, money } from '../live/format';
import { stockLevel } from '../live/product-view';
import { selectCanOperate, selectProducts } from '../store/selectors';
import { useStudio } from '../store/studio';
import { FactsDialog } from './FactsDialog';

/** The catalogue in run-of-show order: pictures, prices, stock; edit a row, move it up or down. */
export function ProductTable() {
  const t = useT();
  const language = useStudio((s) => s.language);
  const products = useStudio(selectProducts);
  const canOperate = useStudio(selectCanOperate);
  const [editing, setEditing] = useState<string | null>(null);
  const [factsOf, setFactsOf] = useState<string | null>(null);
  const factsProduct = products.find((p) => p.productId === factsOf) ?? null;
  const reorder = (from: number, to: number) => void moveProduct(products, from, to);
  if (products.length === 0) return <p className="empty">{t('ros.empty')}</p>;
  return (
    <>
      <table className="table products-table" data-testid="products-table">
        <thead>
          <tr>
            <th scope="col">{t('products.linkNo')}</th>
            <th scope="col">{t('products.image')}</th>
            <th scope="col">{t('products.titleCol')}</th>
            <th scope="col">{t('products.sku')}</th>
            <th scope="col">{t('products.price')}</th>
            <th scope="col">{t('products.originalPrice')}</th>
            <th scope="col">{t('products.stock')}</th>
            {canOperate && <ActionsHeader label={t('seats.actions')} />}
          </tr>
        </thead>
        <tbody>
          {products.map((p, i) =>
            editing === p.productId ? (
              <EditRow key={p.productId} product={p} onDone={() => setEditing(null)} />
            ) : (
              <tr key={p.productId} data-product-id={p.productId}>
                <td>{p.linkNo}</td>
                <td>
                  <ProductImage image={p.image} linkNo={p.linkNo} size={40} />
                </td>
                <td>{p.title}</td>
                <td className="muted">{p.sku}</td>
                <td>{money(p.price, language)}</td>
                <td className="muted">{p.originalPrice ? money(p.originalPrice, language) : '—'}</td>
                <td className={`stock--${stockLevel(p.stock as number | null)}`}>
                  {count(p.stock as number | null, language)}
                </td>
                {canOperate && (
                  <td className="row-actions">
                    <button
                      type="button"
                      className="icon-button"
                      disabled={i === 0}
                      onClick={() => reorder(i, i - 1)}
                      aria-label={t('product.moveUp', { title: p.title })}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      disabled={i === products.length - 1}
                      onClick={() => reorder(i, i + 1)}
                      aria-label={t('product.moveDown', { title: p.title })}
                    >
                      ↓
                    </button>
                    <RowButton
                      onClick={() => setEditing(p.productId)}
                      label={t('products.editLabel', { title: p.title })}
                    >
                      {t('products.edit')}
                    </RowButton>
                    <RowButton onClick={() => setFactsOf(p.productId)} label={t('facts.editLabel', { title: p.title })}>
                      {t('facts.edit')}
                      {p.facts && Object.keys(p.facts).length > 0 ? ` (${Object.keys(p.facts).length})` : ''}
                    </RowButton>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {factsProduct && <FactsDialog product={factsProduct} onClose={() => setFactsOf(null)} />}
    </>
  );
}

function EditRow({ product, onDone }: { product: Product; onDone(): void }) {
  const t = useT();
  const [title, setTitle] = useState(product.title);
  const [price, setPrice] = useState(toYuanString(product.price));
  const [original, setOriginal] = useState(product.originalPrice ? toYuanString(product.originalPrice) : '');
  const [stock, setStock] = useState((product.stock as number | null)?.toString() ?? '');
  const [image, setImage] = useState((product.image as string | null) ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      const patch = {
        title: title.trim(),
        price: parseYuan(price),
        originalPrice: original.trim() ? parseYuan(original) : null,
        stock: Number.parseInt(stock, 10),
        image: image.trim(),
      };
      if (!patch.title || !Number.isInteger(patch.stock) || patch.stock < 0) throw new Error(t('products.invalid'));
      if (await updateProduct(product.productId, patch)) onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <tr className="edit-row" data-product-id={product.productId}>
      <td>{product.linkNo}</td>
      <td colSpan={2}>
        <input aria-label={t('products.titleCol')} value={title} onChange={(e) => setTitle(e.target.value)} />
        <input
          aria-label={t('products.image')}
          value={image}
          onChange={(e) => setImage(e.target.value)}
          placeholder="https://… / images/x.jpg"
        />
      </td>
      <td className="muted">{product.sku}</td>
      <td>
        <input
          aria-label={t('products.price')}
          value={price}
          inputMode="decimal"
          onChange={(e) => setPrice(e.target.value)}
          size={8}
        />
      </td>
      <td>
        <input
          aria-label={t('products.originalPrice')}
          value={original}
          inputMode="decimal"
          onChange={(e) => setOriginal(e.target.value)}
          size={8}
        />
      </td>
      <td>
        <input
          aria-label={t('products.stock')}
          value={stock}
          inputMode="numeric"
          onChange={(e) => setStock(e.target.value)}
          size={5}
        />
      </td>
      <td className="row-actions">
        <button type="button" className="primary mini" onClick={() => void save()}>
          {t('common.save')}
        </button>
        <button type="button" className="mini" onClick={onDone}>
          {t('common.cancel')}
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}
