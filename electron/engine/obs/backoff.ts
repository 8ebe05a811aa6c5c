/**
 * Reconnect delays: exponential, capped, with jitter so several studios (or a studio and its assistant
 * machines) that lost the same OBS do not knock on it in lockstep.
 */
export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Upper bound of any delay, jitter included. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Fraction of the delay that is randomized: 0.3 gives a delay in [0.7 d, d]. */
  jitter: number;
}

/**
 * A refused connection on loopback costs next to nothing, and every second counts when OBS comes back
 * mid-show: the cap is low. (Measured in bench/obs.bench.ts: restart to identified.)
 */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 1_000, factor: 2, jitter: 0.3 };

/**
 * Delay before retry number `attempt` (0 for the first retry). `random` returns [0, 1); injectable so
 * tests are deterministic. Never negative, never above `maxMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const { initialMs, maxMs, factor, jitter } = options;
  const exponent = Math.max(0, Math.min(attempt, 30));
  const base = Math.min(maxMs, initialMs * factor ** exponent);
  const spread = Math.min(1, Math.max(0, jitter));
  const delay = base * (1 - spread * random());
  return Math.max(0, Math.min(maxMs, Math.round(delay)));
}
