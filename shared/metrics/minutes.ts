/**
 * Per-minute rows of METRICS.md, one per clock minute the window touches (the first and last cut by the
 * window); `start` is the clock minute's start.
 */
import { money } from '../money';
import { summarizeChat } from './chat';
import { sessionOrders } from './figures';
import { pinSpans } from './segments';
import {
  inWindow,
  MINUTE_MS,
  type MinuteRow,
  minuteCount,
  minuteIndex,
  minuteStart,
  type SessionRecord,
} from './types';

export function computeMinutes(record: SessionRecord): MinuteRow[] {
  const { window, currency } = record;
  const count = minuteCount(window);
  const rows = Array.from({ length: count }, (_, i) => ({
    start: minuteStart(window, i),
    paid: 0,
    orders: 0,
    units: 0,
    refunds: 0,
    chat: 0,
    likes: 0,
    viewers: null as number | null,
    viewersAt: -1,
    viewersSeq: -1,
    pinned: new Map<string, number>(),
    incomplete: false,
  }));
  const index = (at: number) => minuteIndex(window, at);

  const orders = sessionOrders(record);
  const ids = new Set(orders.map((o) => o.orderId));
  for (const o of orders) {
    const row = rows[index(o.paidAt)];
    row.paid += o.total?.amount ?? 0;
    row.orders++;
    for (const l of o.lines) row.units += l.qty;
  }
  for (const r of record.refunds) {
    if (ids.has(r.orderId) && inWindow(window, r.at)) rows[index(r.at)].refunds += r.amount.amount;
  }
  summarizeChat(record).perMinute.forEach((n, i) => {
    if (i < count) rows[i].chat = n;
  });
  for (const l of record.likes) if (inWindow(window, l.at)) rows[index(l.at)].likes += l.count;
  for (const v of record.viewers) {
    if (!inWindow(window, v.at)) continue;
    const row = rows[index(v.at)];
    if (v.at > row.viewersAt || (v.at === row.viewersAt && v.seq > row.viewersSeq)) {
      row.viewers = v.current;
      row.viewersAt = v.at;
      row.viewersSeq = v.seq;
    }
  }
  for (const span of pinSpans(record.pins, window)) {
    for (let i = index(span.start); i < count && rows[i].start < span.end; i++) {
      const from = Math.max(span.start, rows[i].start);
      const to = Math.min(span.end, rows[i].start + MINUTE_MS);
      rows[i].pinned.set(span.productId, (rows[i].pinned.get(span.productId) ?? 0) + to - from);
    }
  }
  for (const g of record.gaps) {
    for (let i = Math.max(0, index(g.from)); i < count && rows[i].start <= g.to; i++) rows[i].incomplete = true;
  }

  return rows.map((r) => {
    let pinnedProductId: string | null = null;
    let best = 0;
    // Ties go to the product pinned first in the minute (Map keeps insertion order).
    for (const [id, ms] of r.pinned) {
      if (ms > best) {
        best = ms;
        pinnedProductId = id;
      }
    }
    return {
      start: r.start,
      paidGmv: money(r.paid, currency),
      orders: r.orders,
      units: r.units,
      refunds: money(r.refunds, currency),
      chat: r.chat,
      likes: r.likes,
      viewers: r.viewers,
      pinnedProductId,
      incomplete: r.incomplete,
    };
  });
}
