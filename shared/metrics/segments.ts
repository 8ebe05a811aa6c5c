/**
 * Pin segments (讲解) and per-product figures of METRICS.md, from the pin changes of a SessionRecord.
 */
import { type Money, money } from '../money';
import { summarizeChat } from './chat';
import { sessionOrders } from './figures';
import { lineMoney, refundsByOrder } from './line-money';
import {
  type ProductFigures,
  type RecordOrder,
  type RecordPin,
  type RecordRefund,
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

/**
 * Paid and refunded money of an order's lines, for the recap. Most orders have one line (its money is the
 * order's): those are answered without building arrays; orders of several lines are split once and kept.
 */
class LineMoney {
  private readonly refunds: Map<string, RecordRefund[]>;
  private readonly refunded = new Map<string, number>();
  private readonly split = new Map<string, { paid: number[]; refunded: number[] }>();

  constructor(record: SessionRecord) {
    this.refunds = refundsByOrder(record.refunds);
    for (const [id, list] of this.refunds)
      this.refunded.set(
        id,
        list.reduce((s, r) => s + r.amount.amount, 0),
      );
  }

  /** Money paid and refunded for line i of the order. */
  line(o: RecordOrder, i: number): { paid: number; refunded: number } {
    if (o.lines.length === 1) return { paid: o.total?.amount ?? 0, refunded: this.refunded.get(o.orderId) ?? 0 };
    let m = this.split.get(o.orderId);
    if (!m) {
      m = lineMoney(o, this.refunds.get(o.orderId) ?? []);
      this.split.set(o.orderId, m);
    }
    return { paid: m.paid[i], refunded: m.refunded[i] };
  }
}

/** The pinned product's lines in an order: money paid, refunded, units; null when it has none. */
function productLines(
  o: RecordOrder,
  productId: string,
  money: LineMoney,
): { amount: number; refunded: number; units: number } | null {
  let amount = 0;
  let refunded = 0;
  let units = 0;
  let has = false;
  for (let i = 0; i < o.lines.length; i++) {
    const l = o.lines[i];
    if (l.productId !== productId) continue;
    const m = money.line(o, i);
    amount += m.paid;
    refunded += m.refunded;
    units += l.qty;
    has = true;
  }
  return has ? { amount, refunded, units } : null;
}

/**
 * Where each span's carry-over ends: 5 minutes after it, or earlier when the same product is pinned
 * again (A -> B -> A): the orders of A's second pin are that pin's, never also the first one's tail.
 */
function tailEnds(spans: readonly Span[]): number[] {
  return spans.map((span, i) => {
    let end = span.end + TAIL_MS;
    for (let j = i + 1; j < spans.length && spans[j].start < end; j++) {
      if (spans[j].productId === span.productId) end = spans[j].start;
    }
    return end;
  });
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

/** Segments with gmvAll, gmvProduct (paid), gmvTail (the 5 minutes after, session orders only), orders, units, questions. */
export function computeSegments(record: SessionRecord): Segment[] {
  const orders = sessionOrders(record).sort((a, b) => a.paidAt - b.paidAt);
  const lineMoneyOf = new LineMoney(record);
  const { questions } = summarizeChat(record);
  const m = (amount: number): Money => money(amount, record.currency);
  const spans = pinSpans(record.pins, record.window);
  const tails = tailEnds(spans);
  return spans.map((span, k) => {
    let gmvAll = 0;
    let gmvProduct = 0;
    let refunded = 0;
    let gmvTail = 0;
    let count = 0;
    let units = 0;
    let i = firstPaidFrom(orders, span.start);
    for (; i < orders.length && orders[i].paidAt < span.end; i++) {
      gmvAll += orders[i].total?.amount ?? 0;
      const line = productLines(orders[i], span.productId, lineMoneyOf);
      if (line) {
        gmvProduct += line.amount;
        refunded += line.refunded;
        units += line.units;
        count++;
      }
    }
    for (; i < orders.length && orders[i].paidAt < tails[k]; i++) {
      gmvTail += productLines(orders[i], span.productId, lineMoneyOf)?.amount ?? 0;
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
      gmvProductSettled: m(gmvProduct - refunded),
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

  const rows = new Map<
    string,
    { pins: number; pinnedMs: number; pinned: number; notPinned: number; refunded: number; units: number }
  >();
  for (const id of order) rows.set(id, { pins: 0, pinnedMs: 0, pinned: 0, notPinned: 0, refunded: 0, units: 0 });
  const lineMoneyOf = new LineMoney(record);
  const spansOf = new Map<string, Segment[]>();
  for (const s of segments) {
    const row = rows.get(s.productId)!;
    row.pins++;
    row.pinnedMs += s.durationMs;
    spansOf.set(s.productId, [...(spansOf.get(s.productId) ?? []), s]);
  }
  for (const o of orders) {
    for (let i = 0; i < o.lines.length; i++) {
      const l = o.lines[i];
      const row = rows.get(l.productId)!;
      const lm = lineMoneyOf.line(o, i);
      const amount = lm.paid;
      row.refunded += lm.refunded;
      row.units += l.qty;
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
      paidGmv: money(r.pinned + r.notPinned, record.currency),
      refunds: money(r.refunded, record.currency),
      settledGmv: money(r.pinned + r.notPinned - r.refunded, record.currency),
      units: r.units,
    };
  });
}
