/**
 * The pure model of the ledger: replays live events (deduplicated by id per room and by seq per lane, as
 * the ledger does) into the record the figures are computed from. Property tests hold the SQL ledger and the live
 * counters to it.
 */
import { resolveProductId } from '../catalogue/resolve-sku';
import type { LiveEvent } from '../events';
import { seqLane } from '../live/seq-lane';
import { type Anomaly, applyOrderEvent, type OrderEvent, type OrderState } from './order-state';
import type { RecordChat, RecordLike, RecordOrder, RecordRefund, RecordViewers } from './types';

export const eventTime = (e: { occurredAt: number | null; receivedAt: number }): number => e.occurredAt ?? e.receivedAt;

export interface ReplayOptions {
  currency: string;
  /** catalogue lookup for lines that carry no productId */
  productIdBySku?: ReadonlyMap<string, string>;
  classifyQuestion?: (text: string) => boolean;
}

export interface Replayed {
  orders: RecordOrder[];
  refunds: RecordRefund[];
  viewers: RecordViewers[];
  chat: RecordChat[];
  likes: RecordLike[];
  anomalies: Anomaly[];
}

/** A paid order as the figures see it, with each line's product resolved. */
export function toRecordOrder(state: OrderState, productIdBySku?: ReadonlyMap<string, string>): RecordOrder {
  return {
    orderId: state.orderId,
    paidAt: state.paidAt!,
    buyerId: state.buyerId,
    channel: state.channel,
    sharerId: state.sharerId,
    ...(state.sharerName ? { sharerName: state.sharerName } : {}),
    ...(state.commission ? { commission: state.commission } : {}),
    total: state.total,
    lines: state.items.map((i) => ({
      sku: i.sku,
      productId: resolveProductId(i, productIdBySku),
      qty: i.qty,
      unitPrice: i.unitPrice,
    })),
  };
}

export function replayEvents(events: readonly LiveEvent[], options: ReplayOptions): Replayed {
  const lastSeq = new Map<string, number>();
  const seen = new Set<string>();
  const states = new Map<string, OrderState>();
  const out: Replayed = { orders: [], refunds: [], viewers: [], chat: [], likes: [], anomalies: [] };
  for (const e of events) {
    const lane = seqLane(e.room, e.seq);
    if (e.seq <= (lastSeq.get(lane) ?? 0)) continue;
    lastSeq.set(lane, e.seq);
    const idKey = `${e.room}\u0000${e.id}`;
    if (seen.has(idKey)) continue;
    seen.add(idKey);
    const at = eventTime(e);
    switch (e.kind) {
      case 'chat':
        out.chat.push({ at, question: options.classifyQuestion?.(e.data.text) ?? false });
        break;
      case 'like':
        out.likes.push({ at, count: e.data.count });
        break;
      case 'viewers':
        out.viewers.push({ at, seq: e.seq, current: e.data.current, cumulative: e.data.cumulative ?? null });
        break;
      case 'gift':
        break;
      default: {
        const key = `${e.room}\u0000${e.data.orderId}`;
        const outcome = applyOrderEvent(
          states.get(key),
          { kind: e.kind, at, data: e.data } as OrderEvent,
          options.currency,
        );
        if (outcome.next) states.set(key, outcome.next);
        if (outcome.refund) out.refunds.push(outcome.refund);
        if (outcome.anomaly) out.anomalies.push(outcome.anomaly);
      }
    }
  }
  for (const s of states.values()) if (s.paidAt !== null) out.orders.push(toRecordOrder(s, options.productIdBySku));
  return out;
}
