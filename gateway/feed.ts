/**
 * The live feed of PROTOCOL.md C on namespace /live.
 * Every subscriber has a cursor (the next seq it needs). Delivery for a room is one serialized loop that
 * groups subscribers by cursor and sends each group the same array (socket.io encodes a broadcast once),
 * reading from an in-memory cache of recent events or, for replays and gaps, from the store. Because a
 * subscriber only ever advances its own cursor, ordering holds even when commits from several nodes arrive
 * out of order: a batch that skips ahead makes the loop read the missing seqs from the store first.
 * Commits that land in one turn of the event loop (a group commit, a burst of Redis replies) go out as one
 * emit right after that turn, with no timer in between; only a flood is throttled (bursts of FLUSH_BURST
 * sends, then one per `flushMs`), so a flood of single-event commits becomes a few emits.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import type { LiveEvent } from '../shared/events';
import type { ResolvedRoomConfig } from './config';
import type { GatewayStore } from './store/types';

export interface FeedOptions {
  io: Server;
  store: GatewayStore;
  room(id: string): ResolvedRoomConfig | undefined;
  logger: Logger;
  /** Throttle interval for live traffic once a flood has used up FLUSH_BURST sends (ms). */
  flushMs?: number;
  /** Most events per emit. */
  maxBatch?: number;
  /** Recent events kept in memory per room for live delivery. */
  cacheSize?: number;
  /** Several nodes share rooms over Redis: relay commits and poll the head as a safety net. */
  clustered?: boolean;
}

interface Subscriber {
  socket: Socket;
  cursor: number;
}

interface RoomFeed {
  id: string;
  known: number;
  cache: Map<number, LiveEvent>;
  subs: Set<Subscriber>;
  flushing: boolean;
  again: boolean;
  /** A flush is queued for the end of this turn or on `timer`. */
  queued: boolean;
  timer: NodeJS.Timeout | null;
  /** Sends allowed now (token bucket: FLUSH_BURST at most, one more per `flushMs`; negative = owed). */
  credit: number;
  creditAt: number;
}

/** Live sends allowed back to back before the throttle applies (a jittery 100 commits/s stays unthrottled). */
const FLUSH_BURST = 4;

/** Packets (arrays of events) allowed to wait for a slow socket before its delivery pauses. */
const MAX_UNSENT_PACKETS = 8;

