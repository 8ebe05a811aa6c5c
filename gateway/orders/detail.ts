/**
 * What an order's detail adds to a paid order event (pure): its lines at the price actually paid, the paid
 * total, and who sold it. Shared by the 抖店 and 微信小店 mappers.
 */
import type { InboundEvent, OrderItem } from '../../shared/events';
import { type Money, money } from '../../shared/money';
import { asId, asSafeInt, isRecord } from '../json-lossless';

export type Channel = 'live' | 'share' | 'note' | 'other';

export interface OrderDetail {
  items: OrderItem[];
  /** the amount the buyer paid, fen */
  total: Money;
  buyerId?: string;
  channel: Channel;
  sharerId?: string;
  /** the sharer's name and the commission the platform gives for the order (share orders only) */
  sharerName?: string;
  commission?: Money;
  /**
   * Bought in another live room than this room's (another host, or this shop's other live room): the
   * order is not this session's and is not emitted into this room (see docs/sources/doudian.md).
   */
  otherRoom: boolean;
}

export class DetailError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'DetailError';
  }
}

/** An id, with the platforms' "none" spellings (absent, "", 0) as undefined. */
export function presentId(value: unknown): string | undefined {
  const id = asId(value);
  return id === undefined || id === '' || id === '0' ? undefined : id;
}

export function requireInt(record: Record<string, unknown>, field: string, path: string, min = 0): number {
  const n = asSafeInt(record[field]);
  if (n === undefined || n < min) throw new DetailError(`${path}.${field}`, `expected an integer >= ${min}`);
  return n;
}

export function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new DetailError(path, 'expected an object');
  return value;
}

export function requireList(value: unknown, path: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) throw new DetailError(path, 'expected a non-empty list');
  return value.map((v, i) => requireRecord(v, `${path}[${i}]`));
}

/**
 * A line of `qty` units that cost `lineTotal` fen together, as items whose qty x unitPrice add up to
 * `lineTotal` exactly: one item when the total divides evenly, else two (r units at one fen more), so
 * per-product GMV (METRICS: qty x the price actually paid) never drifts from what was paid.
 */
export function paidLines(line: Omit<OrderItem, 'qty' | 'unitPrice'>, qty: number, lineTotal: number): OrderItem[] {
  const base = Math.floor(lineTotal / qty);
  const rest = lineTotal - base * qty;
  const item = (q: number, unit: number): OrderItem => ({ ...line, qty: q, unitPrice: money(unit) });
  return rest === 0 ? [item(qty, base)] : [item(rest, base + 1), item(qty - rest, base)];
}

/** The paid event with the detail's lines, total and channel (the push's own fields kept otherwise). */
export function withDetail(event: InboundEvent, detail: OrderDetail): InboundEvent {
  if (event.kind !== 'order.paid' && event.kind !== 'order.created') return event;
  const data = {
    ...event.data,
    items: detail.items,
    total: detail.total,
    channel: detail.channel,
    ...(detail.buyerId ? { buyerId: detail.buyerId } : {}),
    ...(detail.sharerId ? { sharerId: detail.sharerId } : {}),
    ...(detail.sharerName ? { sharerName: detail.sharerName } : {}),
    ...(detail.commission ? { commission: detail.commission } : {}),
  };
  return { ...event, data } as InboundEvent;
}
