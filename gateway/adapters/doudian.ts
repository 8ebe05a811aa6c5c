/**
 * 抖店 message push (消息推送) -> unified live events.
 * The push is a JSON array of `{ tag, msg_id, data }` where `data` is itself a JSON string; the request is
 * signed with header `event-sign` = hex md5(app_key + raw body + app_secret) and names the app in `app-id`.
 * Tags mapped: 100 order created (TradeCreate, carries no amount -> `total: null`), 101 order paid
 * (TradePaid, `pay_amount` in fen), 206 refund succeeded (RefundSuccess, `refund_amount` in fen). Other tags
 * are acknowledged and not emitted. Pushes carry no line items: `items: []`. Ids (p_id, aftersale_id) are
 * kept exactly as written, even beyond 2^53.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { StudioError } from '../../shared/errors';
import type { InboundEvent } from '../../shared/events';
import { money } from '../../shared/money';
import { asId, asSafeInt, isRecord, parseJsonLossless } from '../json-lossless';

export interface DoudianCredentials {
  appKey: string;
  appSecret: string;
}

export const DOUDIAN_REPLY = { code: 0, msg: 'success' };

export function doudianSign(credentials: DoudianCredentials, body: Buffer | string): string {
  return createHash('md5').update(credentials.appKey).update(body).update(credentials.appSecret).digest('hex');
}

export function verifyDoudian(
  credentials: DoudianCredentials,
  headers: { appId?: string; eventSign?: string },
  body: Buffer,
): boolean {
  if (!headers.eventSign || !/^[0-9a-fA-F]{32}$/.test(headers.eventSign)) return false;
  // `app-id` is required: a push that does not say which app it is for is not one of ours.
  if (headers.appId !== credentials.appKey) return false;
  const expected = Buffer.from(doudianSign(credentials, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(headers.eventSign, 'hex'));
}

/** A record may be at most this far ahead of the gateway clock (clock skew). */
export const DOUDIAN_FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * 抖店 signs only app_key + body + app_secret: there is no signed per-push timestamp, so the replay window is
 * checked on each record's own signed time (create_time, pay_time, modify_time). A record more than 5 minutes
 * ahead, or older than `maxAgeMs` (the order dedupe window less 5 minutes), is refused (401
 * `stale_timestamp`, nothing stored): a captured push replayed later is caught either here or by dedupe,
 * while 抖店's own retries after a gateway outage (minutes, hours) are still taken.
 */
export function checkDoudianWindow(events: readonly InboundEvent[], nowMs: number, maxAgeMs: number): void {
  for (const [i, e] of events.entries()) {
    const at = e.occurredAt ?? 0;
    if (at > nowMs + DOUDIAN_FUTURE_TOLERANCE_MS || at < nowMs - maxAgeMs) {
      throw new StudioError('stale_timestamp', `Record ${i} (${e.id}) is outside the accepted time window`, {
        status: 401,
      });
    }
  }
}

const malformed = (path: string, message: string) =>
  new StudioError('invalid_push', `${path}: ${message}`, { status: 400, path });

/** The record's own time (unix seconds in the signed body), required: it is what the replay window checks. */
function requireTime(data: Record<string, unknown>, field: string, path: string): number {
  const s = asSafeInt(data[field]);
  if (s === undefined || s <= 0) throw malformed(`${path}.${field}`, 'missing or not a unix time in seconds');
  return s * 1000;
}

function requireId(data: Record<string, unknown>, field: string, path: string): string {
  const id = asId(data[field]);
  if (id === undefined || id.length === 0) throw malformed(`${path}.${field}`, 'missing or not an id');
  return id;
}

function mapRecord(tag: string, data: Record<string, unknown>, path: string): InboundEvent | null {
  switch (tag) {
    case '100': {
      const orderId = requireId(data, 'p_id', path);
      return {
        id: `doudian:order.created:${orderId}`,
        platform: 'doudian',
        occurredAt: requireTime(data, 'create_time', path),
        kind: 'order.created',
        // TradeCreate carries no amount: null, never guessed.
        data: { orderId, items: [], total: null },
      };
    }
    case '101': {
      const orderId = requireId(data, 'p_id', path);
      const amount = data.pay_amount === undefined ? undefined : asSafeInt(data.pay_amount);
      if (data.pay_amount !== undefined && amount === undefined) {
        throw malformed(`${path}.pay_amount`, 'not an integer amount in fen');
      }
      return {
        id: `doudian:order.paid:${orderId}`,
        platform: 'doudian',
        occurredAt: requireTime(data, 'pay_time', path),
        kind: 'order.paid',
        data: { orderId, items: [], total: amount === undefined ? null : money(amount) },
      };
    }
    case '206': {
      const orderId = requireId(data, 'p_id', path);
      const refundId = requireId(data, 'aftersale_id', path);
      const amount = asSafeInt(data.refund_amount);
      if (amount === undefined || amount < 0) throw malformed(`${path}.refund_amount`, 'not an integer amount in fen');
      return {
        id: `doudian:order.refunded:${refundId}`,
        platform: 'doudian',
        occurredAt: requireTime(data, 'modify_time', path),
        kind: 'order.refunded',
        data: { orderId, refundId, amount: money(amount) },
      };
    }
    default:
      return null;
  }
}

/** Maps a verified push body to unified events; throws StudioError 400 (`invalid_push`, with path) if malformed. */
export function mapDoudianPush(body: Buffer): InboundEvent[] {
  let records: unknown;
  try {
    records = parseJsonLossless(body.toString('utf8'));
  } catch {
    throw new StudioError('invalid_json', 'The body is not valid JSON', { status: 400 });
  }
  if (!Array.isArray(records)) throw malformed('', 'expected an array of messages');
  const events: InboundEvent[] = [];
  records.forEach((record, i) => {
    const path = `[${i}]`;
    if (!isRecord(record)) throw malformed(path, 'expected an object');
    const tag = asId(record.tag);
    if (tag === undefined) throw malformed(`${path}.tag`, 'missing');
    if (typeof record.data !== 'string') throw malformed(`${path}.data`, 'expected a JSON string');
    let data: unknown;
    try {
      data = parseJsonLossless(record.data);
    } catch {
      throw malformed(`${path}.data`, 'not valid JSON');
    }
    if (!isRecord(data)) throw malformed(`${path}.data`, 'expected an object');
    const event = mapRecord(tag, data, `${path}.data`);
    if (event) events.push(event);
  });
  return events;
}
