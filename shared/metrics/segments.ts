/**
 * Pin segments (讲解) and per-product figures of METRICS.md, from the pin changes of a SessionRecord.
 */
import { type Money, money } from '../money';
import { summarizeChat } from './chat';
import { sessionOrders } from './figures';
import {
  type ProductFigures,
  type RecordOrder,
  type RecordPin,
  type Segment,
  type SessionRecord,
  type SessionWindow,
  TAIL_MS,
} from './types';

/** First index whose value is >= x, in an ascending array. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Span {
  productId: string;
  start: number;
  end: number;
}

/**
 * Turns pin changes into `[start, end)` spans clipped to the window: the pin standing at the start opens
 * a span there, the end closes any open one. Pinning the product already pinned continues its span;
 * zero-length spans (two changes in one millisecond) are dropped.
 */
export function pinSpans(pins: readonly RecordPin[], window: SessionWindow): Span[] {
  const sorted = pins.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let current: string | null = null;
  let since = window.start;
  const spans: Span[] = [];
  const close = (at: number) => {
    if (current !== null && at > since) spans.push({ productId: current, start: since, end: at });
  };
  for (const p of sorted) {
    if (p.at >= window.end) break;
    if (p.at <= window.start) {
      current = p.productId;
      continue;
    }
    if (p.productId === current) continue;
    close(p.at);
    current = p.productId;
    since = p.at;
  }
  close(window.end);
  return spans;
}

/** The pinned product's lines in an order: GMV, units, whether it has any. */
function productLines(o: RecordOrder, productId: string): { amount: number; units: number } | null {
  let amount = 0;
  let units = 0;
  let has = false;
  for (const l of o.lines) {
    if (l.productId !== productId) continue;
    amount += l.unitPrice.amount * l.qty;
    units += l.qty;
    has = true;
  }
  return has ? { amount, units } : null;
}

/** First index whose order is paid at or after `at`, in orders sorted by paid time. */
function firstPaidFrom(orders: readonly RecordOrder[], at: number): number {
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orders[mid].paidAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Segments with gmvAll, gmvProduct, gmvTail (the 5 minutes after, session orders only), orders, units, questions. */
export function computeSegments(record: SessionRecord): Segment[] {
  const orders = sessionOrders(record).sort((a, b) => a.paidAt - b.paidAt);
  const { questions } = summarizeChat(record);
  const m = (amount: number): Money => money(amount, record.currency);
  return pinSpans(record.pins, record.window).map((span) => {
    let gmvAll = 0;
    let gmvProduct = 0;
    let gmvTail = 0;
    let count = 0;
    let units = 0;
    let i = firstPaidFrom(orders, span.start);
    for (; i < orders.length && orders[i].paidAt < span.end; i++) {
      gmvAll += orders[i].total?.amount ?? 0;
      const line = productLines(orders[i], span.productId);
      if (line) {
        gmvProduct += line.amount;
        units += line.units;
        count++;
      }
    }
    for (; i < orders.length && orders[i].paidAt < span.end + TAIL_MS; i++) {
      gmvTail += productLines(orders[i], span.productId)?.amount ?? 0;
    }
    return {
      productId: span.productId,
      start: span.start,
      end: span.end,
      durationMs: span.end - span.start,
      gmvAll: m(gmvAll),
      gmvProduct: m(gmvProduct),
      gmvTail: m(gmvTail),
      orders: count,
      units,
      questions: lowerBound(questions, span.end) - lowerBound(questions, span.start),
    };
  });
}

/**
 * Per product: pins, pinned time, GMV of its lines while pinned and while not. Catalogue products come
 * first in run-of-show order (even without activity), then any other product seen, by first appearance.
 */
export function computeProductFigures(record: SessionRecord, segments: readonly Segment[]): ProductFigures[] {
  const order: string[] = [...record.products];
  const known = new Set(order);
  const see = (id: string) => {
    if (!known.has(id)) {
      known.add(id);
      order.push(id);
    }
  };
  const orders = sessionOrders(record);
  for (const s of segments) see(s.productId);
  for (const o of orders) for (const l of o.lines) see(l.productId);

  const rows = new Map<string, { pins: number; pinnedMs: number; pinned: number; notPinned: number }>();
  for (const id of order) rows.set(id, { pins: 0, pinnedMs: 0, pinned: 0, notPinned: 0 });
  const spansOf = new Map<string, Segment[]>();
  for (const s of segments) {
    const row = rows.get(s.productId)!;
    row.pins++;
    row.pinnedMs += s.durationMs;
    spansOf.set(s.productId, [...(spansOf.get(s.productId) ?? []), s]);
  }
  for (const o of orders) {
    for (const l of o.lines) {
      const row = rows.get(l.productId)!;
      const amount = l.unitPrice.amount * l.qty;
      const pinned = (spansOf.get(l.productId) ?? []).some((s) => o.paidAt >= s.start && o.paidAt < s.end);
      if (pinned) row.pinned += amount;
      else row.notPinned += amount;
    }
  }
  return order.map((productId) => {
    const r = rows.get(productId)!;
    return {
      productId,
      pins: r.pins,
      pinnedMs: r.pinnedMs,
      gmvPinned: money(r.pinned, record.currency),
      gmvNotPinned: money(r.notPinned, record.currency),
    };
  });
}
