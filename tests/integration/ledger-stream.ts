/** The deterministic stream of the durability test: seq n is a paid order, every 10th a partial refund. */
import type { LiveEvent } from '../../shared/events';

export const KILL_T0 = 1_764_064_800_000;

export function streamEvent(seq: number): LiveEvent {
  const at = KILL_T0 + seq * 10;
  const base = { v: 1 as const, seq, room: 'r1', platform: 'xhs', occurredAt: at, receivedAt: at + 3 };
  if (seq % 10 === 0) {
    return {
      ...base,
      id: `refund:${seq}`,
      kind: 'order.refunded',
      data: { orderId: `o${seq - 5}`, refundId: `rf${seq}`, amount: { amount: 50, currency: 'CNY' } },
    };
  }
  const unit = 1_000 + (seq % 97);
  const qty = 1 + (seq % 3);
  return {
    ...base,
    id: `paid:${seq}`,
    kind: 'order.paid',
    data: {
      orderId: `o${seq}`,
      items: [{ sku: `S${seq % 20}`, qty, unitPrice: { amount: unit, currency: 'CNY' } }],
      total: { amount: unit * qty, currency: 'CNY' },
      buyerId: `u${seq % 400}`,
    },
  };
}
