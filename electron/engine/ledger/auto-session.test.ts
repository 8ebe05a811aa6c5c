import { describe, expect, it } from 'vitest';
import { AutoSession } from './auto-session';

describe('automatic session from OBS streaming', () => {
  it('starts with the stream and stops at stream end + grace when the grace period runs out', () => {
    const auto = new AutoSession({ enabled: true, graceMs: 60_000 });
    expect(auto.streamStarted(1_000, false)).toEqual({ type: 'start', at: 1_000 });
    expect(auto.streamStopped(50_000)).toEqual({ type: 'none' });
    expect(auto.nextDeadline()).toBe(110_000);
    expect(auto.tick(109_999)).toEqual({ type: 'none' });
    expect(auto.tick(200_000)).toEqual({ type: 'stop', at: 110_000 });
    expect(auto.tick(300_000)).toEqual({ type: 'none' });
  });

  it('keeps the same session when the stream comes back within the grace period', () => {
    const auto = new AutoSession({ enabled: true, graceMs: 60_000 });
    auto.streamStarted(0, false);
    auto.streamStopped(10_000);
    expect(auto.streamStarted(30_000, true)).toEqual({ type: 'none' });
    expect(auto.tick(100_000)).toEqual({ type: 'none' });
    expect(auto.nextDeadline()).toBeNull();
  });

  it('does not start a second session over a manual one, nor anything when disabled', () => {
    const auto = new AutoSession({ enabled: true, graceMs: 0 });
    expect(auto.streamStarted(0, true)).toEqual({ type: 'none' });
    expect(auto.streamStopped(5)).toEqual({ type: 'stop', at: 5 });
    const off = new AutoSession({ enabled: false, graceMs: 0 });
    expect(off.streamStarted(0, false)).toEqual({ type: 'none' });
    expect(off.streamStopped(5)).toEqual({ type: 'none' });
  });

  it('drops a pending stop when the host stops the session by hand', () => {
    const auto = new AutoSession({ enabled: true, graceMs: 60_000 });
    auto.streamStarted(0, false);
    auto.streamStopped(10);
    auto.sessionStoppedManually();
    expect(auto.tick(1_000_000)).toEqual({ type: 'none' });
  });
});
