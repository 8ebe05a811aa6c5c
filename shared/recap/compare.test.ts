import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Figures } from '../metrics/types';
import { money } from '../money';
import { baselineOf, compareFigure, figureNumber, HEADLINE_KEYS } from './compare';

const figures = (over: Partial<Figures> = {}): Figures => ({
  paidGmv: money(0),
  refunds: money(0),
  settledGmv: money(0),
  orders: 0,
  units: 0,
  buyers: 0,
  perBuyer: null,
  aov: null,
  perUnit: null,
  refundRate: null,
  peakViewers: null,
  averageViewers: null,
  cumulativeViewers: null,
  gpm: null,
  conversion: null,
  chatRate: null,
  ...over,
});

describe('compare (headline figures against earlier sessions)', () => {
  it('reads money in fen and missing figures as null', () => {
    const f = figures({ paidGmv: money(129_900), orders: 7, gpm: null, conversion: 0.031 });
    expect(figureNumber(f, 'paidGmv')).toBe(129_900);
    expect(figureNumber(f, 'orders')).toBe(7);
    expect(figureNumber(f, 'gpm')).toBeNull();
    expect(figureNumber(f, 'conversion')).toBe(0.031);
  });

  it('averages each figure over the sessions that have it, and names a single session', () => {
    const base = baselineOf([
      { id: 's1', title: '周一专场', figures: figures({ paidGmv: money(100_000), peakViewers: 300 }) },
      { id: 's2', title: '周二专场', figures: figures({ paidGmv: money(50_001), peakViewers: null }) },
    ]);
    expect(base.sessions).toBe(2);
    expect(base.ids).toEqual(['s1', 's2']);
    expect(base.title).toBeNull();
    expect(base.figures.paidGmv).toBe(75_000.5);
    expect(base.figures.peakViewers).toBe(300); // s2 had no viewers samples: not counted as 0
    expect(base.figures.gpm).toBeNull();
    expect(Object.keys(base.figures).sort()).toEqual([...HEADLINE_KEYS].sort());
    expect(baselineOf([{ id: 's1', title: '周一专场', figures: figures() }]).title).toBe('周一专场');
    const none = baselineOf([]);
    expect(none.sessions).toBe(0);
    expect(none.figures.orders).toBeNull();
  });

  it('says the change as a fraction of the base, none without a base or against 0', () => {
    expect(compareFigure(150, 100)).toEqual({ value: 150, base: 100, change: 0.5 });
    expect(compareFigure(50, 100).change).toBe(-0.5);
    expect(compareFigure(-50, -100).change).toBe(0.5); // against a negative base the sign still says up
    expect(compareFigure(10, 0).change).toBeNull();
    expect(compareFigure(null, 100).change).toBeNull();
    expect(compareFigure(10, undefined)).toEqual({ value: 10, base: null, change: null });
  });

  it('the baseline of one figure lies between its lowest and highest session', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 7 }), (amounts) => {
        const base = baselineOf(
          amounts.map((a, i) => ({ id: `s${i}`, title: `s${i}`, figures: figures({ paidGmv: money(a) }) })),
        );
        const mean = base.figures.paidGmv as number;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...amounts));
        expect(mean).toBeLessThanOrEqual(Math.max(...amounts));
        expect(mean * amounts.length).toBeCloseTo(
          amounts.reduce((a, b) => a + b, 0),
          0,
        );
      }),
    );
  });
});
