/**
 * Floods stay outside React: the engine's `feed` batches land here, are collected, and are handed on
 * at most once per interval (about every 100 ms), so 1,000 chat messages a second cost ten store
 * updates a second, not a thousand renders. Exact duplicates (same id, e.g. a replay after a
 * reconnect) are dropped. Pure: the timer is injected.
 */
import type { ChatItem, FeedBatch, OrderTick } from '../../../shared/contract/feed';

/** One line of the console's chat timeline: a comment/gift/like, or an order. */
export type TimelineEntry =
  | { type: 'chat'; key: string; at: number; chat: ChatItem }
  | { type: 'order'; key: string; at: number; order: OrderTick };

export interface Flushed {
  entries: TimelineEntry[];
  orders: OrderTick[];
}

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FeedBufferOptions {
  intervalMs?: number;
  /** How many ids to remember for duplicate dropping. */
  dedupeWindow?: number;
  scheduler?: Scheduler;
  now?: () => number;
  onFlush(flushed: Flushed): void;
}

const globalScheduler: Scheduler = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class FeedBuffer {
  private entries: TimelineEntry[] = [];
  private orders: OrderTick[] = [];
  private timer: unknown = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private readonly intervalMs: number;
  private readonly dedupeWindow: number;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;

  constructor(private readonly options: FeedBufferOptions) {
    this.intervalMs = options.intervalMs ?? 100;
    this.dedupeWindow = options.dedupeWindow ?? 20_000;
    this.scheduler = options.scheduler ?? globalScheduler;
    this.now = options.now ?? Date.now;
  }

  /** Number of entries waiting for the next flush. */
  get pending(): number {
    return this.entries.length;
  }

  push(batch: FeedBatch): void {
    for (const chat of batch.chat) {
      if (this.remember(`c:${chat.id}`)) this.entries.push({ type: 'chat', key: `c:${chat.id}`, at: chat.at, chat });
    }
    for (const order of batch.orders) {
      if (this.remember(`o:${order.id}`)) {
        this.entries.push({ type: 'order', key: `o:${order.id}`, at: order.at, order });
        this.orders.push(order);
      }
    }
    if (this.entries.length === 0 || this.timer !== null) return;
    // Leading edge when idle (a single comment shows at once), then at most one flush per interval.
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = this.scheduler.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    if (this.entries.length === 0) return;
    const flushed = { entries: this.entries, orders: this.orders };
    this.entries = [];
    this.orders = [];
    this.lastFlush = this.now();
    this.options.onFlush(flushed);
  }

  dispose(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private remember(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.seenOrder.push(key);
    if (this.seenOrder.length > this.dedupeWindow * 1.5) {
      for (const old of this.seenOrder.splice(0, this.seenOrder.length - this.dedupeWindow)) this.seen.delete(old);
    }
    return true;
  }
}

/** Appends to a capped list, keeping the newest `capacity` entries; returns a new array for React. */
export function appendCapped<T>(list: readonly T[], added: readonly T[], capacity: number): T[] {
  if (added.length >= capacity) return added.slice(added.length - capacity);
  const overflow = Math.max(0, list.length + added.length - capacity);
  const next = overflow > 0 ? list.slice(overflow) : list.slice();
  for (const item of added) next.push(item);
  return next;
}
