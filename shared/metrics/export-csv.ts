/**
 * The session export as CSV: one table, a `record` column naming what each row is (order, line, refund,
 * viewers, chat...), text cells guarded against spreadsheet formulas. `recordFromExportCsv` reads it back.
 */
import Papa from 'papaparse';
import type { Money } from '../money';
import { reconciledLabel, type SessionExport } from './export';
import type { SessionRecord } from './types';

export const CSV_COLUMNS = [
  'record',
  'sessionId',
  'title',
  'currency',
  'orderId',
  'paidAt',
  'buyerId',
  'channel',
  'totalFen',
  'sku',
  'productId',
  'qty',
  'unitPriceFen',
  'refundId',
  'amountFen',
  'at',
  'seq',
  'current',
  'cumulative',
  'question',
  'count',
  'start',
  'end',
  'durationMs',
  'gmvAllFen',
  'gmvProductFen',
  'gmvTailFen',
  'orders',
  'units',
  'questions',
  'paidGmvFen',
  'refundsFen',
  'chat',
  'likes',
  'viewers',
  'pinnedProductId',
  'incomplete',
  'kind',
  'message',
  'sharerId',
  'sharerName',
  'commissionFen',
  'source',
  'gmvProductSettledFen',
  'reconciled',
  'reconciledAt',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string | number | boolean | null>>;

const COLUMN_INDEX = new Map<string, number>(CSV_COLUMNS.map((c, i) => [c, i]));

/**
 * Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a leading
 * apostrophe, as do texts already starting with one, so reading back strips exactly one. Numbers (fen
 * amounts, negative ones included) are written as numbers and never prefixed: they are not text.
 */
export const escapeFormulaText = (v: string): string => (/^[=+\-@\t\r']/.test(v) ? `'${v}` : v);
export const unescapeFormulaText = (v: string): string => (v.startsWith("'") ? v.slice(1) : v);

const cell = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  const text = escapeFormulaText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One CSV line; only the row's own keys are visited (a 4-hour show exports ~200,000 chat rows). */
function csvLine(row: CsvRow): string {
  const cells = new Array<string>(CSV_COLUMNS.length).fill('');
  for (const key in row) cells[COLUMN_INDEX.get(key)!] = cell(row[key as CsvColumn]);
  return cells.join(',');
}

/**
 * One table, first column `record` (session, order, order_line, refund, viewers, chat, like, pin, gap,
 * product, segment, minute, anomaly), money in integer fen in columns ending `Fen`, empty cell = null.
 * UTF-8 with a BOM so spreadsheet programs open Chinese text correctly.
 */
export function exportCsv(x: SessionExport): string {
  const rows: CsvRow[] = [];
  rows.push({
    record: 'session',
    sessionId: x.session.id,
    title: x.session.title,
    currency: x.currency,
    start: x.window.start,
    end: x.window.end,
    at: x.session.startedAt,
    paidAt: x.session.endedAt,
    reconciled: reconciledLabel(x.reconciled),
    source: x.reconciled?.source,
    reconciledAt: x.reconciled?.at,
  });
  for (const o of x.orders) {
    rows.push({
      record: 'order',
      orderId: o.orderId,
      paidAt: o.paidAt,
      buyerId: o.buyerId,
      channel: o.channel,
      totalFen: o.total?.amount,
      sharerId: o.sharerId,
      sharerName: o.sharerName,
      commissionFen: o.commission?.amount,
      source: o.source,
    });
  }
  for (const l of x.orderLines) {
    rows.push({
      record: 'order_line',
      orderId: l.orderId,
      paidAt: l.paidAt,
      buyerId: l.buyerId,
      channel: l.channel,
      sku: l.sku,
      productId: l.productId,
      qty: l.qty,
      unitPriceFen: l.unitPrice.amount,
    });
  }
  for (const r of x.refunds)
    rows.push({
      record: 'refund',
      orderId: r.orderId,
      refundId: r.refundId,
      amountFen: r.amount.amount,
      at: r.at,
      source: r.source,
    });
  for (const v of x.viewers)
    rows.push({ record: 'viewers', at: v.at, seq: v.seq, current: v.current, cumulative: v.cumulative });
  for (const c of x.chat) rows.push({ record: 'chat', at: c.at, question: c.question });
  for (const l of x.likes) rows.push({ record: 'like', at: l.at, count: l.count });
  for (const p of x.pins) rows.push({ record: 'pin', at: p.at, productId: p.productId });
  for (const g of x.gaps) rows.push({ record: 'gap', start: g.from, end: g.to });
  x.products.forEach((id, i) => {
    rows.push({ record: 'product', productId: id, seq: i + 1 });
  });
  for (const s of x.segments) {
    rows.push({
      record: 'segment',
      productId: s.productId,
      start: s.start,
      end: s.end,
      durationMs: s.durationMs,
      gmvAllFen: s.gmvAll.amount,
      gmvProductFen: s.gmvProduct.amount,
      gmvTailFen: s.gmvTail.amount,
      gmvProductSettledFen: s.gmvProductSettled.amount,
      orders: s.orders,
      units: s.units,
      questions: s.questions,
    });
  }
  for (const m of x.minutes) {
    rows.push({
      record: 'minute',
      start: m.start,
      paidGmvFen: m.paidGmv.amount,
      orders: m.orders,
      units: m.units,
      refundsFen: m.refunds.amount,
      chat: m.chat,
      likes: m.likes,
      viewers: m.viewers,
      pinnedProductId: m.pinnedProductId,
      incomplete: m.incomplete,
    });
  }
  for (const a of x.anomalies) {
    rows.push({
      record: 'anomaly',
      kind: a.kind,
      orderId: a.orderId,
      refundId: a.refundId,
      amountFen: a.amount?.amount,
      at: a.at,
      message: a.message,
    });
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(csvLine(row));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The record again, from the CSV export alone. */
export function recordFromExportCsv(text: string): SessionRecord {
  const parsed = Papa.parse<Record<CsvColumn, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
    transform: unescapeFormulaText,
  });
  const num = (s: string) => Number(s);
  const opt = (s: string) => (s === '' ? null : s);
  const optNum = (s: string) => (s === '' ? null : Number(s));
  const session = parsed.data.find((r) => r.record === 'session');
  if (!session) throw new Error('The export has no session row');
  const currency = session.currency;
  const m = (s: string): Money => ({ amount: num(s), currency });
  const record: SessionRecord = {
    window: { start: num(session.start), end: num(session.end) },
    currency,
    orders: [],
    refunds: [],
    viewers: [],
    chat: [],
    likes: [],
    pins: [],
    gaps: [],
    products: [],
  };
  const orders = new Map<string, SessionRecord['orders'][number]>();
  for (const r of parsed.data) {
    switch (r.record) {
      case 'order': {
        const o = {
          orderId: r.orderId,
          paidAt: num(r.paidAt),
          buyerId: opt(r.buyerId),
          channel: opt(r.channel),
          total: r.totalFen === '' ? null : m(r.totalFen),
          lines: [],
          sharerId: opt(r.sharerId),
          sharerName: opt(r.sharerName),
          commission: r.commissionFen === '' ? null : m(r.commissionFen),
          source: r.source === 'export' ? ('export' as const) : ('feed' as const),
        };
        orders.set(o.orderId, o);
        record.orders.push(o);
        break;
      }
      case 'order_line':
        orders
          .get(r.orderId)
          ?.lines.push({ sku: r.sku, productId: r.productId, qty: num(r.qty), unitPrice: m(r.unitPriceFen) });
        break;
      case 'refund':
        record.refunds.push({
          orderId: r.orderId,
          refundId: r.refundId,
          amount: m(r.amountFen),
          at: num(r.at),
          source: r.source === 'export' ? 'export' : 'feed',
        });
        break;
      case 'viewers':
        record.viewers.push({
          at: num(r.at),
          seq: num(r.seq),
          current: num(r.current),
          cumulative: optNum(r.cumulative),
        });
        break;
      case 'chat':
        record.chat.push({ at: num(r.at), question: r.question === '1' });
        break;
      case 'like':
        record.likes.push({ at: num(r.at), count: num(r.count) });
        break;
      case 'pin':
        record.pins.push({ at: num(r.at), productId: opt(r.productId) });
        break;
      case 'gap':
        record.gaps.push({ from: num(r.start), to: num(r.end) });
        break;
      case 'product':
        record.products.push(r.productId);
        break;
    }
  }
  return record;
}
