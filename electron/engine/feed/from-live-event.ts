/**
 * Turns gateway live events into what seats show: chat items (classified) and order ticks. Pure.
 */
import type { ChatIntent, ChatItem, OrderTick } from '../../../shared/contract';
import type { LiveEvent } from '../../../shared/events';

export interface ChatClassification {
  intent: ChatIntent;
  question: boolean;
  linkNo: number | null;
  productId: string | null;
}

export type ChatClassifier = (text: string) => ChatClassification;

/** Display name of an actor: the platform's nickname, else a short form of the id. */
export function actorName(event: LiveEvent): string {
  return event.actor?.name?.trim() || (event.actor ? `用户${event.actor.id.slice(-4)}` : '');
}

export function toChatItem(event: LiveEvent, classify: ChatClassifier, source = 'gateway'): ChatItem | null {
  const at = event.occurredAt ?? event.receivedAt;
  const actor = { id: event.actor?.id ?? '', name: actorName(event) };
  const origin = { source, platform: event.platform };
  switch (event.kind) {
    case 'chat':
      return {
        id: event.id,
        seq: event.seq,
        at,
        kind: 'chat',
        actor,
        text: event.data.text,
        ...classify(event.data.text),
        ...origin,
      };
    case 'gift':
      return {
        id: event.id,
        seq: event.seq,
        at,
        kind: 'gift',
        actor,
        text: event.data.name,
        intent: 'other',
        question: false,
        linkNo: null,
        productId: null,
        gift: { name: event.data.name, count: event.data.count, value: event.data.value },
        ...origin,
      };
    default:
      return null;
  }
}

export function toOrderTick(
  event: LiveEvent,
  titleOf: (productId: string | null, sku: string) => string,
): OrderTick | null {
  const at = event.occurredAt ?? event.receivedAt;
  const buyerName = actorName(event);
  switch (event.kind) {
    case 'order.created':
    case 'order.paid':
      return {
        id: event.id,
        orderId: event.data.orderId,
        at,
        kind: event.kind === 'order.paid' ? 'paid' : 'created',
        buyerName,
        items: event.data.items.map((i) => ({
          productId: i.productId ?? null,
          title: i.title ?? titleOf(i.productId ?? null, i.sku),
          qty: i.qty,
        })),
        amount: event.data.total,
      };
    case 'order.refunded':
      return {
        id: event.id,
        orderId: event.data.orderId,
        at,
        kind: 'refunded',
        buyerName,
        items: [],
        amount: event.data.amount,
      };
    case 'order.cancelled':
      return { id: event.id, orderId: event.data.orderId, at, kind: 'cancelled', buyerName, items: [], amount: null };
    default:
      return null;
  }
}
