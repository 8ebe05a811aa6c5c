/**
 * Keeps the engine running: restarts it with capped exponential backoff (with jitter) when it dies,
 * and resets the backoff once it has stayed up for a while. No `electron` import: the process is
 * started through the `spawn` function the shell passes in, so this logic is tested under Node.
 */
import { stopGracefully } from './engine-health';

export interface EngineChild {
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  /** Asks for a clean exit (the session closed); falls back to kill() when absent. */
  requestShutdown?(): void;
}

export interface SupervisorOptions {
  spawn: () => EngineChild;
  onRestart?: (attempt: number, delayMs: number) => void;
  /** After this many failures in a row the supervisor stops and calls onGiveUp (default 3). */
  maxFailures?: number;
  /** Called instead of a restart once maxFailures is reached; retry() starts again from scratch. */
  onGiveUp?: (failures: number) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Up this long counts as healthy: the next crash starts the backoff from the beginning. */
  healthyAfterMs?: number;
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** Delay before restart attempt n (1-based): base * 2^(n-1), capped, with +-25% jitter. */
export function restartDelay(attempt: number, base: number, max: number, random: () => number): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}

export class EngineSupervisor {
  private child: EngineChild | null = null;
  private attempt = 0;
  private startedAt = 0;
  private stopped = false;

  constructor(private readonly options: SupervisorOptions) {}

  start(): void {
    this.stopped = false;
    this.launch();
  }

  private launch(): void {
    const now = this.options.now ?? Date.now;
    this.startedAt = now();
    const child = this.options.spawn();
    this.child = child;
    child.onExit(() => {
      if (this.stopped || this.child !== child) return;
      if (now() - this.startedAt >= (this.options.healthyAfterMs ?? 30_000)) this.attempt = 0;
      this.attempt += 1;
      if (this.options.onGiveUp && this.attempt >= (this.options.maxFailures ?? 3)) {
        this.child = null;
        this.options.onGiveUp(this.attempt);
        return;
      }
      const delay = restartDelay(
        this.attempt,
        this.options.baseDelayMs ?? 500,
        this.options.maxDelayMs ?? 15_000,
        this.options.random ?? Math.random,
      );
      this.options.onRestart?.(this.attempt, delay);
      (this.options.setTimer ?? setTimeout)(() => !this.stopped && this.launch(), delay);
    });
  }

  /** Starts again after onGiveUp, with the backoff from the beginning. */
  retry(): void {
    this.attempt = 0;
    if (!this.stopped && !this.child) this.launch();
  }

  /** Stops restarting and ends the engine at once (kill). */
  stop(): void {
    this.stopped = true;
    this.child?.kill();
    this.child = null;
  }

  /**
   * Stops restarting and lets the engine close its session: a shutdown request, then its exit, killed
   * after `timeoutMs` (see stopGracefully).
   */
  async stopGracefully(timeoutMs = 10_000): Promise<'clean' | 'killed' | 'none'> {
    this.stopped = true;
    const child = this.child;
    this.child = null;
    if (!child) return 'none';
    return stopGracefully(
      {
        requestShutdown: () => (child.requestShutdown ? child.requestShutdown() : child.kill()),
        kill: () => child.kill(),
        onExit: (l) => child.onExit(l),
      },
      timeoutMs,
      this.options.setTimer ?? setTimeout,
    );
  }
}
