/** Sample overlay data for tests and benchmarks: cards from the fixture catalogue, orders, comments. */

import { cardDiscount } from '../../electron/engine/overlay/product-card';
import type { ChatItem, OrderTick } from '../../shared/contract/feed';
import type { ProductCard } from '../../shared/contract/overlay';

export const HOSTILE = '<img src=x onerror="document.body.dataset.pwned=1">';

let version = 0;

export function sampleCard(overrides: Partial<ProductCard> = {}): ProductCard {
  const price = overrides.price ?? { amount: 69900, currency: 'CNY' };
  const originalPrice =
    overrides.originalPrice === undefined ? { amount: 89900, currency: 'CNY' } : overrides.originalPrice;
  version++;
  return {
    productId: 'XHS-CL-001',
    title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
    image: null,
    linkNo: 1,
    price,
    originalPrice,
    discount: cardDiscount(price, originalPrice),
    stock: 120,
    sold: 37,
    stockLimit: null,
    countdownEndsAt: null,
    pinVersion: version,
    pinnedAt: Date.now(),
    ...overrides,
  };
}

export const cardB = (overrides: Partial<ProductCard> = {}): ProductCard =>
  sampleCard({
    productId: 'XHS-SK-001',
    title: '积雪草舒缓修护精华液 30ml',
    linkNo: 3,
    price: { amount: 26800, currency: 'CNY' },
    originalPrice: { amount: 32800, currency: 'CNY' },
    stock: 8,
    sold: 0,
    ...overrides,
  });

let orderSeq = 0;
export function paidTick(buyerName: string, qty = 1, title = '桑蚕丝印花小方巾'): OrderTick {
  orderSeq++;
  return {
    id: `doudian:order.paid:${orderSeq}`,
    orderId: `69170000000000${orderSeq}`,
    at: Date.now(),
    kind: 'paid',
    buyerName,
    items: [{ productId: 'XHS-SC-001', title, qty }],
    amount: { amount: 25900 * qty, currency: 'CNY' },
  };
}

let chatSeq = 0;
export function comment(name: string, text: string, question = false): ChatItem {
  chatSeq++;
  return {
    id: `chat:${chatSeq}`,
    seq: chatSeq,
    at: Date.now(),
    kind: 'chat',
    actor: { id: `u_${chatSeq}`, name },
    text,
    linkNo: null,
    productId: null,
    intent: question ? 'price' : 'praise',
    question,
    source: 'gateway',
    platform: 'xhs',
  };
}
