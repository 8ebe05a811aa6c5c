/** The recap's pin table: each pinned product's time on screen, GMV split and orders (shared/recap/pin-ledger). */
import { fmtDuration, fmtInt, fmtMoney } from '../../../shared/recap/format';
import type { PinLedgerRow } from '../../../shared/recap/pin-ledger';
import type { RecapT } from './i18n';
import { SortableTable } from './SortableTable';

export function PinTable(props: {
  rows: PinLedgerRow[];
  t: RecapT;
  lang: 'zh-CN' | 'en';
  name: (id: string) => string;
  /** plays the recording from the product's first pin */
  onPlay: (productId: string) => void;
}) {
  const { t, lang } = props;
  const m = (v: { amount: number } | null) => v?.amount ?? null;
  return (
    <section aria-labelledby="recap-pins">
      <h2 id="recap-pins">{t('report.pinTable')}</h2>
      <SortableTable<PinLedgerRow>
        testId="pin-table"
        caption={t('recap.tableCaption', { name: t('report.pinTable') })}
        sortLabel={(col) => t('list.sort', { col })}
        rows={props.rows}
        rowKey={(r) => r.productId}
        initialSort={{ key: 'gmvProduct', desc: true }}
        columns={[
          {
            key: 'product',
            label: t('report.product'),
            sort: (r) => props.name(r.productId),
            render: (r) => (
              <button type="button" className="link" onClick={() => props.onPlay(r.productId)}>
                {props.name(r.productId)}
              </button>
            ),
          },
          { key: 'pins', label: t('report.pins'), numeric: true, sort: (r) => r.pins, render: (r) => r.pins },
          {
            key: 'pinnedMs',
            label: t('report.pinTime'),
            numeric: true,
            sort: (r) => r.pinnedMs,
            render: (r) => fmtDuration(r.pinnedMs),
          },
          {
            key: 'gmvAll',
            label: t('report.gmvAll'),
            numeric: true,
            sort: (r) => r.gmvAll.amount,
            render: (r) => fmtMoney(r.gmvAll, lang),
          },
          {
            key: 'gmvProduct',
            label: t('report.gmvProduct'),
            numeric: true,
            sort: (r) => r.gmvProduct.amount,
            render: (r) => fmtMoney(r.gmvProduct, lang),
          },
          {
            key: 'gmvTail',
            label: t('report.gmvTail'),
            numeric: true,
            sort: (r) => r.gmvTail.amount,
            render: (r) => fmtMoney(r.gmvTail, lang),
          },
          {
            key: 'orders',
            label: t('figure.orders'),
            numeric: true,
            sort: (r) => r.orders,
            render: (r) => fmtInt(r.orders, lang),
          },
          {
            key: 'units',
            label: t('figure.units'),
            numeric: true,
            sort: (r) => r.units,
            render: (r) => fmtInt(r.units, lang),
          },
          {
            key: 'perMin',
            label: t('report.perPinnedMinute'),
            numeric: true,
            sort: (r) => m(r.perPinnedMinute),
            render: (r) => fmtMoney(r.perPinnedMinute, lang),
          },
          {
            key: 'questions',
            label: t('report.questions'),
            numeric: true,
            sort: (r) => r.questions,
            render: (r) => r.questions,
          },
        ]}
      />
    </section>
  );
}
