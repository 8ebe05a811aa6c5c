/**
 * Keeps, per source of live events (the gateway link, each bridge token, each Social Stream Ninja
 * listener), what it is doing and how much it delivers, and turns that into the `sources` slice seats
 * show (shared/live/source-health.ts decides what "quiet" means).
 */
import {
  EventRate,
  quietFor,
  type SourceHealth,
  type SourceKind,
  type SourceState,
} from '../../../shared/live/source-health';

export interface SourceInfo {
  kind: SourceKind;
  label: string;
  state: SourceState;
  reason?: string;
}

interface Entry {
  info: SourceInfo;
  rate: EventRate;
  lastEventAt: number | null;
  events: number;
}

export class SourceMonitor {
  private readonly entries = new Map<string, Entry>();

  /** Adds a source or updates what it is doing; its counters are kept. */
  set(id: string, info: SourceInfo): void {
    const entry = this.entries.get(id);
    if (entry) entry.info = info;
    else this.entries.set(id, { info, rate: new EventRate(), lastEventAt: null, events: 0 });
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /** `n` events arrived by `id` at `at` (duplicates included: the source is alive either way). */
  record(id: string, n: number, at: number): void {
    const entry = this.entries.get(id);
    if (!entry || n <= 0) return;
    entry.rate.add(n, at);
    entry.lastEventAt = at;
    entry.events += n;
  }

  lastEventAt(id: string): number | null {
    return this.entries.get(id)?.lastEventAt ?? null;
  }

  snapshot(now: number, sessionStartedAt: number | null, quietMs: number): SourceHealth[] {
    const out: SourceHealth[] = [];
    for (const [id, e] of this.entries) {
      // A token bridge has no connection of its own: it counts as connected while it keeps posting.
      const state: SourceState =
        e.info.kind === 'bridge'
          ? e.lastEventAt !== null && now - e.lastEventAt < 2 * quietMs
            ? 'connected'
            : 'idle'
          : e.info.state;
      const connected = state === 'connected';
      const silent = quietFor({ connected, lastEventAt: e.lastEventAt, sessionStartedAt, now, quietMs });
      out.push({
        id,
        kind: e.info.kind,
        label: e.info.label,
        state,
        connected,
        lastEventAt: e.lastEventAt,
        perMinute: e.rate.perMinute(now),
        quiet: silent !== null,
        quietForMs: silent,
        ...(e.info.reason ? { reason: e.info.reason } : {}),
      });
    }
    return out;
  }
}
