/**
 * Figures of a range of per-minute rows (a brushed span of the chart): sums of the rows, the highest
 * per-minute viewers count, chat per minute, and how many of the minutes a feed gap touched.
 */
import type { MinuteRow } from '../metrics/types';
import { type Money, money } from '../money';

export interface RangeFigures {
  from: number;
  to: number;
  minutes: number;
  paidGmv: Money;
  orders: number;
  units: number;
  /** refunds that arrived inside the range (not those of its orders arriving later) */
  refunds: Money;
  chat: number;
  chatRate: number | null;
  likes: number;
  /** highest of the per-minute viewers counts (each minute's last sample) */
  peakViewers: number | null;
  incompleteMinutes: number;
}

/** Rows `first..last` inclusive (clamped); `currency` for empty ranges. */
export function rangeFigures(rows: readonly MinuteRow[], first: number, last: number, currency = 'CNY'): RangeFigures {
  const a = Math.max(0, Math.min(first, last));
  const b = Math.min(rows.length - 1, Math.max(first, last));
  let paid = 0;
  let orders = 0;
  let units = 0;
  let refunds = 0;
  let chat = 0;
  let likes = 0;
  let peak: number | null = null;
  let incomplete = 0;
  for (let i = a; i <= b; i++) {
    const r = rows[i];
    paid += r.paidGmv.amount;
    orders += r.orders;
    units += r.units;
    refunds += r.refunds.amount;
    chat += r.chat;
    likes += r.likes;
    if (r.viewers !== null && (peak === null || r.viewers > peak)) peak = r.viewers;
    if (r.incomplete) incomplete++;
  }
  const minutes = b >= a ? b - a + 1 : 0;
  const cur = rows[a]?.paidGmv.currency ?? currency;
  return {
    from: rows[a]?.start ?? 0,
    to: (rows[b]?.start ?? 0) + 60_000,
    minutes,
    paidGmv: money(paid, cur),
    orders,
    units,
    refunds: money(refunds, cur),
    chat,
    chatRate: minutes === 0 ? null : chat / minutes,
    likes,
    peakViewers: peak,
    incompleteMinutes: incomplete,
  };
}
