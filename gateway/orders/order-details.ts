/**
 * Paid orders of 抖店 and 微信小店 with their lines: the push is acknowledged once its events are durable
 * (in the store, or in the order queue when they wait for a detail), then a worker fetches each paid
 * order's detail from the platform's order API and emits the order event with its items, paid total and
 * channel. Bounded retries with backoff on timeouts, 5xx, rate limits and malformed answers; after the last
 * one (or at once on a final error) the event is emitted as the push had it (`items: []`, `total` as
 * pushed) and the failure is logged and counted. Events of an order wait behind that order's earlier jobs,
 * so a refund never overtakes its payment. A gateway killed mid-fetch finds the job again at start; the
 * store's dedupe by id makes a job that ran twice emit once.
 */
import type { Logger } from 'pino';
import { StudioError } from '../../shared/errors';
import type { InboundEvent } from '../../shared/events';
import type { ResolvedRoomConfig } from '../config';
import { ApiCallError, backoffMs } from './call';
import type { CallPolicy } from './config';
import { DetailError, type OrderDetail, withDetail } from './detail';
import { DoudianApi } from './doudian-api';
import { mapDoudianDetail } from './doudian-detail';
import type { Job, OrderQueue } from './queue';
import { WechatShopApi } from './wechat-api';
import { mapWechatOrder } from './wechat-detail';

/** Jobs fetched at once over all shops (each shop is also paced by its own token bucket). */
const CONCURRENCY = 8;
/** A job whose commit found the store unavailable is tried again after this long (not counted as an attempt). */
const STORE_RETRY_MS = 5000;

export interface OrderDetailsOptions {
  queue: OrderQueue;
  room(id: string): ResolvedRoomConfig | undefined;
  /** Validates a batch (400 with path on the first fault). */
  validate(events: unknown): InboundEvent[];
  /** Commits validated events (dedupe, seq, durability, feed). */
  commit(room: string, events: InboundEvent[]): Promise<unknown>;
  logger: Logger;
  now(): number;
}

type Fetcher = { policy: CallPolicy; fetch(orderId: string): Promise<OrderDetail> };

const orderKeyOf = (e: InboundEvent): string | null => ('orderId' in e.data ? `${e.platform}:${e.data.orderId}` : null);

export class OrderDetails {
  private readonly fetchers = new WeakMap<object, Fetcher>();
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly busyOrders = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(private readonly o: OrderDetailsOptions) {}

  /** Starts working through jobs left by a previous run. */
  start(): void {
    this.schedule(0);
  }

  /**
   * Takes a verified push's events: paid orders of a room with an order API, and any event of an order
   * that still has a job ahead of it, go to the queue; the rest are committed at once. Resolves once all
   * are durable (then the push may be acknowledged).
   */
  async accept(room: ResolvedRoomConfig, input: InboundEvent[]): Promise<void> {
    const events = this.o.validate(input);
    const queued: { event: InboundEvent; orderKey: string; enrich: boolean }[] = [];
    const direct: InboundEvent[] = [];
    const waiting = new Set<string>();
    for (const event of events) {
      const orderKey = orderKeyOf(event);
      // Refunds and cancels of an order bought in another live room follow it out of this room.
      if (orderKey && this.o.queue.isOtherRoom(room.id, orderKey)) continue;
      const enrich = this.fetcher(room, event) !== null;
      if (orderKey && (enrich || waiting.has(orderKey) || this.o.queue.hasPending(room.id, orderKey))) {
        queued.push({ event, orderKey, enrich });
        waiting.add(orderKey);
      } else direct.push(event);
    }
    this.o.queue.add(room.id, queued, this.o.now());
    if (direct.length > 0) await this.o.commit(room.id, direct);
    if (queued.length > 0) this.schedule(0);
  }

  /** Jobs by outcome (`pending` for unfinished ones). */
  counts(): Record<string, number> {
    return this.o.queue.counts();
  }

  /** Forgets finished jobs older than `before` (the dedupe window). */
  prune(before: number): void {
    this.o.queue.prune(before);
  }

