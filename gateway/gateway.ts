/**
 * Starts a gateway: HTTP ingestion (PROTOCOL B), the socket.io live feed (C), and the store (SQLite under
 * `dataDir`, or Redis when `redisUrl` is given, in which case several nodes can serve the same rooms).
 * Used in-process by the engine (demo room) and by gateway/cli.ts.
 */
import { existsSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import pino from 'pino';
import { Server } from 'socket.io';
import { sendError } from '../node-common/http';
import { StudioError } from '../shared/errors';
import type { InboundEvent } from '../shared/events';
import { DOUDIAN_FUTURE_TOLERANCE_MS } from './adapters/doudian';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETENTION,
  type ResolvedRoomConfig,
  type RetentionOptions,
  type RoomConfig,
  roomConfigSchema,
} from './config';
import { LiveFeed } from './feed';
import { createHandler } from './http/routes';
import { type AckResult, Ingestor } from './ingest';
import { OrderDetails } from './orders/order-details';
import { ORDER_QUEUE_FILE, OrderQueue } from './orders/queue';
import { TokenBucket } from './rate-limit';
import { RedisStore } from './store/redis';
import { SqliteStore } from './store/sqlite';
import type { GatewayStore } from './store/types';

export type { RoomConfig } from './config';

const starting = () => new StudioError('starting', 'The gateway is starting', { status: 503 });

export type { AckResult } from './ingest';

export interface GatewayOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Folder of the SQLite store; required unless `redisUrl` is given. */
  dataDir?: string;
  /**
   * Folder of the order queue (paid orders waiting for their detail, gateway/orders); default `dataDir`.
   * Needed when a room has an order API (`doudian.orderApi`, `wechatShop.orderApi`), Redis or not.
   */
  queueDir?: string;
  /** Redis URL: seq, dedupe and history in Redis, socket.io Redis adapter between nodes. */
  redisUrl?: string;
  /** Start on a Redis without any persistence (refused otherwise: see store/redis-durability.ts). */
  allowVolatileRedis?: boolean;
  /** A commit not durable within this many ms is answered 503 with Retry-After (default 2000). */
  commitTimeoutMs?: number;
  rooms: RoomConfig[];
  logger?: Logger;
  retention?: Partial<RetentionOptions>;
  /** Throttle interval of the live feed during a flood, ms (default 5; see LiveFeed). */
  flushMs?: number;
  /** Clock for receivedAt and signature windows (tests). */
  now?: () => number;
}

export interface Gateway {
  /** `http://host:port`: POST webhooks here; socket.io clients connect to `${url}/live`. */
  url: string;
  port: number;
  /**
   * The same path as HTTP ingestion minus the signature: validation (whole batch), dedupe, seq, durability,
   * then the feed. Rejects with StudioError (`invalid_event` 400 with path, `unknown_room` 404,
   * `store_unavailable` 503).
   */
  ingest(room: string, events: InboundEvent[] | unknown): Promise<AckResult>;
  /** Replaces the room list (secrets, read tokens, adapters) without restarting. */
  setRooms(rooms: RoomConfig[]): void;
  /** Order detail jobs by outcome (`pending`, `enriched`, `passed`, `fallback`, `other_room`); {} without a queue. */
  orderJobs(): Record<string, number>;
  /** Stops accepting, lets in-flight requests finish (up to 5 s), closes sockets and the store. */
  close(): Promise<void>;
}

