/**
 * HTTP routes of PROTOCOL.md B. Order of checks for every ingestion route: unknown room (404), body size
 * (413, while streaming), signature and timestamp (401, on the raw bytes), rate (429; counted only for
 * authenticated requests so strangers cannot starve a room's bridge), JSON and schema (400, whole batch),
 * then commit (200 once durable). Nothing before the commit changes state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { readBody, requestUrl, sendError, sendJson, sendText } from '../../node-common/http';
import { StudioError } from '../../shared/errors';
import type { InboundEvent } from '../../shared/events';
import { parseJsonBody } from '../../shared/live/inbound';
import { checkDoudianWindow, DOUDIAN_REPLY, mapDoudianPush, verifyDoudian } from '../adapters/doudian';
import { mapDouyinPush } from '../adapters/douyin-live';
import { openDouyinPush } from '../adapters/douyin-live-sign';
import { verifyWechatSignature } from '../adapters/wechat-crypto';
import { mapWechatShopMessage, openWechatPush } from '../adapters/wechat-shop';
import type { ResolvedRoomConfig } from '../config';
import type { Ingestor } from '../ingest';
import { verifyStandardWebhook } from '../signature/standard-webhooks';

export interface HttpContext {
  room(id: string): ResolvedRoomConfig | undefined;
  ingestor: Ingestor;
  /** 0 when allowed, else seconds to wait. */
  takeRate(room: string): number;
  logger: Logger;
  now(): number;
  /** Oldest 抖店 record accepted, ms (the order dedupe window less 5 minutes; see checkDoudianWindow). */
  doudianMaxAgeMs: number;
  /** Takes a platform push's events (orders may wait for their detail, gateway/orders); resolves once durable. */
  platformOrders(room: ResolvedRoomConfig, events: InboundEvent[]): Promise<unknown>;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function requireRoom(ctx: HttpContext, id: string): ResolvedRoomConfig {
  const room = ctx.room(id);
  if (!room) throw new StudioError('unknown_room', `No room "${id}" on this gateway`, { status: 404 });
  return room;
}

function checkRate(ctx: HttpContext, room: string): void {
  const wait = ctx.takeRate(room);
  if (wait > 0) {
    throw new StudioError('rate_limited', `Too many requests for room "${room}"; retry in ${wait} s`, {
      status: 429,
      extra: { retryAfter: wait },
    });
  }
}

async function standardWebhook(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string) {
  const room = requireRoom(ctx, id);
  const body = await readBody(req);
  const verdict = verifyStandardWebhook(
    room.secrets,
    {
      id: header(req, 'webhook-id'),
      timestamp: header(req, 'webhook-timestamp'),
      signature: header(req, 'webhook-signature'),
    },
    body,
    ctx.now(),
  );
  if (!verdict.ok) {
    const messages = {
      missing_headers: ['missing_signature', 'webhook-id, webhook-timestamp and webhook-signature are required'],
      timestamp: ['stale_timestamp', 'webhook-timestamp is more than 300 s away from the gateway clock'],
      signature: ['bad_signature', 'No webhook-signature matches a secret of this room'],
    } as const;
    const [code, message] = messages[verdict.reason];
    throw new StudioError(code, message, { status: 401 });
  }
  checkRate(ctx, id);
  sendJson(res, 200, await ctx.ingestor.ingest(id, parseJsonBody(body)));
}

async function doudian(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string) {
  const room = requireRoom(ctx, id);
  if (!room.doudian) throw new StudioError('adapter_not_configured', `Room "${id}" has no 抖店 app`, { status: 404 });
  const body = await readBody(req);
  const ok = verifyDoudian(room.doudian, { appId: header(req, 'app-id'), eventSign: header(req, 'event-sign') }, body);
  if (!ok) throw new StudioError('bad_signature', 'app-id and event-sign must match this app', { status: 401 });
  checkRate(ctx, id);
  const events = mapDoudianPush(body);
  checkDoudianWindow(events, ctx.now(), ctx.doudianMaxAgeMs);
  if (events.length > 0) await ctx.platformOrders(room, events);
  sendJson(res, 200, DOUDIAN_REPLY);
}

