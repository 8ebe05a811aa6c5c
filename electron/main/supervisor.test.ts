import { describe, expect, it } from 'vitest';
import { EngineSupervisor, restartDelay } from './supervisor';

describe('engine supervisor', () => {
  it('backs off exponentially with jitter, capped', () => {
    const mid = () => 0.5;
    expect(restartDelay(1, 500, 15_000, mid)).toBe(500);
    expect(restartDelay(2, 500, 15_000, mid)).toBe(1000);
    expect(restartDelay(10, 500, 15_000, mid)).toBe(15_000);
    expect(restartDelay(1, 500, 15_000, () => 0)).toBe(375);
    expect(restartDelay(1, 500, 15_000, () => 1)).toBe(625);
  });

  it('restarts a dying engine and stops restarting once stopped', () => {
    let clock = 0;
    const timers: (() => void)[] = [];
    const exits: ((code: number | null) => void)[] = [];
    let spawned = 0;
    const delays: number[] = [];
    const supervisor = new EngineSupervisor({
      spawn: () => {
        spawned++;
        return { onExit: (l) => exits.push(l), kill: () => undefined };
      },
      onRestart: (_attempt, delay) => delays.push(delay),
      random: () => 0.5,
      now: () => clock,
      setTimer: (fn) => timers.push(fn),
    });
    supervisor.start();
    expect(spawned).toBe(1);
    exits[0](1); // crash at once
    timers.shift()!();
    expect(spawned).toBe(2);
    exits[1](1);
    timers.shift()!();
    expect(delays).toEqual([500, 1000]);
    clock += 60_000; // healthy for a minute: backoff resets
    exits[2](1);
    expect(delays.at(-1)).toBe(500);
    supervisor.stop();
    timers.shift()!();
    expect(spawned).toBe(3);
  });
});
