/**
 * Money actually paid per order line (METRICS "Pin segments": qty x the price actually paid, not the list
 * price): the order's paid total spread over its lines in proportion to their list value, by largest
 * remainder, so the lines of an order add up to exactly what was paid. A refund is spread the same way
 * over the lines' paid amounts. An order whose amount is unknown pays 0 on every line (never guessed;
 * the money figures are already marked incomplete).
 */
import type { RecordOrder, RecordRefund } from './types';

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

/** What each line of the order was paid, in minor units, in line order. */
export function linePaid(order: RecordOrder): number[] {
  const { lines, total } = order;
  if (total === null) return lines.map(() => 0);
  // Fast paths (a 4-hour show has tens of thousands of orders): one line, or paid exactly the list value.
  if (lines.length === 1) return [total.amount];
  let list = 0;
  for (const l of lines) list += l.qty * l.unitPrice.amount;
  if (list === total.amount) return lines.map((l) => l.qty * l.unitPrice.amount);
  return splitByWeight(
    total.amount,
    order.lines.map((l) => l.qty * l.unitPrice.amount),
  );
}

/** Per line of `order`: paid amount and the refunds spread over it (refunds of other orders are ignored). */
export function lineMoney(
  order: RecordOrder,
  refunds: readonly RecordRefund[],
): { paid: number[]; refunded: number[] } {
  const paid = linePaid(order);
  const refunded = paid.map(() => 0);
  if (refunds.length === 0) return { paid, refunded };
  for (const r of refunds) {
    if (r.orderId !== order.orderId || paid.length === 0) continue;
    splitByWeight(r.amount.amount, paid).forEach((part, i) => {
      refunded[i] += part;
    });
  }
  return { paid, refunded };
}

/** Refunds of each order id, in record order. */
export function refundsByOrder(refunds: readonly RecordRefund[]): Map<string, RecordRefund[]> {
  const out = new Map<string, RecordRefund[]>();
  for (const r of refunds) {
    const list = out.get(r.orderId);
    if (list) list.push(r);
    else out.set(r.orderId, [r]);
  }
  return out;
}
