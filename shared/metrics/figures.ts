/**
 * The figures of METRICS.md as a direct reading of the definitions over a SessionRecord. This is the
 * reference: the live counters (live-figures.ts) and the ledger's SQL must agree with it.
 */

import { divideRoundHalfUp, type Money, money } from '../money';
import { summarizeChat } from './chat';
import { type Figures, inWindow, type RecordOrder, type RecordViewers, type SessionRecord } from './types';

/** The session's paid orders: paid time inside the window. */
export function sessionOrders(record: SessionRecord): RecordOrder[] {
  return record.orders.filter((o) => inWindow(record.window, o.paidAt));
}

/** Buyer identity: `buyerId`, or the order itself when the platform gave none. */
export const buyerKey = (o: { orderId: string; buyerId: string | null }): string =>
  o.buyerId === null ? `\u0000order:${o.orderId}` : `\u0000buyer:${o.buyerId}`;

/** Viewers samples inside the window in time order (same millisecond: seq order). */
export function windowViewers(record: SessionRecord): RecordViewers[] {
  return record.viewers.filter((v) => inWindow(record.window, v.at)).sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * Time-weighted viewers as an exact integer numerator (viewer-milliseconds) over a denominator in ms,
 * from the first sample to the window's end. Exposed so the live counters can prove equality.
 */
export function viewerMilliseconds(samples: readonly RecordViewers[], end: number): { sum: number; span: number } {
  if (samples.length === 0) return { sum: 0, span: 0 };
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const until = i + 1 < samples.length ? samples[i + 1].at : end;
    sum += samples[i].current * (until - samples[i].at);
  }
  return { sum, span: end - samples[0].at };
}

export const ratioOrNull = (n: number, d: number): number | null => (d === 0 ? null : n / d);
export const moneyRatio = (n: number, d: number, currency: string, scale = 1): Money | null =>
  d === 0 ? null : money(divideRoundHalfUp(n, d, scale), currency);

/** Every figure of METRICS.md, from the record alone. */
export function computeFigures(record: SessionRecord): Figures {
  const { window, currency } = record;
  const orders = sessionOrders(record);
  const ids = new Set(orders.map((o) => o.orderId));
  const paid = orders.reduce((s, o) => s + (o.total?.amount ?? 0), 0);
  const refunded = record.refunds.filter((r) => ids.has(r.orderId)).reduce((s, r) => s + r.amount.amount, 0);
  const units = orders.reduce((s, o) => s + o.lines.reduce((u, l) => u + l.qty, 0), 0);
  const buyers = new Set(orders.map(buyerKey)).size;

  const viewers = windowViewers(record);
  const peak = viewers.length === 0 ? null : Math.max(...viewers.map((v) => v.current));
  const { sum, span } = viewerMilliseconds(viewers, window.end);
  const average = viewers.length === 0 ? null : span === 0 ? viewers[viewers.length - 1].current : sum / span;
  const withCumulative = viewers.filter((v) => v.cumulative !== null);
  const cumulative = withCumulative.length === 0 ? null : withCumulative[withCumulative.length - 1].cumulative;

  const chat = summarizeChat(record).total;
  const windowMs = window.end - window.start;

  return {
    paidGmv: money(paid, currency),
    refunds: money(refunded, currency),
    settledGmv: money(paid - refunded, currency),
    orders: orders.length,
    units,
    buyers,
    perBuyer: moneyRatio(paid, buyers, currency),
    aov: moneyRatio(paid, orders.length, currency),
    perUnit: moneyRatio(paid, units, currency),
    refundRate: ratioOrNull(refunded, paid),
    peakViewers: peak,
    averageViewers: average,
    cumulativeViewers: cumulative,
    gpm: cumulative === null ? null : moneyRatio(paid, cumulative, currency, 1000),
    conversion: cumulative === null ? null : ratioOrNull(buyers, cumulative),
    chatRate: windowMs <= 0 ? null : (chat * 60_000) / windowMs,
  };
}
