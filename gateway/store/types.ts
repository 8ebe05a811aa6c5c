/**
 * The gateway's durable store: one commit per batch that drops already-seen ids, assigns consecutive seqs to
 * the rest and makes them durable before returning; bounded replay history per room. Two implementations:
 * SQLite (one node) and Redis (several nodes sharing seq and dedupe).
 */
import type { InboundEvent, LiveEvent } from '../../shared/events';

export interface CommitResult {
  /** The new events with their seqs, in seq order. */
  accepted: LiveEvent[];
  duplicates: number;
}

export interface GatewayStore {
  /** Atomically: dedupe by id (per room), assign seqs, persist. Resolves once durable. */
  commit(room: string, events: readonly InboundEvent[], receivedAt: number): Promise<CommitResult>;
  /** Events with seq > afterSeq, oldest first, at most `limit`. */
  readAfter(room: string, afterSeq: number, limit: number): Promise<LiveEvent[]>;
  /** Highest seq assigned in the room (0 for none) and the oldest seq still held (null when none held). */
  bounds(room: string): Promise<{ head: number; oldest: number | null }>;
  /** Drops history and dedupe keys past retention. */
  prune(now: number): Promise<void>;
  close(): Promise<void>;
}

/** The live event a commit makes of an inbound one; its JSON is also the stored form. */
export function liveEvent(room: string, seq: number, receivedAt: number, event: InboundEvent): LiveEvent {
  return { v: 1, seq, room, receivedAt, ...event } as LiveEvent;
}
