import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MinuteRow } from '../metrics/types';
import { money } from '../money';
import { rangeFigures } from './range';

const T0 = Date.UTC(2026, 0, 1, 12);

const row = (i: number, over: Partial<MinuteRow> = {}): MinuteRow => ({
  start: T0 + i * 60_000,
  paidGmv: money(0),
  orders: 0,
  units: 0,
  refunds: money(0),
  chat: 0,
  likes: 0,
  viewers: null,
  pinnedProductId: null,
  incomplete: false,
  ...over,
});

const rowArb = fc.record({
  paid: fc.integer({ min: 0, max: 5_000_000 }),
  orders: fc.integer({ min: 0, max: 500 }),
  units: fc.integer({ min: 0, max: 900 }),
  refunds: fc.integer({ min: 0, max: 500_000 }),
  chat: fc.integer({ min: 0, max: 3_000 }),
  likes: fc.integer({ min: 0, max: 10_000 }),
  viewers: fc.option(fc.integer({ min: 0, max: 200_000 })),
  incomplete: fc.boolean(),
});
const rowsArb = fc
  .array(rowArb, { minLength: 1, maxLength: 90 })
  .map((list) =>
    list.map((r, i) => row(i, { ...r, paidGmv: money(r.paid), refunds: money(r.refunds), viewers: r.viewers ?? null })),
  );

describe('rangeFigures (a brushed span of the per-minute chart)', () => {
  it('sums a span exactly, in fen, and takes the highest viewers count', () => {
    const rows = [
      row(0, { paidGmv: money(12_900), orders: 1, units: 2, chat: 30, likes: 4, viewers: 120 }),
      row(1, { paidGmv: money(39_900), orders: 3, units: 3, refunds: money(9_900), chat: 0, viewers: 340 }),
      row(2, { paidGmv: money(1), orders: 1, units: 1, chat: 90, likes: 1, viewers: 200, incomplete: true }),
    ];
    expect(rangeFigures(rows, 0, 2)).toEqual({
      from: T0,
      to: T0 + 3 * 60_000,
      minutes: 3,
      paidGmv: money(52_801),
      orders: 5,
      units: 6,
      refunds: money(9_900),
      chat: 120,
      chatRate: 40,
      likes: 5,
      peakViewers: 340,
      incompleteMinutes: 1,
    });
  });

  it('takes the ends in either order and clamps them to the rows', () => {
    const rows = [row(0, { orders: 1 }), row(1, { orders: 2 }), row(2, { orders: 4 })];
    expect(rangeFigures(rows, 2, 1)).toEqual(rangeFigures(rows, 1, 2));
    expect(rangeFigures(rows, -5, 99).orders).toBe(7);
    expect(rangeFigures(rows, -5, 99).minutes).toBe(3);
  });

  it('a span without viewers samples has no peak; an empty chart has no minutes and no chat rate', () => {
    expect(rangeFigures([row(0), row(1)], 0, 1).peakViewers).toBeNull();
    const empty = rangeFigures([], 0, 3, 'USD');
    expect(empty.minutes).toBe(0);
    expect(empty.chatRate).toBeNull();
    expect(empty.paidGmv).toEqual(money(0, 'USD'));
  });

  it('the whole chart split anywhere adds up to the whole (money, counts, incomplete minutes)', () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), (rows, cut) => {
        const last = rows.length - 1;
        const k = cut % rows.length;
        const whole = rangeFigures(rows, 0, last);
        const left = rangeFigures(rows, 0, k);
        const parts = k < last ? [left, rangeFigures(rows, k + 1, last)] : [left];
        const sum = (f: (r: typeof whole) => number) => parts.reduce((a, p) => a + f(p), 0);
        expect(sum((p) => p.paidGmv.amount)).toBe(whole.paidGmv.amount);
        expect(sum((p) => p.refunds.amount)).toBe(whole.refunds.amount);
        expect(sum((p) => p.orders)).toBe(whole.orders);
        expect(sum((p) => p.units)).toBe(whole.units);
        expect(sum((p) => p.chat)).toBe(whole.chat);
        expect(sum((p) => p.likes)).toBe(whole.likes);
        expect(sum((p) => p.minutes)).toBe(rows.length);
        expect(sum((p) => p.incompleteMinutes)).toBe(rows.filter((r) => r.incomplete).length);
        const peaks = parts.map((p) => p.peakViewers).filter((v): v is number => v !== null);
        expect(whole.peakViewers).toBe(peaks.length === 0 ? null : Math.max(...peaks));
        expect(Number.isInteger(whole.paidGmv.amount)).toBe(true);
      }),
    );
  });
});
