import { describe, expect, it } from 'vitest';
import { EventRate, quietFor } from './source-health';

describe('EventRate', () => {
  it('counts the events of the last 60 seconds and forgets older ones', () => {
    const rate = new EventRate();
    const t = 1_000_000_000;
    rate.add(5, t);
    rate.add(3, t + 30_000);
    expect(rate.perMinute(t + 30_500)).toBe(8);
    expect(rate.perMinute(t + 59_999)).toBe(8);
    expect(rate.perMinute(t + 60_000)).toBe(3);
    expect(rate.perMinute(t + 90_000)).toBe(0);
  });

  it('reuses a bucket a minute later without adding the old count', () => {
    const rate = new EventRate();
    const t = 2_000_000_000;
    rate.add(10, t);
    rate.add(1, t + 60_000);
    expect(rate.perMinute(t + 60_000)).toBe(1);
  });
});

describe('quietFor', () => {
  const base = { quietMs: 60_000, sessionStartedAt: 1_000, now: 100_000 };
  it('is never quiet outside a session', () => {
    expect(quietFor({ ...base, sessionStartedAt: null, connected: true, lastEventAt: 0 })).toBeNull();
  });

  it('warns when a connected source has delivered nothing for the limit', () => {
    expect(quietFor({ ...base, connected: true, lastEventAt: 30_000 })).toBe(70_000);
    expect(quietFor({ ...base, connected: true, lastEventAt: 50_000 })).toBeNull();
  });

  it('counts from the session start when the last event came before it', () => {
    expect(quietFor({ ...base, connected: true, lastEventAt: 10, now: 60_999 })).toBeNull();
    expect(quietFor({ ...base, connected: true, lastEventAt: 10, now: 61_000 })).toBe(60_000);
  });

  it('warns about a disconnected source only if it had delivered during the session', () => {
    expect(quietFor({ ...base, connected: false, lastEventAt: null })).toBeNull();
    expect(quietFor({ ...base, connected: false, lastEventAt: 500 })).toBeNull();
    expect(quietFor({ ...base, connected: false, lastEventAt: 20_000 })).toBe(80_000);
  });
});
