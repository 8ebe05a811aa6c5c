/**
 * The plain record a session's figures are computed from (METRICS.md): no database, no I/O. The ledger
 * builds it from SQLite, the export carries it, and the pure functions here turn it into figures.
 * Every time is ms since the epoch; an event's time is `occurredAt`, else `receivedAt`.
 */
import type { Money } from '../money';
import type { ChannelFigures, SharerFigures } from './channels';

export interface SessionWindow {
  /** inclusive */
  start: number;
  /** exclusive */
  end: number;
}

/** One line of a paid order; `productId` is resolved (the line's own, else the catalogue's by sku, else the sku). */
export interface RecordOrderLine {
  sku: string;
  productId: string;
  qty: number;
  unitPrice: Money;
}

/** Who sold an order (METRICS "Channels"); an order whose source named none counts as `other`. */
export type Channel = 'live' | 'share' | 'note' | 'other';
export const CHANNELS: readonly Channel[] = ['live', 'share', 'note', 'other'];

/** An order as paid: `paidAt` decides the session it belongs to. `total: null` = amount unknown (never guessed). */
export interface RecordOrder {
  orderId: string;
  paidAt: number;
  buyerId: string | null;
  channel: string | null;
  total: Money | null;
  lines: RecordOrderLine[];
  /** the promoter (推客) of a `share` order, when the platform or the export names one */
  sharerId?: string | null;
  sharerName?: string | null;
  /** the promoter's commission, where the export gives it */
  commission?: Money | null;
  /** `export`: missed by the live feed, added by a reconciliation */
  source?: 'feed' | 'export';
}

/** An applied (accepted) refund; refused refunds are anomalies, never here. */
export interface RecordRefund {
  orderId: string;
  refundId: string;
  amount: Money;
  at: number;
  /** `export`: applied by a reconciliation (the platform's books), not seen on the live feed */
  source?: 'feed' | 'export';
}

export interface RecordViewers {
  at: number;
  /** gateway seq, breaks ties between samples of the same millisecond (later seq wins) */
  seq: number;
  current: number;
  cumulative: number | null;
}

export interface RecordChat {
  at: number;
  /** classified when it arrived (shared/chat isQuestion) */
  question: boolean;
}

/** Chat of a window, aggregated: counts per minute of the window and the times of questions. */
export interface ChatSummary {
  total: number;
  /** index i: comments in row i of the window's minutes (minuteIndex) */
  perMinute: number[];
  /** times of comments classified as questions, ascending */
  questions: number[];
}

export interface RecordLike {
  at: number;
  count: number;
}

/** A pin change: `productId` null is an unpin. */
export interface RecordPin {
  at: number;
  productId: string | null;
}

/** A span of time the live feed could not account for (resync): minutes touching it are incomplete. */
export interface RecordGap {
  from: number;
  to: number;
}

export interface SessionRecord {
  window: SessionWindow;
  currency: string;
  orders: RecordOrder[];
  refunds: RecordRefund[];
  viewers: RecordViewers[];
  chat: RecordChat[];
  likes: RecordLike[];
  /** every pin change up to the window's end, including the one standing at its start */
  pins: RecordPin[];
  gaps: RecordGap[];
  /**
   * Chat as aggregates, when the source has them (the ledger counts in SQL instead of reading 200,000
   * rows): used instead of `chat`, and the property tests hold it equal to `summarizeChat(chat)`.
   */
  chatSummary?: ChatSummary;
  /** run-of-show order of the catalogue's product ids, to order per-product rows */
  products: string[];
}

/** The figures of METRICS.md, by their JSON keys. `null` where the denominator or the data is missing. */
export interface Figures {
  paidGmv: Money;
  refunds: Money;
  settledGmv: Money;
  orders: number;
  units: number;
  buyers: number;
  perBuyer: Money | null;
  aov: Money | null;
  perUnit: Money | null;
  refundRate: number | null;
  peakViewers: number | null;
  averageViewers: number | null;
  cumulativeViewers: number | null;
  gpm: Money | null;
  conversion: number | null;
  chatRate: number | null;
}

export interface Segment {
  productId: string;
  start: number;
  end: number;
  durationMs: number;
  gmvAll: Money;
  gmvProduct: Money;
  gmvTail: Money;
  orders: number;
  units: number;
  questions: number;
  /** gmvProduct less the refunds of those lines (refunds spread over an order's lines by paid value) */
  gmvProductSettled: Money;
}

export interface ProductFigures {
  productId: string;
  pins: number;
  pinnedMs: number;
  gmvPinned: Money;
  gmvNotPinned: Money;
  /** paid amount of its lines (gmvPinned + gmvNotPinned), their refunds and what is left */
  paidGmv: Money;
  refunds: Money;
  settledGmv: Money;
  units: number;
}

export interface MinuteRow {
  start: number;
  paidGmv: Money;
  orders: number;
  units: number;
  refunds: Money;
  chat: number;
  likes: number;
  /** last viewers.current in the minute, null when none arrived */
  viewers: number | null;
  /** product pinned for most of the minute, null when none */
  pinnedProductId: string | null;
  /** a feed gap touches this minute: its numbers may be short */
  incomplete: boolean;
}

/** What the figures cannot vouch for. */
export interface Completeness {
  /** some paid order of the session has no amount (`total: null`): money figures are a lower bound */
  money: boolean;
  ordersWithoutAmount: number;
  /** minutes marked incomplete by feed gaps */
  incompleteMinutes: number;
}

export interface ComputedStats {
  figures: Figures;
  segments: Segment[];
  products: ProductFigures[];
  minutes: MinuteRow[];
  channels: ChannelFigures[];
  sharers: SharerFigures[];
  incomplete: Completeness;
}

/** The tail after a segment in which the pinned product's sales still count as carry-over. */
export const TAIL_MS = 5 * 60_000;
export const MINUTE_MS = 60_000;

export const inWindow = (w: SessionWindow, at: number): boolean => at >= w.start && at < w.end;

/**
 * Per-minute rows follow the clock (20:31:00-20:32:00), so they line up with platform dashboards and with
 * the ledger's per-minute aggregates; the first and last rows are cut by the window.
 */
export const minuteCount = (w: SessionWindow): number =>
  w.end > w.start ? Math.floor((w.end - 1) / MINUTE_MS) - Math.floor(w.start / MINUTE_MS) + 1 : 0;
/** Row index of a time inside the window. */
export const minuteIndex = (w: SessionWindow, at: number): number =>
  Math.floor(at / MINUTE_MS) - Math.floor(w.start / MINUTE_MS);
/** Clock start of row i. */
export const minuteStart = (w: SessionWindow, i: number): number => (Math.floor(w.start / MINUTE_MS) + i) * MINUTE_MS;
