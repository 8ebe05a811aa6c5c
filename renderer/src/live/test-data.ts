/** Builders of feed items for unit tests and the bench (plain data, no DOM). */
import type { ChatItem, OrderTick } from '../../../shared/contract/feed';

export function chatItem(n: number, overrides: Partial<ChatItem> = {}): ChatItem {
  return {
    id: `chat-${n}`,
    seq: n,
    at: 1_764_000_000_000 + n,
    kind: 'chat',
    actor: { id: `u${n % 50}`, name: `观众${n % 50}` },
    text: `第${n}条评论`,
    linkNo: null,
    productId: null,
    intent: 'other',
    question: false,
    source: 'gateway',
    platform: 'xhs',
    ...overrides,
  };
}

export function orderTick(n: number, overrides: Partial<OrderTick> = {}): OrderTick {
  return {
    id: `order-${n}`,
    orderId: `o${n}`,
    at: 1_764_000_000_000 + n,
    kind: 'paid',
    buyerName: '小*',
    items: [{ productId: 'XHS-CL-001', title: '真丝衬衫', qty: 1 }],
    amount: { amount: 69_900, currency: 'CNY' },
    ...overrides,
  };
}
