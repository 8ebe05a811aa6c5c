import { describe, expect, it, vi } from 'vitest';
import { backoffMs, Pace } from './call';
import { RENEW_MARGIN_MS, TokenCache } from './token-cache';

describe('token cache', () => {
  it('obtains once for concurrent callers, renews before expiry with the refresh token, drops refused tokens', async () => {
    let t = 0;
    const calls: (string | undefined)[] = [];
    const cache = new TokenCache(
      async (refresh) => {
        calls.push(refresh);
        return { token: `t${calls.length}`, expiresInS: 3600, refresh: `r${calls.length}` };
      },
      () => t,
    );
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
    t = 3600_000 - RENEW_MARGIN_MS - 1;
    expect(await cache.get()).toBe('t1');
    t += 2;
    expect(await cache.get()).toBe('t2');
    expect(calls).toEqual([undefined, 'r1']);
    cache.invalidate('t1'); // an old token: nothing changes
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t2');
    expect(await cache.get()).toBe('t3');
  });

  it('forgets a refresh token that failed, so the next renewal starts from the credentials', async () => {
    let t = 0;
    const calls: (string | undefined)[] = [];
    let fail = false;
    const cache = new TokenCache(
      async (refresh) => {
        calls.push(refresh);
        if (fail) throw new Error('refused');
        return { token: `t${calls.length}`, expiresInS: 600, refresh: 'r' };
      },
      () => t,
    );
    await cache.get();
    t = 600_000;
    fail = true;
    await expect(cache.get()).rejects.toThrow('refused');
    fail = false;
    expect(await cache.get()).toBe('t3');
    expect(calls).toEqual([undefined, 'r', undefined]);
  });
});

describe('retry pacing', () => {
  it('doubles the backoff per failed attempt, at most 60 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(1000, 30)).toBe(60_000);
  });

  it('lets a burst through, then paces calls to the rate (clock and timers faked)', async () => {
    vi.useFakeTimers();
    try {
      const pace = new Pace(20, 3, () => Date.now());
      let done = 0;
      for (let i = 0; i < 5; i++) void pace.take().then(() => done++);
      await vi.advanceTimersByTimeAsync(0);
      expect(done).toBe(3);
      await vi.advanceTimersByTimeAsync(49);
      expect(done).toBe(3);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(4);
      await vi.advanceTimersByTimeAsync(50);
      expect(done).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
