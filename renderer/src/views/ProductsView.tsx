import { useT } from '../i18n';

export function ProductsView() {
  const t = useT();
  return (
    <section aria-labelledby="products-title" className="view">
      <h1 id="products-title">{t('products.title')}</h1>
    </section>
  );
}
