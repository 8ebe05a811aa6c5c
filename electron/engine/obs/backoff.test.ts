import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially until the cap', () => {
    const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, noJitter))).toEqual([200, 400, 800, 1000, 1000, 1000]);
  });

  it('jitter spreads retries below the nominal delay', () => {
    const opts = { initialMs: 1000, maxMs: 10_000, factor: 2, jitter: 0.5 };
    expect(backoffDelay(0, opts, () => 0)).toBe(1000);
    expect(backoffDelay(0, opts, () => 0.9)).toBe(550);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3, opts)));
    expect(seen.size).toBeGreaterThan(5);
  });

  it('stays within [0, maxMs] for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        return d >= 0 && d <= DEFAULT_BACKOFF.maxMs;
      }),
    );
  });
});
