/**
 * Columns of a platform's order export (PROTOCOL D "Reconciliation"), by Chinese or English header, as
 * 抖店, 小红书 千帆 and 微信小店 write them. A guess maps each field to one column; the user may correct it,
 * and the correction is remembered per file shape (the header signature).
 */

export type ExportField =
  | 'orderId'
  | 'paidAt'
  | 'paidAmount'
  | 'status'
  | 'refundAmount'
  | 'sku'
  | 'qty'
  | 'channel'
  | 'sharer'
  | 'commission';

/** Synonyms in priority order: the first one present in the header wins. */
export const FIELD_HEADERS: Record<ExportField, readonly string[]> = {
  orderId: ['orderId', '主订单编号', '订单号', '订单编号', 'order id', 'order no', '订单ID'],
  paidAt: ['paidAt', '支付时间', '支付完成时间', '付款时间', 'paid time', 'payment time', 'paid at'],
  paidAmount: [
    'paidAmount',
    '实付金额',
    '订单实付',
    '实付款',
    '订单应付金额',
    '支付金额',
    'paid amount',
    'amount paid',
  ],
  status: ['status', '订单状态', 'order status'],
  refundAmount: ['refundAmount', '退款金额', '已退款金额', 'refund amount', 'refunded amount'],
  sku: ['sku', '商品编码', '商家编码', 'SKU编码', 'sku code'],
  qty: ['qty', '数量', '商品数量', '购买数量', 'quantity'],
  channel: ['channel', '渠道', '流量来源', '流量渠道', '成交渠道', 'source'],
  sharer: ['sharer', '推客', '分享者', '推客昵称', '分享员', 'promoter'],
  commission: ['commission', '佣金', '推客佣金', '预估佣金', '分享员佣金'],
};

export const EXPORT_FIELDS = Object.keys(FIELD_HEADERS) as ExportField[];

/** Which header (by its text) each field reads; null = not in this file. */
export type ColumnMapping = Record<ExportField, string | null>;

export const normaliseHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）:：]/g, '');

const SYNONYMS = new Map<string, ExportField>();
for (const field of EXPORT_FIELDS) for (const h of FIELD_HEADERS[field]) SYNONYMS.set(normaliseHeader(h), field);

/** The field a header names, if it is one of the synonyms. */
export const fieldOfHeader = (h: string): ExportField | undefined => SYNONYMS.get(normaliseHeader(h));

/** Guesses each field's column from the synonyms (priority order; a column serves one field). */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const used = new Set<number>();
  const keys = header.map(normaliseHeader);
  const mapping = {} as ColumnMapping;
  for (const field of EXPORT_FIELDS) {
    mapping[field] = null;
    for (const synonym of FIELD_HEADERS[field]) {
      const i = keys.findIndex((k, j) => k === normaliseHeader(synonym) && !used.has(j));
      if (i >= 0) {
        used.add(i);
        mapping[field] = header[i];
        break;
      }
    }
  }
  return mapping;
}

/** The file's shape, to remember a corrected mapping: its header cells, normalised, in order. */
export const headerSignature = (header: readonly string[]): string =>
  header
    .map(normaliseHeader)
    .filter((h) => h !== '')
    .join('|');
