/**
 * 微信小店 message push in security mode -> unified live events.
 * The URL carries `timestamp`, `nonce`, `msg_signature` (sha1 of sorted token, timestamp, nonce, Encrypt);
 * the body is `{ "ToUserName", "Encrypt" }` (JSON, or the XML form with <Encrypt>). The decrypted message is
 * the JSON event. Mapped: channels_ec_order_new -> order.created, channels_ec_order_pay -> order.paid,
 * channels_ec_order_cancel -> order.cancelled. These pushes carry no amounts or lines: `total: null`,
 * `items: []` (the ledger marks the money as incomplete; it never guesses). After-sale updates carry no
 * refund amount, and an order.refunded needs one, so they are acknowledged and not emitted.
 */

import { StudioError } from '../../shared/errors';
import type { InboundEvent } from '../../shared/events';
import { asId, asSafeInt, isRecord, parseJsonLossless } from '../json-lossless';
import { verifyWechatSignature, wechatDecrypt } from './wechat-crypto';

export interface WechatShopCredentials {
  token: string;
  encodingAESKey: string;
  appId: string;
}

export interface WechatQuery {
  timestamp?: string;
  nonce?: string;
  msg_signature?: string;
}

const unauthorized = (message: string) => new StudioError('bad_signature', message, { status: 401 });
const malformed = (path: string, message: string) =>
  new StudioError('invalid_push', `${path || 'body'}: ${message}`, { status: 400, path });

/** The `Encrypt` field of a JSON or XML envelope. */
export function extractEncrypt(body: Buffer): string {
  const text = body.toString('utf8').trim();
  if (text.startsWith('<')) {
    const m = /<Encrypt>\s*(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))\s*<\/Encrypt>/.exec(text);
    const value = m?.[1] ?? m?.[2];
    if (!value) throw malformed('Encrypt', 'missing');
    return value.trim();
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new StudioError('invalid_json', 'The body is not valid JSON', { status: 400 });
  }
  if (!isRecord(envelope) || typeof envelope.Encrypt !== 'string' || envelope.Encrypt === '') {
    throw malformed('Encrypt', 'missing');
  }
  return envelope.Encrypt;
}

/** How far the push's `timestamp` (covered by msg_signature) may be from the gateway clock. */
export const WECHAT_TIMESTAMP_TOLERANCE_S = 300;

/**
 * Verifies and decrypts a push; returns the decrypted message text. Throws 401 (signature, or a `timestamp`
 * missing or more than 5 minutes away: a captured push cannot be replayed after its id left dedupe) or 400.
 */
export function openWechatPush(
  credentials: WechatShopCredentials,
  query: WechatQuery,
  body: Buffer,
  nowMs: number = Date.now(),
): string {
  const encrypted = extractEncrypt(body);
  const { timestamp = '', nonce = '', msg_signature } = query;
  if (!verifyWechatSignature(msg_signature, [credentials.token, timestamp, nonce, encrypted])) {
    throw unauthorized('msg_signature does not match');
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > WECHAT_TIMESTAMP_TOLERANCE_S) {
    throw new StudioError('stale_timestamp', 'timestamp is missing or more than 300 s away from the gateway clock', {
      status: 401,
    });
  }
  let opened: { message: string; appId: string };
  try {
    opened = wechatDecrypt(credentials.encodingAESKey, encrypted);
  } catch {
    throw malformed('Encrypt', 'cannot be decrypted with this EncodingAESKey');
  }
  if (opened.appId !== credentials.appId) throw unauthorized('the message was sealed for another appid');
  return opened.message;
}

/** Maps a decrypted message (JSON) to unified events (none for events the studio does not use). */
export function mapWechatShopMessage(message: string): InboundEvent[] {
  let msg: unknown;
  try {
    msg = parseJsonLossless(message);
  } catch {
    throw malformed('', 'the decrypted message is not JSON');
  }
  if (!isRecord(msg)) throw malformed('', 'expected an object');
  const event = typeof msg.Event === 'string' ? msg.Event : '';
  const createdAt = asSafeInt(msg.CreateTime);
  const info = msg.order_info;
  const kinds: Record<string, 'order.created' | 'order.paid' | 'order.cancelled'> = {
    channels_ec_order_new: 'order.created',
    channels_ec_order_pay: 'order.paid',
    channels_ec_order_cancel: 'order.cancelled',
  };
  const kind = kinds[event];
  if (!kind) return [];
  if (!isRecord(info)) throw malformed('order_info', 'missing');
  const orderId = asId(info.order_id);
  if (!orderId) throw malformed('order_info.order_id', 'missing or not an id');
  const payTime = asSafeInt(info.pay_time);
  const occurredAt = (kind === 'order.paid' && payTime !== undefined ? payTime : createdAt) ?? null;
  const base = {
    id: `wechat_shop:${kind}:${orderId}`,
    platform: 'wechat_shop',
    occurredAt: occurredAt === null ? null : occurredAt * 1000,
  };
  if (kind === 'order.cancelled') return [{ ...base, kind, data: { orderId } }];
  return [{ ...base, kind, data: { orderId, items: [], total: null } }];
}
