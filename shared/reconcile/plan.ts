/**
 * Reconciliation (METRICS "Reconciliation"), pure: the session's record against the platform's export.
 * Orders only in the export are added (source `export`); amounts that differ take the export's; refunds
 * the export knows beyond the feed's are applied as one `export` refund per order (so a later file
 * replaces it instead of adding to it); orders only in the studio are listed and kept. The ledger applies
 * the plan to its tables; `applyPlan` does the same to a record, and tests hold the two equal.
 */
import { resolveProductId, type SkuMap } from '../catalogue/resolve-sku';
import { sessionOrders } from '../metrics/figures';
import { inWindow, type RecordOrder, type SessionRecord } from '../metrics/types';
import { type Money, money } from '../money';
import type { ExportOrder, ParsedExport } from './parse';

/** The refund id of the part of an order's refunds only the platform's books know. */
export const EXPORT_REFUND_ID = 'export';

export interface ReconcilePlan {
  /** orders the feed missed, as the export has them (replacing an earlier export's version) */
  addOrders: RecordOrder[];
  setAmounts: { orderId: string; total: Money }[];
  setAttribution: {
    orderId: string;
    channel: string | null;
    sharerId: string | null;
    sharerName: string | null;
    commission: Money | null;
  }[];
  /** per order, the `export` refund it should carry now (amount 0: none) */
  exportRefunds: { orderId: string; amount: Money }[];
}

export interface ReconcileSummary {
  kind: ParsedExport['kind'];
  /** orders in both, amount mismatches included */
  matched: number;
  onlyInExport: string[];
  onlyInStudio: string[];
  amountMismatches: { orderId: string; studio: Money; export: Money }[];
  /** refunds the export added or changed, per order, with the amount it now carries */
  refundsAdded: { orderId: string; amount: Money }[];
  /** export rows ignored: paid outside the session's window (or, in a refunds-only file, not the session's) */
  outsideWindow: number;
  /** export rows of orders never paid (closed, cancelled) */
  unpaidRows: number;
}

function linesOf(o: ExportOrder, skuMap: SkuMap, currency: string): RecordOrder['lines'] {
  return o.lines.map((l) => ({
    sku: l.sku,
    productId: resolveProductId({ sku: l.sku }, skuMap),
    qty: l.qty,
    // the row's paid amount per unit: a weight for splitting the order's total over its lines
    unitPrice: money(Math.round(l.paid / l.qty), currency),
  }));
}

export function planReconciliation(
  record: SessionRecord,
  parsed: ParsedExport,
  skuMap: SkuMap,
): { plan: ReconcilePlan; summary: ReconcileSummary } {
  const c = record.currency;
  const studio = new Map(sessionOrders(record).map((o) => [o.orderId, o]));
  const refunds = new Map<string, { feed: number; export: number }>();
  for (const r of record.refunds) {
    const row = refunds.get(r.orderId) ?? { feed: 0, export: 0 };
    if (r.refundId === EXPORT_REFUND_ID && r.source === 'export') row.export += r.amount.amount;
    else row.feed += r.amount.amount;
    refunds.set(r.orderId, row);
  }
  const plan: ReconcilePlan = { addOrders: [], setAmounts: [], setAttribution: [], exportRefunds: [] };
  const summary: ReconcileSummary = {
    kind: parsed.kind,
    matched: 0,
    onlyInExport: [],
    onlyInStudio: [],
    amountMismatches: [],
    refundsAdded: [],
    outsideWindow: 0,
    unpaidRows: parsed.unpaidRows,
  };
  const seen = new Set<string>();
  for (const x of parsed.orders) {
    const mine = studio.get(x.orderId);
    const isOrdersFile = parsed.kind === 'orders';
    if (isOrdersFile ? x.paidAt === null || !inWindow(record.window, x.paidAt) : !mine) {
      summary.outsideWindow += x.rows;
      continue;
    }
    seen.add(x.orderId);
    let total = mine?.total ?? null;
    if (isOrdersFile && (!mine || mine.source === 'export')) {
      summary.onlyInExport.push(x.orderId);
      total = x.paid === null ? null : money(x.paid, c);
      plan.addOrders.push({
        orderId: x.orderId,
        paidAt: x.paidAt as number,
        buyerId: null,
        channel: x.channel,
        total,
        lines: linesOf(x, skuMap, c),
        sharerId: x.sharer,
        sharerName: x.sharer,
        commission: x.commission === null ? null : money(x.commission, c),
        source: 'export',
      });
    } else if (mine) {
      summary.matched++;
      if (x.paid !== null && mine.total?.amount !== x.paid) {
        if (mine.total !== null) {
          summary.amountMismatches.push({ orderId: x.orderId, studio: mine.total, export: money(x.paid, c) });
        }
        total = money(x.paid, c);
        plan.setAmounts.push({ orderId: x.orderId, total });
      }
      const attribution = {
        orderId: x.orderId,
        channel: x.channel ?? mine.channel,
        sharerId: mine.sharerId ?? x.sharer,
        sharerName: mine.sharerName ?? x.sharer,
        commission: x.commission === null ? (mine.commission ?? null) : money(x.commission, c),
      };
      if (
        attribution.channel !== mine.channel ||
        attribution.sharerId !== (mine.sharerId ?? null) ||
        attribution.sharerName !== (mine.sharerName ?? null) ||
        attribution.commission?.amount !== mine.commission?.amount
      ) {
        plan.setAttribution.push(attribution);
      }
    }
    const had = refunds.get(x.orderId) ?? { feed: 0, export: 0 };
    const room = total === null ? Number.POSITIVE_INFINITY : total.amount - had.feed;
    const wanted = Math.max(0, Math.min(x.refunded - had.feed, room));
    if (wanted !== had.export) {
      plan.exportRefunds.push({ orderId: x.orderId, amount: money(wanted, c) });
      if (wanted > 0) summary.refundsAdded.push({ orderId: x.orderId, amount: money(wanted, c) });
    }
  }
  if (parsed.kind === 'orders') {
    for (const id of studio.keys()) if (!seen.has(id)) summary.onlyInStudio.push(id);
  }
  return { plan, summary };
}

/** The record as the ledger holds it after the plan, refunds of the export dated `at`. */
export function applyPlan(record: SessionRecord, plan: ReconcilePlan, at: number): SessionRecord {
  const added = new Map(plan.addOrders.map((o) => [o.orderId, o]));
  const amounts = new Map(plan.setAmounts.map((a) => [a.orderId, a.total]));
  const attribution = new Map(plan.setAttribution.map((a) => [a.orderId, a]));
  const orders = record.orders
    .filter((o) => !added.has(o.orderId))
    .map((o) => {
      const a = attribution.get(o.orderId);
      return {
        ...o,
        total: amounts.get(o.orderId) ?? o.total,
        ...(a ? { channel: a.channel, sharerId: a.sharerId, sharerName: a.sharerName, commission: a.commission } : {}),
      };
    });
  const replaced = new Set(plan.exportRefunds.map((r) => r.orderId));
  const refunds = record.refunds.filter(
    (r) => !(replaced.has(r.orderId) && r.refundId === EXPORT_REFUND_ID && r.source === 'export'),
  );
  for (const r of plan.exportRefunds) {
    if (r.amount.amount > 0) {
      refunds.push({ orderId: r.orderId, refundId: EXPORT_REFUND_ID, amount: r.amount, at, source: 'export' });
    }
  }
  return { ...record, orders: [...orders, ...plan.addOrders], refunds };
}
