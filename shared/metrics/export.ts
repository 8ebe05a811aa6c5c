/**
 * The session export of PROTOCOL.md D (`GET /sessions/{id}/export`) as JSON (the CSV form is
 * export-csv.ts), carrying every row
 * needed to recompute every figure: paid orders (with totals, since an order may have no lines), their
 * lines, refunds, viewers samples, chat (time and question flag), likes, pin changes, gaps and the
 * run-of-show. `recordFromExport*` read it back; tests hold the recomputed figures to the stats.
 */
import type { SessionInfo } from '../contract/session';
import type { Money } from '../money';
import type { ComputedStats, Figures, MinuteRow, Segment, SessionRecord, SessionWindow } from './types';

export interface ExportAnomaly {
  kind: string;
  orderId: string;
  refundId: string | null;
  amount: Money | null;
  at: number;
  message: string;
}

/** The session's last reconciliation with the platform's books, or null while its figures are provisional. */
export interface Reconciled {
  at: number;
  /** the export file's name */
  source: string;
}

/** "reconciled with <file> at <time>" or "provisional": what every output says about its figures. */
export function reconciledLabel(r: Reconciled | null): string {
  return r === null ? 'provisional' : `reconciled with ${r.source} at ${new Date(r.at).toISOString()}`;
}

type ExportOrder = {
  orderId: string;
  paidAt: number;
  buyerId: string | null;
  channel: string | null;
  total: Money | null;
  sharerId: string | null;
  sharerName: string | null;
  commission: Money | null;
  source: 'feed' | 'export';
};

export interface SessionExport {
  session: SessionInfo;
  /** null: the figures are the live feed's, provisional until reconciled with the platform's export */
  reconciled: Reconciled | null;
  window: SessionWindow;
  currency: string;
  figures: Figures;
  incomplete: ComputedStats['incomplete'];
  orders: ExportOrder[];
  orderLines: {
    orderId: string;
    paidAt: number;
    buyerId: string | null;
    channel: string | null;
    sku: string;
    productId: string;
    qty: number;
    unitPrice: Money;
  }[];
  refunds: { orderId: string; refundId: string; amount: Money; at: number; source: 'feed' | 'export' }[];
  viewers: SessionRecord['viewers'];
  chat: SessionRecord['chat'];
  likes: SessionRecord['likes'];
  pins: SessionRecord['pins'];
  gaps: SessionRecord['gaps'];
  products: string[];
  segments: Segment[];
  minutes: MinuteRow[];
  anomalies: ExportAnomaly[];
}

export function buildExport(
  session: SessionInfo,
  record: SessionRecord,
  stats: ComputedStats,
  anomalies: ExportAnomaly[],
  reconciled: Reconciled | null = null,
): SessionExport {
  const { start, end } = record.window;
  const orders = record.orders.filter((o) => o.paidAt >= start && o.paidAt < end);
  const ids = new Set(orders.map((o) => o.orderId));
  return {
    session,
    reconciled,
    window: record.window,
    currency: record.currency,
    figures: stats.figures,
    incomplete: stats.incomplete,
    orders: orders.map((o) => ({
      orderId: o.orderId,
      paidAt: o.paidAt,
      buyerId: o.buyerId,
      channel: o.channel,
      total: o.total,
      sharerId: o.sharerId ?? null,
      sharerName: o.sharerName ?? null,
      commission: o.commission ?? null,
      source: o.source ?? 'feed',
    })),
    orderLines: orders.flatMap((o) =>
      o.lines.map((l) => ({
        orderId: o.orderId,
        paidAt: o.paidAt,
        buyerId: o.buyerId,
        channel: o.channel,
        sku: l.sku,
        productId: l.productId,
        qty: l.qty,
        unitPrice: l.unitPrice,
      })),
    ),
    refunds: record.refunds.filter((r) => ids.has(r.orderId)).map((r) => ({ ...r, source: r.source ?? 'feed' })),
    viewers: record.viewers,
    chat: record.chat,
    likes: record.likes,
    pins: record.pins,
    gaps: record.gaps,
    products: record.products,
    segments: stats.segments,
    minutes: stats.minutes,
    anomalies,
  };
}

/** The record again, from the export alone. */
export function recordFromExport(x: SessionExport): SessionRecord {
  const lines = new Map<string, SessionRecord['orders'][number]['lines']>();
  for (const l of x.orderLines) {
    const list = lines.get(l.orderId) ?? [];
    list.push({ sku: l.sku, productId: l.productId, qty: l.qty, unitPrice: l.unitPrice });
    lines.set(l.orderId, list);
  }
  return {
    window: x.window,
    currency: x.currency,
    orders: x.orders.map((o) => ({ ...o, lines: lines.get(o.orderId) ?? [] })),
    refunds: x.refunds,
    viewers: x.viewers,
    chat: x.chat,
    likes: x.likes,
    pins: x.pins,
    gaps: x.gaps,
    products: x.products,
  };
}