const wantsOrderDetails = (list: RoomConfig[]): boolean =>
  list.some((r) => r.doudian?.orderApi || r.wechatShop?.orderApi);

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const retention = { ...DEFAULT_RETENTION, ...options.retention };
  let rooms = new Map<string, ResolvedRoomConfig>();
  const buckets = new Map<string, TokenBucket>();
  const setRooms = (list: RoomConfig[]) => {
    const next = new Map<string, ResolvedRoomConfig>();
    for (const r of list) {
      const parsed = roomConfigSchema.parse(r);
      next.set(parsed.id, parsed);
    }
    rooms = next;
    buckets.clear();
  };
  setRooms(options.rooms);

  let store: GatewayStore;
  let redis: RedisStore | null = null;
  if (options.redisUrl) {
    redis = await RedisStore.connect(options.redisUrl, retention, {
      logger,
      allowVolatile: options.allowVolatileRedis,
    });
    store = redis;
  } else if (options.dataDir) {
    store = new SqliteStore(options.dataDir, retention);
  } else {
    throw new Error('startGateway needs dataDir or redisUrl');
  }

  // The request listener is given to createServer BEFORE socket.io attaches: engine.io then wraps it and
  // hands it only requests outside /socket.io/. A listener added afterwards would also see engine.io's own
  // requests, answer them 404, and engine.io's later write would throw ERR_HTTP_HEADERS_SENT (issue 14).
  const queueDir = options.queueDir ?? options.dataDir;
  if (wantsOrderDetails(options.rooms) && !queueDir) {
    throw new Error('order detail fetching (orderApi) needs a data folder for its queue');
  }

  let onRequest: RequestListener = (_req, res) => sendError(res, starting());
  const http = createServer((req, res) => onRequest(req, res));
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024, cors: { origin: false } });
  const adapterClients: { close(): Promise<unknown> }[] = [];
  if (redis) {
    const pub = redis.duplicateClient(logger, 'pub');
    const sub = redis.duplicateClient(logger, 'sub');
    await Promise.all([pub.connect(), sub.connect()]);
    adapterClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: 'maishou:gw:sio' }));
  }
  const feed = new LiveFeed({
    io,
    store,
    room: (id) => rooms.get(id),
    logger,
    flushMs: options.flushMs,
    clustered: redis !== null,
  });
  const ingestor = new Ingestor(
    store,
    (id) => rooms.has(id),
    (room, events) => feed.publish(room, events),
    {
      now,
      commitTimeoutMs: options.commitTimeoutMs,
      logger,
    },
  );

  // The order queue opens when a room fetches order details, or when a previous run left one (its jobs were
  // acknowledged to the platform and must still be emitted, even if the config no longer has the API).
  let orders: OrderDetails | null = null;
  const openOrders = () => {
    if (orders || !queueDir) return;
    orders = new OrderDetails({
      queue: new OrderQueue(queueDir),
      room: (id) => rooms.get(id),
      validate: (events) => ingestor.validate(events),
      commit: (room, events) => ingestor.commitValid(room, events),
      logger,
      now,
    });
    orders.start();
  };
  if (wantsOrderDetails(options.rooms) || (queueDir && existsSync(join(queueDir, ORDER_QUEUE_FILE)))) openOrders();

  let inflight = 0;
  let idle: (() => void) | null = null;
  const handler = createHandler({
    room: (id) => rooms.get(id),
    ingestor,
    takeRate: (room) => {
      let bucket = buckets.get(room);
      if (!bucket) {
        const limit = rooms.get(room)?.rateLimit ?? DEFAULT_RATE_LIMIT;
        bucket = new TokenBucket(limit.requestsPerSecond, limit.burst, now());
        buckets.set(room, bucket);
      }
      return bucket.take(now());
    },
    logger,
    now,
    doudianMaxAgeMs: retention.dedupeMs - DOUDIAN_FUTURE_TOLERANCE_MS,
    platformOrders: (room, events) => (orders ? orders.accept(room, events) : ingestor.ingest(room.id, events)),
  });
  onRequest = (req, res) => {
    inflight++;
    res.once('close', () => {
      inflight--;
      if (inflight === 0) idle?.();
    });
    handler(req, res);
  };

  const pruneTimer = setInterval(() => {
    void store.prune(now()).catch((err) => logger.warn({ err }, 'prune failed'));
    orders?.prune(now() - retention.dedupeMs);
  }, 10 * 60_000);
  pruneTimer.unref();
  await store.prune(now());

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url, rooms: [...rooms.keys()], store: redis ? 'redis' : 'sqlite' }, 'gateway ready');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    async ingest(room, events) {
      if (closing) throw new StudioError('shutting_down', 'The gateway is closing', { status: 503 });
      return ingestor.ingest(room, events);
    },
    setRooms(list) {
      setRooms(list);
      if (wantsOrderDetails(list)) openOrders();
    },
    orderJobs: () => orders?.counts() ?? {},
    close() {
      closing ??= (async () => {
        clearInterval(pruneTimer);
        http.close();
        if (inflight > 0) {
          await new Promise<void>((resolve) => {
            idle = resolve;
            setTimeout(resolve, 5000).unref();
          });
        }
        await orders?.close();
        feed.close();
        await io.close();
        http.closeAllConnections();
        await Promise.all(adapterClients.map((c) => c.close().catch(() => {})));
        await store.close();
      })();
      return closing;
    },
  };
}
