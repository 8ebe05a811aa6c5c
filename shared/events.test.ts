import { describe, expect, it } from 'vitest';
import { fromZodError } from './errors';
import { inboundBatchSchema, liveEventSchema } from './events';

const paid = {
  id: 'doudian:order.paid:6917000000000000001',
  platform: 'doudian',
  kind: 'order.paid',
  occurredAt: 1764064800123,
  actor: { id: 'u_1', name: '小鹿' },
  data: {
    orderId: '6917000000000000001',
    items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: { amount: 69900, currency: 'CNY' } }],
    total: { amount: 69900, currency: 'CNY' },
    buyerId: 'u_1',
  },
};

describe('live event schema', () => {
  it('accepts every documented kind', () => {
    const batch = [
      paid,
      { id: 'c1', platform: 'xhs', kind: 'chat', occurredAt: null, data: { text: '3号有S码吗' } },
      { id: 'l1', platform: 'xhs', kind: 'like', occurredAt: 1, data: { count: 5 } },
      {
        id: 'g1',
        platform: 'xhs',
        kind: 'gift',
        occurredAt: 1,
        data: { giftId: 'rose', name: '玫瑰', count: 1, value: null },
      },
      { id: 'v1', platform: 'xhs', kind: 'viewers', occurredAt: 1, data: { current: 120, cumulative: 3000 } },
      {
        id: 'r1',
        platform: 'xhs',
        kind: 'order.refunded',
        occurredAt: 1,
        data: { orderId: 'o', refundId: 'r', amount: { amount: 1, currency: 'CNY' } },
      },
      { id: 'x1', platform: 'xhs', kind: 'order.cancelled', occurredAt: 1, data: { orderId: 'o' } },
      { ...paid, id: 'n1', kind: 'order.created', data: { ...paid.data, items: [], total: null } },
    ];
    expect(inboundBatchSchema.safeParse(batch).success).toBe(true);
  });

  it('names the index and field of a bad event', () => {
    const bad = [paid, { ...paid, id: 'x', data: { ...paid.data, total: { amount: 699.5, currency: 'CNY' } } }];
    const result = inboundBatchSchema.safeParse(bad);
    expect(result.success).toBe(false);
    if (!result.success) expect(fromZodError(result.error).path).toBe('[1].data.total.amount');
  });

  it('rejects unknown kinds, empty and oversized batches, and bad ids', () => {
    expect(inboundBatchSchema.safeParse([{ ...paid, kind: 'order.shipped' }]).success).toBe(false);
    expect(inboundBatchSchema.safeParse([]).success).toBe(false);
    expect(
      inboundBatchSchema.safeParse(Array.from({ length: 501 }, (_, i) => ({ ...paid, id: `i${i}` }))).success,
    ).toBe(false);
    expect(inboundBatchSchema.safeParse([{ ...paid, id: '' }]).success).toBe(false);
    expect(inboundBatchSchema.safeParse([{ ...paid, id: 'a\u0000b' }]).success).toBe(false);
    expect(inboundBatchSchema.safeParse([{ ...paid, id: 'x'.repeat(201) }]).success).toBe(false);
  });

  it('validates emitted live events', () => {
    const live = { ...paid, v: 1, seq: 1, room: 'xhs-0425', receivedAt: 1764064800301 };
    expect(liveEventSchema.safeParse(live).success).toBe(true);
    expect(liveEventSchema.safeParse({ ...live, seq: 0 }).success).toBe(false);
  });
});
