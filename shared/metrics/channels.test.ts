import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeChannels, computeProductChannels, computeSharers, SHARERS_SHOWN } from './channels';
import { computeFigures } from './figures';
import { MIN, T0 } from './fixture.test-helpers';
import { replayEvents } from './replay';
import { computeStats } from './stats';
import { isQuestion, liveStream, productIdBySku, SESSION_END, SESSION_START } from './stream.test-helpers';
import type { RecordOrder, SessionRecord } from './types';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

function recordOf(orders: RecordOrder[], extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    window: { start: T0, end: T0 + 60 * MIN },
    currency: 'CNY',
    orders,
    refunds: [],
    viewers: [],
    chat: [],
    likes: [],
    pins: [],
    gaps: [],
    products: ['A', 'B'],
    ...extra,
  };
}

const order = (orderId: string, at: number, lines: [string, number, number][], total: number | null, more = {}) => ({
  orderId,
  paidAt: T0 + at,
  buyerId: null,
  channel: 'live',
  total: total === null ? null : cny(total),
  lines: lines.map(([productId, qty, unit]) => ({ sku: productId, productId, qty, unitPrice: cny(unit) })),
  ...more,
});

describe('channels (who sold it)', () => {
  it('add up exactly to the session figures under random orders, refunds and redeliveries', () => {
    fc.assert(
      fc.property(liveStream(80), (events) => {
        const r = replayEvents(events, { currency: 'CNY', productIdBySku, classifyQuestion: isQuestion });
        const record = { ...recordOf(r.orders), ...r, window: { start: SESSION_START, end: SESSION_END } };
        const figures = computeFigures(record);
        const channels = computeChannels(record);
        const sum = (f: (c: (typeof channels)[number]) => number) => channels.reduce((s, c) => s + f(c), 0);
        expect(channels.map((c) => c.channel)).toEqual(['live', 'share', 'note', 'other']);
        expect(sum((c) => c.paidGmv.amount)).toBe(figures.paidGmv.amount);
        expect(sum((c) => c.settledGmv.amount)).toBe(figures.settledGmv.amount);
        expect(sum((c) => c.orders)).toBe(figures.orders);
        for (const c of channels) expect(c.buyers).toBeLessThanOrEqual(figures.buyers);
        expect(sum((c) => c.buyers)).toBeGreaterThanOrEqual(figures.buyers);
        if (figures.paidGmv.amount > 0) expect(sum((c) => c.share ?? 0)).toBeCloseTo(1, 9);
        // per product, the channels add up to what the product's lines were paid
        const paidOf = new Map(computeStats(record).products.map((p) => [p.productId, p.paidGmv.amount]));
        for (const p of computeProductChannels(record)) {
          const total = p.gmv.live.amount + p.gmv.share.amount + p.gmv.note.amount + p.gmv.other.amount;
          expect(total).toBe(paidOf.get(p.productId));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts an order whose source named no channel as other, never as live', () => {
    const channels = computeChannels(recordOf([order('o1', 1, [], 500, { channel: null })]));
    expect(channels.find((c) => c.channel === 'other')?.paidGmv).toEqual(cny(500));
    expect(channels.find((c) => c.channel === 'live')?.orders).toBe(0);
  });

  it('lists the top 20 推客 by paid GMV, with orders, settled GMV and commission where given', () => {
    const orders = Array.from({ length: 25 }, (_, i) =>
      order(`o${i}`, i * 1000, [], 1000 + (i % 7) * 100, {
        channel: 'share',
        sharerId: `s${i % 23}`,
        sharerName: `推客${i % 23}`,
        commission: i % 2 === 0 ? cny(50) : null,
      }),
    );
    const sharers = computeSharers(
      recordOf(orders, { refunds: [{ orderId: 'o0', refundId: 'r', amount: cny(300), at: T0 }] }),
    );
    expect(sharers).toHaveLength(SHARERS_SHOWN);
    for (let i = 1; i < sharers.length; i++) {
      expect(sharers[i - 1].paidGmv.amount).toBeGreaterThanOrEqual(sharers[i].paidGmv.amount);
    }
    // s0 has o0 (1000) and o23 (1200): two orders, one commission of 50, 300 refunded
    const s0 = computeSharers(
      recordOf(orders, { refunds: [{ orderId: 'o0', refundId: 'r', amount: cny(300), at: T0 }] }),
      100,
    ).find((s) => s.sharerId === 's0');
    expect(s0).toEqual({
      sharerId: 's0',
      sharerName: '推客0',
      paidGmv: cny(2200),
      settledGmv: cny(1900),
      orders: 2,
      commission: cny(50),
    });
    expect(computeSharers(recordOf(orders), 100).find((s) => s.sharerId === 's3')?.commission).toBeNull();
  });
});

describe('讲解 attribution on money actually paid', () => {
  it('counts a discounted line at what was paid, with the refund-adjusted figure beside it', () => {
    // A 2 x 100 and B 1 x 200 listed (400), paid 300 after a coupon: A's lines were paid 150, B's 150
    const o = order(
      'o1',
      2 * MIN,
      [
        ['A', 2, 10_000],
        ['B', 1, 20_000],
      ],
      30_000,
    );
    const record = recordOf([o], {
      pins: [{ at: T0 + MIN, productId: 'A' }],
      refunds: [{ orderId: 'o1', refundId: 'r1', amount: cny(6_000), at: T0 + 90 * MIN }],
    });
    const [segment] = computeStats(record).segments;
    expect(segment.gmvProduct).toEqual(cny(15_000));
    expect(segment.gmvProductSettled).toEqual(cny(12_000));
    expect(segment.gmvAll).toEqual(cny(30_000));
    const a = computeStats(record).products.find((p) => p.productId === 'A');
    expect(a).toMatchObject({ gmvPinned: cny(15_000), paidGmv: cny(15_000), refunds: cny(3_000), units: 2 });
  });

  it('does not count A’s orders twice when A is pinned again within its 5-minute tail (A -> B -> A)', () => {
    const record = recordOf(
      [
        order('a1', 1 * MIN, [['A', 1, 1_000]], 1_000), // A's first pin
        order('a2', 3 * MIN + 10_000, [['A', 1, 2_000]], 2_000), // during B: A's tail
        order('a3', 5 * MIN, [['A', 1, 4_000]], 4_000), // A's second pin (still inside 5 min of the first)
      ],
      {
        pins: [
          { at: T0, productId: 'A' },
          { at: T0 + 2 * MIN, productId: 'B' },
          { at: T0 + 4 * MIN, productId: 'A' },
          { at: T0 + 6 * MIN, productId: null },
        ],
      },
    );
    const [a, b, again] = computeStats(record).segments;
    expect(a.gmvProduct).toEqual(cny(1_000));
    // the tail stops where A is pinned again: a2 only, never a3
    expect(a.gmvTail).toEqual(cny(2_000));
    expect(b.productId).toBe('B');
    expect(again.gmvProduct).toEqual(cny(4_000));
    const counted = a.gmvProduct.amount + a.gmvTail.amount + again.gmvProduct.amount + again.gmvTail.amount;
    expect(counted).toBe(7_000);
  });

  it('keeps lines whose sku is not in the catalogue, under their sku (unknown product), in units and money', () => {
    const record = recordOf([order('o1', MIN, [['ZZ-9', 1, 500]], 500)]);
    const zz = computeStats(record).products.find((p) => p.productId === 'ZZ-9');
    expect(zz).toMatchObject({ paidGmv: cny(500), units: 1 });
  });
});
