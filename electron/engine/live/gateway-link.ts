/**
 * The engine's link to a live-room gateway (PROTOCOL.md C): socket.io-client on /live, resuming from the
 * last *applied* seq on every (re)connect, handing `apply` deduped batches in seq order, and reporting gaps
 * (`resync`) instead of inventing numbers. `lastSeq` advances only after `apply` resolves, so the caller can
 * persist it in the same transaction as the data it applied and resume exactly after a crash.
 *
 * States: connecting -> catching_up (N behind) -> live; disconnected (since, retrying with backoff and
 * jitter); failed (bad_token, unknown_room, gateway_reset: retrying cannot help).
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { type LiveEvent, liveEventSchema } from '../../../shared/events';

export type LinkStatus = 'connecting' | 'live' | 'catching_up' | 'disconnected' | 'failed';

export interface LinkState {
  status: LinkStatus;
  /** Last seq applied. */
  lastSeq: number;
  /** Events known to exist after lastSeq (catching up), 0 when live. */
  behind: number;
  /** When the link entered this status (ms since epoch). */
  since: number;
  /** Why it is disconnected or failed (`bad_token`, `unknown_room`, `transport close`, `apply_failed` ...). */
  reason?: string;
}

export interface Gap {
  /** First seq that will never be received. */
  fromSeq: number;
  /** Last seq that will never be received. */
  toSeq: number;
}

export interface GatewayLinkOptions {
  /** Gateway base URL (`http://host:port`); the link connects to `${url}/live`. */
  url: string;
  room: string;
  token: string;
  /** Last seq already applied (0 for none), as persisted with the applied data. */
  lastSeq: number;
  /** Applies a batch (seq order, no duplicates). Reject to have the batch delivered again. */
  apply: (events: LiveEvent[]) => Promise<void> | void;
  /** Called (before the events after it) when the gateway no longer holds the seqs of a gap. */
  onGap?: (gap: Gap) => Promise<void> | void;
  logger?: Logger;
  now?: () => number;
}

/** Refusals that retrying cannot fix. */
const FATAL = new Set(['bad_token', 'unknown_room', 'bad_last_seq']);
const RECENT_IDS = 20_000;

type Item =
  | { type: 'events'; events: unknown[]; generation: number }
  | { type: 'resync'; fromSeq: number; generation: number };

export class GatewayLink extends EventEmitter {
  private socket: Socket | null = null;
  private lastSeq: number;
  private head = 0;
  private current: LinkState;
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;
  private readonly recentIds = new Set<string>();
  private readonly logger: Logger;
  private readonly now: () => number;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Failed applies in a row (0 once one succeeds). */
  private failures = 0;

  constructor(private readonly options: GatewayLinkOptions) {
    super();
    this.lastSeq = options.lastSeq;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = options.now ?? Date.now;
    this.current = { status: 'connecting', lastSeq: this.lastSeq, behind: 0, since: this.now() };
  }

  /** 'state' fires with a LinkState on every change. */
  override on(event: 'state', listener: (state: LinkState) => void): this {
    return super.on(event, listener);
  }

  get state(): LinkState {
    return { ...this.current };
  }