  /**
   * Stops taking jobs, waits (up to `waitMs`) for fetches in flight, closes the queue; unfinished jobs stay
   * queued for the next start.
   */
  async close(waitMs = 5000): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const all = Promise.allSettled([...this.inflight.values()]);
    await Promise.race([all, new Promise((r) => setTimeout(r, waitMs).unref())]);
    this.o.queue.close();
  }

  private fetcher(room: ResolvedRoomConfig, event: InboundEvent): Fetcher | null {
    if (event.kind !== 'order.paid') return null;
    if (event.platform === 'doudian' && room.doudian?.orderApi) {
      const { appKey, appSecret, orderApi } = room.doudian;
      return this.cached(orderApi, () => {
        const api = new DoudianApi(appKey, appSecret, orderApi, this.o.now);
        return { policy: orderApi, fetch: async (id) => mapDoudianDetail(await api.orderDetail(id), orderApi) };
      });
    }
    if (event.platform === 'wechat_shop' && room.wechatShop?.orderApi) {
      const { appId, orderApi } = room.wechatShop;
      return this.cached(orderApi, () => {
        const api = new WechatShopApi(appId, orderApi, this.o.now);
        return { policy: orderApi, fetch: async (id) => mapWechatOrder(await api.order(id), orderApi) };
      });
    }
    return null;
  }

  /** One client per configured API object: a config reload (new objects) gets new clients and tokens. */
  private cached(key: object, make: () => Fetcher): Fetcher {
    let f = this.fetchers.get(key);
    if (!f) {
      f = make();
      this.fetchers.set(key, f);
    }
    return f;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    const at = this.o.now() + Math.max(0, delayMs);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, delayMs);
    this.timer.unref();
  }

  private pump(): void {
    if (this.closed) return;
    const now = this.o.now();
    const ahead = new Set<string>();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const job of this.o.queue.pending(500)) {
      const key = `${job.room}|${job.orderKey}`;
      if (ahead.has(key)) continue; // an earlier job of this order goes first
      ahead.add(key);
      if (this.inflight.has(job.id) || this.busyOrders.has(key)) continue;
      if (job.dueAt > now) {
        nextDue = Math.min(nextDue, job.dueAt);
        continue;
      }
      if (this.inflight.size >= CONCURRENCY) break;
      this.busyOrders.add(key);
      const run = this.run(job)
        .catch((error: unknown) => {
          if (this.closed) return; // the queue is closed: the job stays pending for the next start
          this.o.logger.error({ err: error, room: job.room, event: job.event.id }, 'order job failed; it stays queued');
          this.o.queue.retry(job.id, job.attempts, this.o.now() + STORE_RETRY_MS, String(error));
        })
        .finally(() => {
          this.inflight.delete(job.id);
          this.busyOrders.delete(key);
          this.schedule(0);
        });
      this.inflight.set(job.id, run);
    }
    if (nextDue < Number.POSITIVE_INFINITY) this.schedule(nextDue - now);
  }

  private async run(job: Job): Promise<void> {
    const room = this.o.room(job.room);
    const fetcher = job.enrich && room ? this.fetcher(room, job.event) : null;
    if (!job.enrich && this.o.queue.isOtherRoom(job.room, job.orderKey)) {
      this.o.queue.finish(job.id, 'other_room', this.o.now());
      return;
    }
    if (!job.enrich || !fetcher) {
      // Passed through behind an earlier job, or the room (or its order API) left the config meanwhile.
      await this.o.commit(job.room, [job.event]);
      this.o.queue.finish(job.id, job.enrich ? 'fallback' : 'passed', this.o.now(), job.enrich ? 'no order API' : null);
      return;
    }
    const orderId = 'orderId' in job.event.data ? job.event.data.orderId : '';
    let detail: OrderDetail;
    try {
      detail = await fetcher.fetch(orderId);
    } catch (error) {
      if (this.closed) return;
      return this.failed(job, fetcher.policy, error);
    }
    if (this.closed) return; // closing: the job stays queued and runs again at the next start
    if (detail.otherRoom) {
      this.o.logger.info(
        { room: job.room, orderId, channel: detail.channel },
        'order of another live room: not counted here',
      );
      this.o.queue.finish(job.id, 'other_room', this.o.now());
      return;
    }
    let event: InboundEvent;
    try {
      [event] = this.o.validate([withDetail(job.event, detail)]);
    } catch (error) {
      return this.failed(job, { ...fetcher.policy, attempts: 0 }, error);
    }
    await this.o.commit(job.room, [event]);
    this.o.queue.finish(job.id, 'enriched', this.o.now());
  }

  /** A failed fetch: retry later while attempts remain and the error may pass, else emit as pushed. */
  private async failed(job: Job, policy: CallPolicy, error: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const retryable = error instanceof ApiCallError && error.retryable;
    const reason =
      error instanceof ApiCallError || error instanceof DetailError || error instanceof StudioError
        ? error.message
        : String(error);
    if (retryable && attempts < policy.attempts) {
      this.o.queue.retry(job.id, attempts, this.o.now() + backoffMs(policy.backoffMs, attempts), reason);
      return;
    }
    await this.o.commit(job.room, [job.event]);
    this.o.queue.finish(job.id, 'fallback', this.o.now(), reason);
    this.o.logger.warn(
      { room: job.room, event: job.event.id, attempts, reason },
      'order detail not available; the order is emitted as pushed (items: [], money marked incomplete)',
    );
  }
}
