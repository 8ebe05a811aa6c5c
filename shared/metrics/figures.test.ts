import { describe, expect, it } from 'vitest';
import { computeFigures } from './figures';
import { handRecord, MIN, T0 } from './fixture.test-helpers';
import { computeStats } from './stats';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('figures of METRICS.md on a hand-computed session', () => {
  it('counts the session orders by paid time, refunds whenever they arrive, and each ratio exactly', () => {
    const f = computeFigures(handRecord());
    // o1 + o2 + o3 (o4 paid before the start; o5 has no amount but counts as an order)
    expect(f.paidGmv).toEqual(cny(105_600));
    // r1 arrives 10 minutes after the end and still counts; r2 refunds o4, not ours
    expect(f.refunds).toEqual(cny(10_000));
    expect(f.settledGmv).toEqual(cny(95_600));
    expect(f.orders).toBe(4);
    expect(f.units).toBe(5);
    // b1 twice, o3 without buyer is its own buyer, b2
    expect(f.buyers).toBe(3);
    expect(f.perBuyer).toEqual(cny(35_200));
    expect(f.aov).toEqual(cny(26_400));
    expect(f.perUnit).toEqual(cny(21_120));
    expect(f.refundRate).toBe(10_000 / 105_600);
    expect(f.peakViewers).toBe(300);
    // (100 x 2 min + 300 x 4 min + 200 x 4 min) / 10 min
    expect(f.averageViewers).toBe(220);
    expect(f.cumulativeViewers).toBe(500);
    expect(f.gpm).toEqual(cny(211_200));
    expect(f.conversion).toBe(3 / 500);
    expect(f.chatRate).toBe(0.3);
  });

  it('rounds money ratios half-up and leaves empty denominators null', () => {
    const r = handRecord();
    r.orders = [
      { orderId: 'x', paidAt: T0, buyerId: 'a', channel: null, total: cny(100), lines: [] },
      { orderId: 'y', paidAt: T0, buyerId: 'b', channel: null, total: cny(1), lines: [] },
      { orderId: 'z', paidAt: T0, buyerId: 'c', channel: null, total: cny(0), lines: [] },
    ];
    r.viewers = [];
    const f = computeFigures(r);
    expect(f.aov).toEqual(cny(34)); // 101 / 3 = 33.67 -> 34
    expect(f.perUnit).toBeNull();
    expect(f.peakViewers).toBeNull();
    expect(f.averageViewers).toBeNull();
    expect(f.gpm).toBeNull();
    expect(f.conversion).toBeNull();
    r.orders = [{ orderId: 'x', paidAt: T0, buyerId: 'a', channel: null, total: cny(5), lines: [] }];
    r.orders.push({ orderId: 'w', paidAt: T0, buyerId: 'a', channel: null, total: cny(0), lines: [] });
    expect(computeFigures(r).aov).toEqual(cny(3)); // 2.5 -> 3
  });
});

describe('pin segments, products and minutes on the hand-computed session', () => {
  const stats = computeStats(handRecord());

  it('opens a segment for the pin standing at the start and closes the last one at the end', () => {
    expect(stats.segments).toEqual([
      {
        productId: 'A',
        start: T0,
        end: T0 + 2 * MIN,
        durationMs: 2 * MIN,
        gmvAll: cny(89_700),
        gmvProduct: cny(89_700),
        gmvTail: cny(0),
        orders: 2,
        units: 3,
        questions: 1,
        // r1 refunds 100 yuan of o1 (after the show): beside the paid figure, never instead of it
        gmvProductSettled: cny(79_700),
      },
      {
        productId: 'B',
        start: T0 + 2 * MIN,
        end: T0 + 7 * MIN,
        durationMs: 5 * MIN,
        gmvAll: cny(15_900),
        gmvProduct: cny(15_900),
        // o5 (B, 8 min) falls in the 5-minute tail, but its amount is unknown: money actually paid only, never the list price
        gmvTail: cny(0),
        orders: 1,
        units: 1,
        questions: 1,
        gmvProductSettled: cny(15_900),
      },
      {
        productId: 'A',
        start: T0 + 9 * MIN,
        end: T0 + 10 * MIN,
        durationMs: MIN,
        gmvAll: cny(0),
        gmvProduct: cny(0),
        gmvTail: cny(0),
        orders: 0,
        units: 0,
        questions: 0,
        gmvProductSettled: cny(0),
      },
    ]);
  });

  it('sums per product: pins, pinned time, GMV while pinned and not', () => {
    expect(stats.products).toEqual([
      {
        productId: 'A',
        pins: 2,
        pinnedMs: 3 * MIN,
        gmvPinned: cny(89_700),
        gmvNotPinned: cny(0),
        paidGmv: cny(89_700),
        refunds: cny(10_000),
        settledGmv: cny(79_700),
        units: 3,
      },
      // o5's line is counted in units, but its money is unknown (0 paid, never the list price)
      {
        productId: 'B',
        pins: 1,
        pinnedMs: 5 * MIN,
        gmvPinned: cny(15_900),
        gmvNotPinned: cny(0),
        paidGmv: cny(15_900),
        refunds: cny(0),
        settledGmv: cny(15_900),
        units: 2,
      },
      {
        productId: 'C',
        pins: 0,
        pinnedMs: 0,
        gmvPinned: cny(0),
        gmvNotPinned: cny(0),
        paidGmv: cny(0),
        refunds: cny(0),
        settledGmv: cny(0),
        units: 0,
      },
    ]);
  });

  it('writes one row per minute with the product pinned most of it and the gap minute marked', () => {
    const m = stats.minutes;
    expect(m).toHaveLength(10);
    expect(m.map((r) => r.paidGmv.amount)).toEqual([29_900, 59_800, 15_900, 0, 0, 0, 0, 0, 0, 0]);
    expect(m.map((r) => r.orders)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 0]);
    expect(m.map((r) => r.units)).toEqual([1, 2, 1, 0, 0, 0, 0, 0, 1, 0]);
    expect(m.map((r) => r.refunds.amount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(m.map((r) => r.chat)).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 0, 0]);
    expect(m.map((r) => r.likes)).toEqual([5, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(m.map((r) => r.viewers)).toEqual([100, null, 300, null, null, null, 200, null, null, null]);
    expect(m.map((r) => r.pinnedProductId)).toEqual(['A', 'A', 'B', 'B', 'B', 'B', 'B', null, null, 'A']);
    expect(m.map((r) => r.incomplete)).toEqual([false, false, false, false, true, false, false, false, false, false]);
    expect(m[3].start).toBe(T0 + 3 * MIN);
  });

  it('marks the money figures incomplete while an order has no amount', () => {
    expect(stats.incomplete).toEqual({ money: true, ordersWithoutAmount: 1, incompleteMinutes: 1 });
  });
});