/** engine.io's queue of packets not yet handed to the transport (typed private, stable since engine.io 1). */
const unsentPackets = (socket: Socket): number =>
  (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;

const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenMatches(tokens: readonly string[], token: string): boolean {
  const given = digest(token);
  let ok = false;
  for (const t of tokens) if (timingSafeEqual(digest(t), given)) ok = true;
  return ok;
}

export class LiveFeed {
  private readonly nsp: Namespace;
  private readonly rooms = new Map<string, RoomFeed>();
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly cacheSize: number;
  private poller: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: FeedOptions) {
    this.flushMs = options.flushMs ?? 5;
    this.maxBatch = options.maxBatch ?? 1000;
    this.cacheSize = options.cacheSize ?? 20_000;
    this.nsp = options.io.of('/live');
    this.nsp.use((socket, next) => {
      const error = this.authError(socket);
      next(error ? new Error(error) : undefined);
    });
    this.nsp.on('connection', (socket) => void this.onConnection(socket));
    if (options.clustered) {
      this.nsp.on('committed', (room: string, events: LiveEvent[]) => this.receive(room, events));
      this.poller = setInterval(() => void this.pollHeads(), 1000);
      this.poller.unref();
    }
  }

  private authError(socket: Socket): string | null {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const room = typeof auth.room === 'string' ? this.options.room(auth.room) : undefined;
    if (!room) return 'unknown_room';
    if (typeof auth.token !== 'string' || !tokenMatches(room.readTokens, auth.token)) return 'bad_token';
    const lastSeq = auth.lastSeq ?? 0;
    if (typeof lastSeq !== 'number' || !Number.isSafeInteger(lastSeq) || lastSeq < 0) return 'bad_last_seq';
    return null;
  }

  private feed(id: string): RoomFeed {
    let feed = this.rooms.get(id);
    if (!feed) {
      feed = {
        id,
        known: 0,
        cache: new Map(),
        subs: new Set(),
        flushing: false,
        again: false,
        queued: false,
        timer: null,
        credit: FLUSH_BURST,
        creditAt: performance.now(),
      };
      this.rooms.set(id, feed);
    }
    return feed;
  }

  private async onConnection(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { room: string; lastSeq?: number };
    const feed = this.feed(auth.room);
    const sub: Subscriber = { socket, cursor: (auth.lastSeq ?? 0) + 1 };
    try {
      const { head, oldest } = await this.options.store.bounds(feed.id);
      feed.known = Math.max(feed.known, head);
      // Not part of PROTOCOL C's contract: tells a client how far behind it is while it catches up.
      socket.emit('head', { lastSeq: head });
      const firstHeld = oldest ?? head + 1;
      if (sub.cursor < firstHeld && sub.cursor <= head) {
        socket.emit('resync', { fromSeq: firstHeld });
        sub.cursor = firstHeld;
      }
    } catch (error) {
      this.options.logger.warn({ err: error, room: feed.id }, 'feed: cannot read the room bounds');
      socket.disconnect(true);
      return;
    }
    if (!socket.connected) return;
    feed.subs.add(sub);
    const onDrain = () => {
      if (sub.cursor <= feed.known) this.schedule(feed);
    };
    socket.conn.on('drain', onDrain);
    socket.once('disconnect', () => {
      feed.subs.delete(sub);
      socket.conn.off('drain', onDrain);
    });
    void this.flush(feed);
  }

  /** New events committed on this node. */
  publish(room: string, events: LiveEvent[]): void {
    if (this.closed || events.length === 0) return;
    if (this.options.clustered) this.nsp.serverSideEmit('committed', room, events);
    this.receive(room, events);
  }

  private receive(room: string, events: LiveEvent[]): void {
    const feed = this.feed(room);
    for (const e of events) feed.cache.set(e.seq, e);
    if (feed.cache.size > this.cacheSize) {
      let drop = feed.cache.size - this.cacheSize;
      for (const seq of feed.cache.keys()) {
        if (drop-- <= 0) break;
        feed.cache.delete(seq);
      }
    }
    const last = events[events.length - 1].seq;
    if (last > feed.known) feed.known = last;
    if (feed.subs.size > 0) this.schedule(feed);
  }

  /**
   * One flush per turn of the event loop, queued with process.nextTick so every commit resolved in this turn
   * (the promise reactions of one group commit included) is in it, and sent before any timer or I/O. Past
   * the burst credit, a flood waits for the throttle instead.
   */
  private schedule(feed: RoomFeed): void {
    if (feed.queued) return;
    feed.queued = true;
    const now = performance.now();
    feed.credit = Math.min(FLUSH_BURST, feed.credit + (now - feed.creditAt) / this.flushMs) - 1;
    feed.creditAt = now;
    const run = () => {
      feed.queued = false;
      feed.timer = null;
      void this.flush(feed);
    };
    if (feed.credit >= 0) process.nextTick(run);
    else feed.timer = setTimeout(run, -feed.credit * this.flushMs);
  }

  private async pollHeads(): Promise<void> {
    for (const feed of this.rooms.values()) {
      if (feed.subs.size === 0) continue;
      try {
        const { head } = await this.options.store.bounds(feed.id);
        if (head > feed.known) {
          feed.known = head;
          this.schedule(feed);
        }
      } catch {
        // store away; next poll
      }
    }
  }

  private async range(feed: RoomFeed, from: number, to: number): Promise<LiveEvent[]> {
    const out: LiveEvent[] = [];
    for (let seq = from; seq <= to; seq++) {
      const e = feed.cache.get(seq);
      if (!e) break;
      out.push(e);
    }
    if (out.length === to - from + 1) return out;
    const rows = await this.options.store.readAfter(feed.id, from - 1, to - from + 1);
    return rows.filter((e) => e.seq <= to);
  }

  private async flush(feed: RoomFeed): Promise<void> {
    if (feed.flushing) {
      feed.again = true;
      return;
    }
    feed.flushing = true;
    try {
      do {
        feed.again = false;
        const groups = new Map<number, Subscriber[]>();
        for (const sub of feed.subs) {
          if (sub.cursor > feed.known) continue;
          // A slow reader keeps its cursor instead of piling arrays up in memory; it resumes on 'drain'.
          if (unsentPackets(sub.socket) >= MAX_UNSENT_PACKETS) continue;
          const group = groups.get(sub.cursor);
          if (group) group.push(sub);
          else groups.set(sub.cursor, [sub]);
        }
        for (const [cursor, subs] of [...groups].sort((a, b) => a[0] - b[0])) {
          await this.deliver(feed, cursor, subs);
        }
      } while (feed.again && !this.closed);
    } catch (error) {
      this.options.logger.warn({ err: error, room: feed.id }, 'feed: delivery failed; retrying');
      setTimeout(() => void this.flush(feed), 500).unref();
    } finally {
      feed.flushing = false;
    }
  }

  private async deliver(feed: RoomFeed, cursor: number, subs: Subscriber[]): Promise<void> {
    let next = cursor;
    while (next <= feed.known && !this.closed) {
      const batch = await this.range(feed, next, Math.min(feed.known, next + this.maxBatch - 1));
      if (batch.length === 0) return;
      const live = subs.filter((s) => feed.subs.has(s));
      if (live.length === 0) return;
      const target =
        live.length === 1 ? live[0].socket : this.nsp.local.to(live.map((s) => s.socket.id)) /* encoded once */;
      const after = batch[batch.length - 1].seq + 1;
      // Cursors move before the emit: a long-polling socket drains synchronously inside it, and its 'drain'
      // must not see the old cursor and schedule a flush for nothing.
      for (const s of live) s.cursor = after;
      if (batch[0].seq > next) target.emit('resync', { fromSeq: batch[0].seq });
      target.emit('events', batch);
      next = after;
    }
  }

  close(): void {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    for (const feed of this.rooms.values()) if (feed.timer) clearTimeout(feed.timer);
  }
}
