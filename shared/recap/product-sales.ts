/**
 * Per-product units and refunds, and the refunds that came after the show, from the session's record.
 * A refund is per order; an order of several products has its refund spread over its lines in
 * proportion to what each was paid, by largest remainder, so the per-product refunds add up exactly.
 */
import { sessionOrders } from '../metrics/figures';
import { lineMoney, refundsByOrder, splitByWeight } from '../metrics/line-money';
import type { SessionRecord } from '../metrics/types';
import { money } from '../money';
import type { LateRefunds, ProductSales } from './types';

export { splitByWeight };

/** Units and refunds per product (refunds spread over an order's lines by what each line was paid). */
export function productSales(record: SessionRecord): ProductSales[] {
  const orders = sessionOrders(record);
  const refundsOf = refundsByOrder(record.refunds);
  const units = new Map<string, number>();
  const refunds = new Map<string, number>();
  for (const o of orders) {
    const { refunded } = lineMoney(o, refundsOf.get(o.orderId) ?? []);
    o.lines.forEach((l, i) => {
      units.set(l.productId, (units.get(l.productId) ?? 0) + l.qty);
      if (refundsOf.has(o.orderId)) refunds.set(l.productId, (refunds.get(l.productId) ?? 0) + refunded[i]);
    });
  }
  const ids = [...new Set([...units.keys(), ...refunds.keys()])];
  const rank = new Map(record.products.map((id, i) => [id, i]));
  ids.sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9) || (a < b ? -1 : 1));
  return ids.map((productId) => ({
    productId,
    units: units.get(productId) ?? 0,
    refunds: money(refunds.get(productId) ?? 0, record.currency),
  }));
}

/** Refunds of the session's orders that arrived at or after the window's end. */
export function lateRefunds(record: SessionRecord, settledGmv: number): LateRefunds {
  const ids = new Set(sessionOrders(record).map((o) => o.orderId));
  let amount = 0;
  const list: LateRefunds['list'] = [];
  for (const r of record.refunds) {
    if (ids.has(r.orderId) && r.at >= record.window.end) {
      amount += r.amount.amount;
      list.push({ orderId: r.orderId, refundId: r.refundId, amount: r.amount, at: r.at, source: r.source ?? 'feed' });
    }
  }
  return {
    count: list.length,
    list,
    amount: money(amount, record.currency),
    settledAtEnd: money(settledGmv + amount, record.currency),
  };
}
