/**
 * Per-product units and refunds, and the refunds that came after the show, from the session's record.
 * A refund is per order; an order of several products has its refund spread over its lines in
 * proportion to their value, by largest remainder, so the per-product refunds add up exactly.
 */
import { sessionOrders } from '../metrics/figures';
import type { SessionRecord } from '../metrics/types';
import { money } from '../money';
import type { LateRefunds, ProductSales } from './types';

/** Splits `amount` over `weights` in proportion, exactly (largest remainder, ties to the earlier). */
export function splitByWeight(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const raw = weights.map((w) => (amount * w) / total);
  const out = raw.map(Math.floor);
  let rest = amount - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k].i]++;
  return out;
}

export function productSales(record: SessionRecord): ProductSales[] {
  const orders = sessionOrders(record);
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const units = new Map<string, number>();
  const refunds = new Map<string, number>();
  for (const o of orders) for (const l of o.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.qty);
  for (const r of record.refunds) {
    const o = byId.get(r.orderId);
    if (!o || o.lines.length === 0) continue;
    const parts = splitByWeight(
      r.amount.amount,
      o.lines.map((l) => l.qty * l.unitPrice.amount),
    );
    for (let i = 0; i < o.lines.length; i++) {
      const id = o.lines[i].productId;
      refunds.set(id, (refunds.get(id) ?? 0) + parts[i]);
    }
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
  let count = 0;
  let amount = 0;
  for (const r of record.refunds) {
    if (ids.has(r.orderId) && r.at >= record.window.end) {
      count++;
      amount += r.amount.amount;
    }
  }
  return {
    count,
    amount: money(amount, record.currency),
    settledAtEnd: money(settledGmv + amount, record.currency),
  };
}
