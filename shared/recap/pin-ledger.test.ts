import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../metrics/types';
import { money } from '../money';
import { pinLedger } from './pin-ledger';

const seg = (productId: string, durationMs: number, gmvProduct: number, over: Partial<Segment> = {}): Segment => ({
  productId,
  start: 0,
  end: durationMs,
  durationMs,
  gmvAll: money(gmvProduct),
  gmvProduct: money(gmvProduct),
  gmvTail: money(0),
  orders: 0,
  units: 0,
  questions: 0,
  gmvProductSettled: money(gmvProduct),
  ...over,
});

describe('pinLedger (讲解 ledger: segments per product)', () => {
  it('sums each product over its pins and works out GMV per pinned minute, half-up to the fen', () => {
    const rows = pinLedger([
      seg('p1', 60_000, 10_000, { orders: 2, units: 3, questions: 4, gmvAll: money(12_000), gmvTail: money(500) }),
      seg('p2', 30_000, 99_900, { orders: 1, units: 1 }),
      seg('p1', 120_000, 5_000, { orders: 1, units: 1, questions: 1 }),
    ]);
    expect(rows.map((r) => r.productId)).toEqual(['p2', 'p1']); // highest product GMV first
    expect(rows[1]).toEqual({
      productId: 'p1',
      pins: 2,
      pinnedMs: 180_000,
      gmvAll: money(17_000),
      gmvProduct: money(15_000),
      gmvTail: money(500),
      orders: 3,
      units: 4,
      perPinnedMinute: money(5_000),
      questions: 5,
    });
    // ¥999 in 30 s: ¥1,998 a minute
    expect(rows[0].perPinnedMinute).toEqual(money(199_800));
  });

  it('rounds per pinned minute half-up and has none for a pin of no time', () => {
    // 1 fen in 7 minutes: 0.142… fen a minute -> 0; 4 fen in 7 minutes: 0.571… -> 1
    expect(pinLedger([seg('a', 7 * 60_000, 1)])[0].perPinnedMinute).toEqual(money(0));
    expect(pinLedger([seg('a', 7 * 60_000, 4)])[0].perPinnedMinute).toEqual(money(1));
    // exactly half a fen rounds up: 1 fen in 2 minutes
    expect(pinLedger([seg('a', 2 * 60_000, 1)])[0].perPinnedMinute).toEqual(money(1));
    expect(pinLedger([seg('a', 0, 5_000)])[0].perPinnedMinute).toBeNull();
    expect(pinLedger([])).toEqual([]);
  });

  it('keeps the segments currency', () => {
    const usd = { ...money(100, 'USD') };
    const [row] = pinLedger([seg('a', 60_000, 100, { gmvAll: usd, gmvProduct: usd, gmvTail: money(0, 'USD') })]);
    expect(row.gmvProduct.currency).toBe('USD');
    expect(row.perPinnedMinute?.currency).toBe('USD');
  });

  it('the rows add up to the segments: money in fen, orders, units, questions, time and pins', () => {
    const segArb = fc
      .record({
        productId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
        durationMs: fc.integer({ min: 0, max: 3_600_000 }),
        product: fc.integer({ min: 0, max: 10_000_000 }),
        tail: fc.integer({ min: 0, max: 1_000_000 }),
        orders: fc.integer({ min: 0, max: 300 }),
        units: fc.integer({ min: 0, max: 600 }),
        questions: fc.integer({ min: 0, max: 50 }),
      })
      .map((s) =>
        seg(s.productId, s.durationMs, s.product, {
          gmvAll: money(s.product + s.tail),
          gmvTail: money(s.tail),
          orders: s.orders,
          units: s.units,
          questions: s.questions,
        }),
      );
    fc.assert(
      fc.property(fc.array(segArb, { maxLength: 40 }), (segments) => {
        const rows = pinLedger(segments);
        const total = <T>(list: readonly T[], f: (x: T) => number) => list.reduce((a, x) => a + f(x), 0);
        expect(total(rows, (r) => r.gmvAll.amount)).toBe(total(segments, (s) => s.gmvAll.amount));
        expect(total(rows, (r) => r.gmvProduct.amount)).toBe(total(segments, (s) => s.gmvProduct.amount));
        expect(total(rows, (r) => r.gmvTail.amount)).toBe(total(segments, (s) => s.gmvTail.amount));
        expect(total(rows, (r) => r.orders)).toBe(total(segments, (s) => s.orders));
        expect(total(rows, (r) => r.units)).toBe(total(segments, (s) => s.units));
        expect(total(rows, (r) => r.questions)).toBe(total(segments, (s) => s.questions));
        expect(total(rows, (r) => r.pinnedMs)).toBe(total(segments, (s) => s.durationMs));
        expect(total(rows, (r) => r.pins)).toBe(segments.length);
        expect(new Set(rows.map((r) => r.productId)).size).toBe(rows.length);
        for (let i = 1; i < rows.length; i++)
          expect(rows[i - 1].gmvProduct.amount).toBeGreaterThanOrEqual(rows[i].gmvProduct.amount);
      }),
    );
  });
});
