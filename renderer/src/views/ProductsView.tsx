import { useT } from '../i18n';
import { ImportPanel } from '../products/ImportPanel';
import { ProductTable } from '../products/ProductTable';

export function ProductsView() {
  const t = useT();
  return (
    <section aria-labelledby="products-title" className="view products">
      <h1 id="products-title">{t('products.title')}</h1>
      <ImportPanel />
      <ProductTable />
    </section>
  );
}