async function wechatShop(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string, url: URL) {
  const room = requireRoom(ctx, id);
  if (!room.wechatShop) {
    throw new StudioError('adapter_not_configured', `Room "${id}" has no 微信小店 app`, { status: 404 });
  }
  const q = Object.fromEntries(url.searchParams);
  if (req.method === 'GET') {
    // URL verification when the push address is saved: echo `echostr` if `signature` checks out.
    const ok = verifyWechatSignature(q.signature, [room.wechatShop.token, q.timestamp ?? '', q.nonce ?? '']);
    if (!ok || !q.echostr) throw new StudioError('bad_signature', 'signature does not match', { status: 401 });
    return sendText(res, 200, q.echostr);
  }
  const body = await readBody(req);
  const message = openWechatPush(room.wechatShop, q, body, ctx.now());
  checkRate(ctx, id);
  const events = mapWechatShopMessage(message);
  if (events.length > 0) await ctx.platformOrders(room, events);
  sendText(res, 200, 'success');
}

/**
 * 抖音 drops a push not answered within 2 s (礼物 3 s): the commit gets at most this long, so a slow or
 * stalled store is answered 503 before the platform gives up, and nothing unconfirmed is acknowledged.
 */
export const DOUYIN_COMMIT_BUDGET_MS = 1500;

async function douyinLive(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, id: string) {
  const room = requireRoom(ctx, id);
  if (!room.douyinLive) {
    throw new StudioError('adapter_not_configured', `Room "${id}" has no 抖音 live room push`, { status: 404 });
  }
  // The platform checks a push address with HEAD before saving it: 200 for a room that takes pushes.
  if (req.method === 'HEAD') return void res.writeHead(200).end();
  const body = await readBody(req);
  const { type, pushedAt } = openDouyinPush(room.douyinLive, req.headersDistinct, body, ctx.now());
  checkRate(ctx, id);
  const events = mapDouyinPush(type, body, room.douyinLive, pushedAt);
  const ack =
    events.length > 0
      ? await ctx.ingestor.commitValid(id, events, DOUYIN_COMMIT_BUDGET_MS)
      : { accepted: 0, duplicates: 0, firstSeq: null, lastSeq: null };
  sendJson(res, 200, ack);
}

/** The request handler for node:http (socket.io handles /socket.io/ itself before this runs). */
export function createHandler(ctx: HttpContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void route(ctx, req, res).catch((error: unknown) => {
      if (!(error instanceof StudioError)) ctx.logger.error({ err: error }, 'ingestion failed');
      // store_unavailable is logged (throttled) by the ingestor: one line per refused request would flood.
      else if (error.status >= 500 && error.code !== 'store_unavailable')
        ctx.logger.warn({ code: error.code }, error.message);
      sendError(res, error, 'The gateway failed');
    });
  };
}

async function route(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req.url, 'http://gateway');
  let parts: string[];
  try {
    parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new StudioError('not_found', 'Malformed path', { status: 404 });
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
  if (parts[0] === 'v1' && parts[1] === 'rooms' && parts[3] === 'events' && parts.length === 4) {
    if (method !== 'POST') throw methodNotAllowed();
    return standardWebhook(ctx, req, res, parts[2]);
  }
  if (parts[0] === 'v1' && parts[1] === 'ingest' && parts.length === 4) {
    if (parts[2] === 'doudian') {
      if (method !== 'POST') throw methodNotAllowed();
      return doudian(ctx, req, res, parts[3]);
    }
    if (parts[2] === 'douyin-live') {
      // The platform checks a push address with HEAD before saving it: 200 for a room that takes pushes.
      if (method !== 'POST' && method !== 'HEAD') throw methodNotAllowed();
      return douyinLive(ctx, req, res, parts[3]);
    }
    if (parts[2] === 'wechat-shop') {
      if (method !== 'POST' && method !== 'GET') throw methodNotAllowed();
      return wechatShop(ctx, req, res, parts[3], url);
    }
  }
  throw new StudioError('not_found', `No route ${method} ${url.pathname}`, { status: 404 });
}

const methodNotAllowed = () => new StudioError('method_not_allowed', 'Method not allowed', { status: 405 });
