/** The recap's product table: GMV while pinned and not, units and refunds per product (shared/recap/product-table). */
import { useMemo } from 'react';
import { fmtInt, fmtMoney } from '../../../shared/recap/format';
import { type ProductTableRow, productTableRows } from '../../../shared/recap/product-table';
import type { RecapBody } from '../../../shared/recap/types';
import type { RecapT } from './i18n';
import { SortableTable } from './SortableTable';

export function ProductTable(props: {
  recap: RecapBody;
  t: RecapT;
  lang: 'zh-CN' | 'en';
  name: (id: string) => string;
}) {
  const { recap, t, lang } = props;
  const cur = recap.figures.paidGmv.currency;
  const rows = useMemo(() => productTableRows(recap), [recap]);
  const money = (amount: number) => fmtMoney({ amount, currency: cur }, lang);
  return (
    <section aria-labelledby="recap-products">
      <h2 id="recap-products">{t('report.productTable')}</h2>
      <SortableTable<ProductTableRow>
        testId="product-table"
        caption={t('recap.tableCaption', { name: t('report.productTable') })}
        sortLabel={(col) => t('list.sort', { col })}
        rows={rows}
        rowKey={(r) => r.productId}
        initialSort={{ key: 'gmvPinned', desc: true }}
        columns={[
          {
            key: 'product',
            label: t('report.product'),
            sort: (r) => props.name(r.productId),
            render: (r) => props.name(r.productId),
          },
          {
            key: 'gmvPinned',
            label: t('report.gmvPinned'),
            numeric: true,
            sort: (r) => r.gmvPinned,
            render: (r) => money(r.gmvPinned),
          },
          {
            key: 'gmvNotPinned',
            label: t('report.gmvNotPinned'),
            numeric: true,
            sort: (r) => r.gmvNotPinned,
            render: (r) => money(r.gmvNotPinned),
          },
          {
            key: 'units',
            label: t('figure.units'),
            numeric: true,
            sort: (r) => r.units,
            render: (r) => fmtInt(r.units, lang),
          },
          {
            key: 'refunds',
            label: t('report.productRefunds'),
            numeric: true,
            sort: (r) => r.refunds,
            render: (r) => money(r.refunds),
          },
        ]}
      />
    </section>
  );
}
