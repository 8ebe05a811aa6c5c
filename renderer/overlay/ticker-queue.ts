/**
 * The order ticker's queue: every paid order reaches a row, none is dropped. Rows go out at a readable
 * pace (one per step); whatever queued up meanwhile shares the next row (小*、王*等 7 人刚刚下单 ×9), so a
 * rush never builds a backlog and never loses an order. Pure: the page decides when a step is.
 */
import type { OverlayOrderTick } from '../../shared/contract/overlay';

export interface TickerRow {
  /** The first order's id (the row's key). */
  id: string;
  /** Masked names of the first buyers named on the row (at most NAMED). */
  names: string[];
  /** Orders in the row. */
  orders: number;
  /** Items bought, summed. */
  qty: number;
  /** The product's title when the row is one order. */
  title: string | null;
}

/** Buyers named on a shared row; the rest are counted. */
export const NAMED = 2;
/** Order ids remembered to ignore repeats (the page gets the last few ticks again on every patch). */
const REMEMBERED = 500;

export class TickerQueue {
  private readonly queued: OverlayOrderTick[] = [];
  private readonly seen = new Set<string>();

  /** Adds ticks not seen before, oldest first; returns how many were new. */
  push(ticks: readonly OverlayOrderTick[]): number {
    let added = 0;
    for (const tick of ticks) {
      if (this.seen.has(tick.id)) continue;
      this.seen.add(tick.id);
      this.queued.push(tick);
      added++;
    }
    if (this.seen.size > REMEMBERED) {
      const drop = this.seen.size - REMEMBERED;
      let i = 0;
      for (const id of this.seen) {
        if (i++ >= drop) break;
        this.seen.delete(id);
      }
    }
    return added;
  }

  /** Ticks seen without being queued (a page that connects late does not replay the evening). */
  remember(ticks: readonly OverlayOrderTick[]): void {
    for (const tick of ticks) this.seen.add(tick.id);
  }

  get length(): number {
    return this.queued.length;
  }

  /** The next row: everything queued, or null when nothing is. */
  next(): TickerRow | null {
    const orders = this.queued.splice(0, this.queued.length);
    const first = orders[0];
    if (!first) return null;
    const names: string[] = [];
    for (const o of orders) if (names.length < NAMED && !names.includes(o.name)) names.push(o.name);
    return {
      id: first.id,
      names,
      orders: orders.length,
      qty: orders.reduce((n, o) => n + o.qty, 0),
      title: orders.length === 1 ? first.title : null,
    };
  }
}
