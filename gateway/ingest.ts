/**
 * The one ingestion path (HTTP, platform adapters and the in-process simulator all go through it):
 * validate the whole batch, then commit (dedupe, seq, durability) and hand the new events to the feed.
 */

import type { Logger } from 'pino';
import pino from 'pino';
import { StudioError } from '../shared/errors';
import type { InboundEvent, LiveEvent } from '../shared/events';
import { validateInboundBatch } from '../shared/live/inbound';
import type { GatewayStore } from './store/types';
import { type ThrottledLog, throttledLog } from './throttled-log';

/** PROTOCOL.md B's 200 body. */
export interface AckResult {
  accepted: number;
  duplicates: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

export type CommitListener = (room: string, events: LiveEvent[]) => void;

export interface IngestorOptions {
  now?: () => number;
  /** A commit not durable within this many ms is answered 503 with Retry-After (default 2000). */
  commitTimeoutMs?: number;
  logger?: Logger;
}

/** Seconds a platform is asked to wait after a 503 from the store. */
export const STORE_RETRY_AFTER_S = 5;

const unavailable = (message: string) =>
  new StudioError('store_unavailable', message, { status: 503, extra: { retryAfter: STORE_RETRY_AFTER_S } });

export class Ingestor {
  private readonly now: () => number;
  private readonly commitTimeoutMs: number;
  private readonly logStoreError: ThrottledLog;

  constructor(
    private readonly store: GatewayStore,
    private readonly hasRoom: (room: string) => boolean,
    private readonly onCommit: CommitListener,
    options: IngestorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.commitTimeoutMs = options.commitTimeoutMs ?? 2_000;
    this.logStoreError = throttledLog(options.logger ?? pino({ level: 'silent' }), 'warn');
  }

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

  /**
   * Commits events already validated (adapters build them from typed code, the simulator too).
   * Only events the store newly applied go to the feed; redelivered ids are counted as duplicates.
   * A store that fails or does not answer within `commitTimeoutMs` gets the request a 503 with Retry-After,
   * so nothing is acknowledged that is not durable. A commit that completes after its timeout (the script
   * reached Redis just before it went away) is still published: its seqs are taken, and the platform's
   * retry of the same ids is then acknowledged as duplicates. `timeoutMs` shortens the wait for a caller
   * with its own deadline (抖音 drops a push not answered within 2 s).
   */
  async commitValid(room: string, events: InboundEvent[], timeoutMs = this.commitTimeoutMs): Promise<AckResult> {
    const commit = this.store.commit(room, events, this.now());
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(unavailable(`The store did not confirm the events within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    commit.then(
      (late) => {
        if (timedOut && late.accepted.length > 0) this.onCommit(room, late.accepted);
      },
      () => {},
    );
    let result: Awaited<ReturnType<GatewayStore['commit']>>;
    try {
      result = await Promise.race([commit, timeout]);
    } catch (error) {
      const message = (error as Error).message;
      this.logStoreError('commit', { room, err: message }, 'store commit failed; answering 503');
      if (error instanceof StudioError) throw error;
      throw unavailable(`Could not store the events: ${message}`);
    } finally {
      clearTimeout(timer);
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
