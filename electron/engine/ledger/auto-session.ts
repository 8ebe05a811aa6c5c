/**
 * Automatic sessions from OBS streaming, as a pure state machine: the stream starting opens a session
 * (unless one is already open); the stream stopping starts a grace period (a dropped connection that
 * comes back within it continues the same session); when the grace period runs out the session ends at
 * stop time + grace, as METRICS.md defines `endedAt`. The engine feeds it OBS events and timer ticks and
 * carries out the decisions.
 */
export type AutoSessionState =
  | { name: 'off' }
  | { name: 'streaming'; since: number }
  | { name: 'grace'; stoppedAt: number; deadline: number };

export type AutoDecision = { type: 'start'; at: number } | { type: 'stop'; at: number } | { type: 'none' };

export interface AutoSessionSettings {
  enabled: boolean;
  graceMs: number;
}

export class AutoSession {
  state: AutoSessionState = { name: 'off' };
  constructor(public settings: AutoSessionSettings) {}

  /** OBS reports streaming started at `at`; `sessionOpen`: a session is already running (manual start). */
  streamStarted(at: number, sessionOpen: boolean): AutoDecision {
    const before = this.state;
    this.state = { name: 'streaming', since: before.name === 'streaming' ? before.since : at };
    if (!this.settings.enabled || before.name !== 'off' || sessionOpen) return { type: 'none' };
    return { type: 'start', at };
  }

  /** OBS reports streaming stopped at `at`. */
  streamStopped(at: number): AutoDecision {
    if (this.state.name !== 'streaming') return { type: 'none' };
    if (!this.settings.enabled) {
      this.state = { name: 'off' };
      return { type: 'none' };
    }
    this.state = { name: 'grace', stoppedAt: at, deadline: at + this.settings.graceMs };
    return this.tick(at);
  }

  /** Time passes; call at `nextDeadline()` (or any time). */
  tick(now: number): AutoDecision {
    if (this.state.name === 'grace' && now >= this.state.deadline) {
      const at = this.state.deadline;
      this.state = { name: 'off' };
      return { type: 'stop', at };
    }
    return { type: 'none' };
  }

  /** When the engine should call `tick` next, or null. */
  nextDeadline(): number | null {
    return this.state.name === 'grace' ? this.state.deadline : null;
  }

  /** The session was stopped by hand: a stream still running must not reopen it, and no stop is pending. */
  sessionStoppedManually(): void {
    if (this.state.name === 'grace') this.state = { name: 'off' };
  }
}