  start(): void {
    if (this.socket || this.closed) return;
    const socket = io(`${this.options.url.replace(/\/$/, '')}/live`, {
      // A function, so every reconnect resumes from what has been applied by then.
      auth: (cb) => cb({ token: this.options.token, room: this.options.room, lastSeq: this.lastSeq }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.generation++;
      this.setState('catching_up', { behind: 0 });
    });
    socket.on('head', (head: { lastSeq?: unknown }) => {
      if (typeof head?.lastSeq !== 'number') return;
      if (head.lastSeq < this.lastSeq) {
        // The gateway holds fewer events than we applied: its data was reset. Its new seqs would collide
        // with ours, so stop and say so rather than silently skipping or double counting.
        this.logger.error({ room: this.options.room, head: head.lastSeq, lastSeq: this.lastSeq }, 'gateway was reset');
        this.setState('failed', { reason: 'gateway_reset' });
        socket.disconnect();
        return;
      }
      this.head = Math.max(this.head, head.lastSeq);
      this.refreshProgress();
    });
    socket.on('events', (events: unknown) => {
      if (Array.isArray(events)) this.enqueue({ type: 'events', events, generation: this.generation });
    });
    socket.on('resync', (body: { fromSeq?: unknown }) => {
      if (typeof body?.fromSeq === 'number') {
        this.enqueue({ type: 'resync', fromSeq: body.fromSeq, generation: this.generation });
      }
    });
    socket.on('disconnect', (reason) => {
      // Our own disconnect (apply failed, closing) keeps the reason already given.
      if (!this.closed && this.current.status !== 'failed' && reason !== 'io client disconnect')
        this.setState('disconnected', { reason });
    });
    socket.on('connect_error', (error) => {
      if (this.closed) return;
      if (FATAL.has(error.message)) {
        this.setState('failed', { reason: error.message });
        socket.disconnect();
        return;
      }
      this.setState('disconnected', { reason: error.message });
      // A refusal from the server's middleware stops socket.io's own retries; keep trying ourselves.
      if (!socket.active) this.retryLater(2_000);
    });
    this.setState('connecting');
  }

  private retryLater(ms: number): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        if (!this.closed && this.socket && !this.socket.connected) this.socket.connect();
      },
      ms * (0.5 + Math.random()),
    );
  }

  private enqueue(item: Item): void {
    // Every failure ends in applyFailed: a rejected chain would silently skip every later batch while
    // the state still said "live".
    this.chain = this.chain.then(() => this.handle(item)).catch((error: unknown) => this.applyFailed(error));
  }

  /**
   * Applying (or recording a gap) failed, e.g. the disk is full: nothing after lastSeq counts as applied.
   * Say so, drop what is queued and reconnect from lastSeq, waiting longer after each failure in a row;
   * one log line per streak.
   */
  private applyFailed(error: unknown): void {
    if (this.closed) return;
    this.failures++;
    if (this.failures === 1)
      this.logger.error(
        { err: error, room: this.options.room, lastSeq: this.lastSeq },
        'gateway link: apply failed; resuming from last seq',
      );
    this.generation += 2; // drop what is queued; the reconnect replays it
    this.setState('disconnected', { reason: 'apply_failed' });
    this.socket?.disconnect();
    this.retryLater(Math.min(1_000 * 2 ** Math.min(this.failures - 1, 4), 15_000));
  }

  private async handle(item: Item): Promise<void> {
    if (this.closed || item.generation < this.generation - 1) return;
    if (item.type === 'resync') {
      if (item.fromSeq > this.lastSeq + 1) await this.gap(this.lastSeq + 1, item.fromSeq - 1);
      return;
    }
    const fresh: LiveEvent[] = [];
    let expected = this.lastSeq + 1;
    for (const raw of item.events) {
      const parsed = liveEventSchema.safeParse(raw);
      if (!parsed.success || parsed.data.room !== this.options.room) {
        this.logger.error({ room: this.options.room }, 'gateway link: dropped an event that is not a valid live event');
        continue;
      }
      const event = parsed.data as LiveEvent;
      if (event.seq < expected || this.recentIds.has(event.id)) continue;
      if (event.seq > expected) {
        // The gateway promises no gaps without `resync`; if one shows up anyway, record it honestly.
        await this.gap(expected, event.seq - 1);
      }
      fresh.push(event);
      expected = event.seq + 1;
    }
    if (fresh.length === 0) return;
    await this.options.apply(fresh); // throws -> applyFailed; lastSeq stays where it was
    if (this.failures > 0) {
      this.logger.info({ room: this.options.room, failures: this.failures }, 'gateway link: applying again');
      this.failures = 0;
    }
    this.lastSeq = fresh[fresh.length - 1].seq;
    for (const e of fresh) this.recentIds.add(e.id);
    if (this.recentIds.size > RECENT_IDS) {
      let drop = this.recentIds.size - RECENT_IDS;
      for (const id of this.recentIds) {
        if (drop-- <= 0) break;
        this.recentIds.delete(id);
      }
    }
    this.head = Math.max(this.head, this.lastSeq);
    this.refreshProgress();
  }

  private async gap(fromSeq: number, toSeq: number): Promise<void> {
    this.logger.warn({ room: this.options.room, fromSeq, toSeq }, 'gateway link: gap (events no longer held)');
    await this.options.onGap?.({ fromSeq, toSeq });
    this.lastSeq = toSeq;
  }

  private refreshProgress(): void {
    if (!this.socket?.connected) return;
    const behind = Math.max(0, this.head - this.lastSeq);
    this.setState(behind > 0 ? 'catching_up' : 'live', { behind });
  }

  private setState(status: LinkStatus, extra: { behind?: number; reason?: string } = {}): void {
    const prev = this.current;
    const behind = extra.behind ?? (status === 'live' ? 0 : prev.behind);
    if (prev.status === status && prev.lastSeq === this.lastSeq && prev.behind === behind && !extra.reason) return;
    this.current = {
      status,
      lastSeq: this.lastSeq,
      behind,
      since: prev.status === status ? prev.since : this.now(),
      ...(extra.reason && (status === 'disconnected' || status === 'failed') ? { reason: extra.reason } : {}),
    };
    this.emit('state', this.state);
  }

  /** Disconnects and waits for the batch being applied. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    await this.chain;
    this.setStateClosed();
  }

  private setStateClosed(): void {
    this.current = { status: 'disconnected', lastSeq: this.lastSeq, behind: 0, since: this.now(), reason: 'closed' };
    this.emit('state', this.state);
  }
}
