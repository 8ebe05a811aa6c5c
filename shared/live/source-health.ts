/**
 * Health of the sources live events come in by (the gateway link, each local bridge): connected or not,
 * when the last event came, events per minute, and whether a source has gone quiet during a session.
 * Pure: the engine feeds it counts and times, seats show what it says.
 */

export type SourceKind = 'gateway' | 'bridge' | 'ssn';

/** What a source is doing, in the words the console shows. */
export type SourceState = 'connected' | 'connecting' | 'reconnecting' | 'disconnected' | 'failed' | 'idle';

export interface SourceHealth {
  /** `gateway`, `bridge:<seat id>` (a token posting to /bridge/events), `ssn:<bridge id>` */
  id: string;
  kind: SourceKind;
  label: string;
  state: SourceState;
  connected: boolean;
  /** Engine clock time of the last event that arrived by this source (duplicates included), or null. */
  lastEventAt: number | null;
  /** Events in the last 60 s. */
  perMinute: number;
  /** A session is running, this source was expected to deliver, and nothing came for the quiet limit. */
  quiet: boolean;
  /** How long nothing came (ms) when quiet, else null. */
  quietForMs: number | null;
  /** Why it is disconnected or failed, when known (`bad_token`, `relay closed` ...). */
  reason?: string;
}

/** Nothing from a connected source for this long during a session earns a warning. */
export const DEFAULT_QUIET_MS = 60_000;

const BUCKET_MS = 1_000;
const WINDOW_BUCKETS = 60;

/** Events per rolling minute in one-second buckets: constant memory whatever the flood. */
export class EventRate {
  private readonly counts = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly stamps = new Array<number>(WINDOW_BUCKETS).fill(-1);

  add(n: number, at: number): void {
    const bucket = Math.floor(at / BUCKET_MS);
    const i = bucket % WINDOW_BUCKETS;
    if (this.stamps[i] !== bucket) {
      this.stamps[i] = bucket;
      this.counts[i] = 0;
    }
    this.counts[i] += n;
  }

  /** Events in the 60 s up to `now` (the current second included). */
  perMinute(now: number): number {
    const current = Math.floor(now / BUCKET_MS);
    let total = 0;
    for (let i = 0; i < WINDOW_BUCKETS; i++) {
      const age = current - this.stamps[i];
      if (this.stamps[i] >= 0 && age >= 0 && age < WINDOW_BUCKETS) total += this.counts[i];
    }
    return total;
  }
}

export interface QuietInput {
  connected: boolean;
  lastEventAt: number | null;
  /** Start of the running session, null when none runs. */
  sessionStartedAt: number | null;
  now: number;
  quietMs: number;
}

/**
 * Quiet: a session runs, the source is connected or has delivered during it, and nothing arrived for
 * `quietMs` since the later of its last event and the session's start. Outside a session nothing is quiet.
 */
export function quietFor(input: QuietInput): number | null {
  const { connected, lastEventAt, sessionStartedAt, now, quietMs } = input;
  if (sessionStartedAt === null) return null;
  const deliveredInSession = lastEventAt !== null && lastEventAt >= sessionStartedAt;
  if (!connected && !deliveredInSession) return null;
  const since = Math.max(lastEventAt ?? sessionStartedAt, sessionStartedAt);
  const silent = now - since;
  return silent >= quietMs ? silent : null;
}
