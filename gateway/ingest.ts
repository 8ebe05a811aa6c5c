/**
 * The one ingestion path (HTTP, platform adapters and the in-process simulator all go through it):
 * validate the whole batch, then commit (dedupe, seq, durability) and hand the new events to the feed.
 */

import { StudioError } from '../shared/errors';
import type { InboundEvent, LiveEvent } from '../shared/events';
import { validateInboundBatch } from '../shared/live/inbound';
import type { GatewayStore } from './store/types';

/** PROTOCOL.md B's 200 body. */
export interface AckResult {
  accepted: number;
  duplicates: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

export type CommitListener = (room: string, events: LiveEvent[]) => void;

export class Ingestor {
  constructor(
    private readonly store: GatewayStore,
    private readonly hasRoom: (room: string) => boolean,
    private readonly onCommit: CommitListener,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates `input` (any JSON value) as a batch; throws StudioError 400 with a path on the first fault. */
  validate(input: unknown): InboundEvent[] {
    return validateInboundBatch(input);
  }

  /** Validates, commits and publishes; resolves once the new events are durable. */
  async ingest(room: string, input: unknown): Promise<AckResult> {
    if (!this.hasRoom(room))
      throw new StudioError('unknown_room', `No room "${room}" on this gateway`, { status: 404 });
    const events = this.validate(input);
    return this.commitValid(room, events);
  }

  /** Commits events already validated (adapters build them from typed code, the simulator too). */
  async commitValid(room: string, events: InboundEvent[]): Promise<AckResult> {
    let result: Awaited<ReturnType<GatewayStore['commit']>>;
    try {
      result = await this.store.commit(room, events, this.now());
    } catch (error) {
      throw new StudioError('store_unavailable', `Could not store the events: ${(error as Error).message}`, {
        status: 503,
      });
    }
    const { accepted, duplicates } = result;
    if (accepted.length > 0) this.onCommit(room, accepted);
    return {
      accepted: accepted.length,
      duplicates,
      firstSeq: accepted[0]?.seq ?? null,
      lastSeq: accepted.at(-1)?.seq ?? null,
    };
  }
}
