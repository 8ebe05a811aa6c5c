import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByWeight } from './product-sales';

// Refunds up to ¥100,000 spread over up to 12 order lines worth up to ¥100,000 each (fen, integers).
const amount = fc.integer({ min: 0, max: 10_000_000 });
const weights = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 });

describe('splitByWeight (a refund spread over an order lines, in fen)', () => {
  it('parts add up exactly to the amount and none is negative', () => {
    fc.assert(
      fc.property(amount, weights, (a, w) => {
        const parts = splitByWeight(a, w);
        expect(parts).toHaveLength(w.length);
        expect(parts.reduce((x, y) => x + y, 0)).toBe(a);
        for (const p of parts) {
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('each part is within 1 fen of its exact proportional share', () => {
    fc.assert(
      fc.property(
        amount,
        weights.filter((w) => w.some((x) => x > 0)),
        (a, w) => {
          const total = w.reduce((x, y) => x + y, 0);
          splitByWeight(a, w).forEach((p, i) => {
            expect(Math.abs(p - (a * w[i]) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it('gives a line of no value nothing, and ties go to the earlier line', () => {
    expect(splitByWeight(100, [1, 0, 1])).toEqual([50, 0, 50]);
    expect(splitByWeight(1, [1, 1])).toEqual([1, 0]);
    expect(splitByWeight(10, [3, 3, 3])).toEqual([4, 3, 3]);
  });

  it('puts everything on the first line when no line has value, and splits nothing over no lines', () => {
    expect(splitByWeight(500, [0, 0])).toEqual([500, 0]);
    expect(splitByWeight(500, [])).toEqual([]);
  });
});
