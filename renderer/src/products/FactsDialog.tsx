import { useEffect, useRef, useState } from 'react';
import {
  FACT_KEYS,
  FACT_LABELS,
  type FactKey,
  type FactsPatch,
  MAX_FACT_LENGTH,
} from '../../../shared/catalogue/facts';
import type { Product } from '../../../shared/contract';
import { updateProduct } from '../engine/http-actions';
import { useT } from '../i18n';
import { useStudio } from '../store/studio';

/**
 * A product's facts (尺码表, 材质 ...) in a modal dialog: what the radar's suggested answers quote. Empty
 * fields are no fact. `focus` opens on the fact a question was missing ("stock" opens on the stock field).
 */
export function FactsDialog(props: { product: Product; focus?: FactKey | 'stock'; onClose(): void }) {
  const t = useT();
  const language = useStudio((s) => s.language);
  const ref = useRef<HTMLDialogElement>(null);
  const { product } = props;
  const [values, setValues] = useState<Record<FactKey, string>>(
    () => Object.fromEntries(FACT_KEYS.map((k) => [k, product.facts?.[k] ?? ''])) as Record<FactKey, string>,
  );
  const [stock, setStock] = useState(product.stock === null ? '' : String(product.stock));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>(`[data-fact="${props.focus ?? FACT_KEYS[0]}"]`)?.focus();
  }, [props.focus]);

  const save = async () => {
    const facts: FactsPatch = {};
    for (const key of FACT_KEYS) {
      const text = values[key].trim();
      if (text) facts[key] = text;
      else if (product.facts?.[key] !== undefined) facts[key] = null;
    }
    const stockText = stock.trim();
    const stockValue = stockText === '' ? null : Number(stockText);
    if (stockValue !== null && (!Number.isInteger(stockValue) || stockValue < 0)) {
      setError(t('products.invalid'));
      return;
    }
    if (await updateProduct(product.productId, { facts, stock: stockValue })) props.onClose();
  };

  return (
    <dialog ref={ref} className="dialog facts-dialog" onCancel={props.onClose} aria-labelledby="facts-title">
      <h2 id="facts-title">{t('facts.title', { title: `${product.linkNo}号 ${product.title}` })}</h2>
      <p className="muted">{t('facts.hint')}</p>
      <form
        className="facts-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FACT_KEYS.map((key) => (
          <label key={key}>
            <span>{FACT_LABELS[key][language === 'en' ? 'en' : 'zh']}</span>
            <textarea
              data-fact={key}
              rows={key === 'sizeChart' ? 3 : 1}
              maxLength={MAX_FACT_LENGTH}
              value={values[key]}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            />
          </label>
        ))}
        <label>
          <span>{t('products.stock')}</span>
          <input data-fact="stock" inputMode="numeric" value={stock} onChange={(e) => setStock(e.target.value)} />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
