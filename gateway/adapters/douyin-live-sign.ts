/**
 * 抖音 直播间数据开放 push signature (开放平台「数据开放」推送协议, same scheme as its other live pushes):
 * the four signed headers `x-msg-type`, `x-nonce-str`, `x-roomid`, `x-timestamp` (every header of the
 * documented table except `x-signature` and `content-type`) sorted by key, written `k=v` and joined with `&`,
 * then the raw body, then the data secret (数据密钥 of that message type in 开发配置), all UTF-8;
 * `x-signature` = base64(md5(that string)). The documented example: headers x-nonce-str=123456,
 * x-timestamp=456789, x-roomid=268, x-msg-type=user_group, body `abc123你好`, secret `123abc` ->
 * `GAkalGmhzqlUGQO/TgvMug==`.
 *
 * Only the documented headers are signed, never "every x- header received": a reverse proxy in front of
 * the gateway adds `x-forwarded-for`, `x-real-ip` and the like, which the platform never signed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { StudioError } from '../../shared/errors';
import { TIMESTAMP_TOLERANCE_S } from '../signature/standard-webhooks';
import {
  DOUYIN_MSG_TYPES,
  type DouyinLiveConfig,
  type DouyinMsgType,
  douyinSecretFor,
  isDouyinMsgType,
} from './douyin-live';

/** The signed headers, in the order the algorithm sorts them. */
export const DOUYIN_SIGNED_HEADERS = ['x-msg-type', 'x-nonce-str', 'x-roomid', 'x-timestamp'] as const;

export type DouyinSignedHeaders = Record<(typeof DOUYIN_SIGNED_HEADERS)[number], string>;

/** The exact text that is hashed (before the body and the secret): `x-msg-type=…&x-nonce-str=…&…`. */
export function douyinHeaderText(headers: DouyinSignedHeaders): string {
  return DOUYIN_SIGNED_HEADERS.map((key) => `${key}=${headers[key]}`).join('&');
}

function digest(headers: DouyinSignedHeaders, body: Buffer | string, secret: string): Buffer {
  return createHash('md5').update(douyinHeaderText(headers), 'utf8').update(body).update(secret, 'utf8').digest();
}

/** base64(md5(sorted headers + raw body + secret)): the platform's side, used by tests and benches. */
export function douyinSign(headers: DouyinSignedHeaders, body: Buffer | string, secret: string): string {
  return digest(headers, body, secret).toString('base64');
}

/** Constant-time check of `signature` (base64 of 16 bytes) against the expected digest. */
export function verifyDouyinSignature(
  headers: DouyinSignedHeaders,
  body: Buffer,
  secret: string,
  signature: string,
): boolean {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(signature)) return false;
  return timingSafeEqual(digest(headers, body, secret), Buffer.from(signature, 'base64'));
}

const unauthorized = (code: string, message: string) => new StudioError(code, message, { status: 401 });

/**
 * The signed headers and `x-signature` of a request, each exactly once. A header sent twice is refused:
 * node:http would join the copies with ", " and the joined text is not what either side signed.
 */
export function readDouyinHeaders(
  distinct: Record<string, string[] | undefined>,
): DouyinSignedHeaders & { signature: string } {
  const one = (name: string): string => {
    const values = distinct[name];
    if (!values || values.length === 0 || values[0] === '') {
      throw unauthorized('missing_signature', `The header ${name} is required`);
    }
    if (values.length > 1) throw unauthorized('bad_signature', `The header ${name} was sent more than once`);
    return values[0];
  };
  return {
    'x-msg-type': one('x-msg-type'),
    'x-nonce-str': one('x-nonce-str'),
    'x-roomid': one('x-roomid'),
    'x-timestamp': one('x-timestamp'),
    signature: one('x-signature'),
  };
}

/** `x-timestamp` is the push's send time in milliseconds; more than 300 s away from the gateway clock is a replay. */
export function checkDouyinTimestamp(timestamp: string, nowMs: number): number {
  const ms = /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isSafeInteger(ms) || Math.abs(nowMs - ms) > TIMESTAMP_TOLERANCE_S * 1000) {
    throw unauthorized('stale_timestamp', 'x-timestamp (ms) is missing or more than 300 s away from the gateway clock');
  }
  return ms;
}

/**
 * Checks a push before anything is parsed, in this order: the headers are there (401 `missing_signature`),
 * the message type is one the adapter maps (400 `unknown_msg_type`) and has a data secret (404
 * `adapter_not_configured`), the signature over the raw bytes (401 `bad_signature`), the time (401
 * `stale_timestamp`), and the live room (403 `wrong_live_room` when the room config names another one).
 * Returns the message type and the signed send time (ms).
 */
export function openDouyinPush(
  config: DouyinLiveConfig,
  distinct: Record<string, string[] | undefined>,
  body: Buffer,
  nowMs: number,
): { type: DouyinMsgType; pushedAt: number } {
  const headers = readDouyinHeaders(distinct);
  const type = headers['x-msg-type'];
  if (!isDouyinMsgType(type)) {
    throw new StudioError(
      'unknown_msg_type',
      `x-msg-type "${type.slice(0, 40)}" is not taken here; expected one of ${DOUYIN_MSG_TYPES.join(', ')}`,
      { status: 400, path: 'x-msg-type' },
    );
  }
  const secret = douyinSecretFor(config, type);
  if (secret === undefined) {
    throw new StudioError('adapter_not_configured', `This room has no 抖音 data secret for ${type}`, { status: 404 });
  }
  if (!verifyDouyinSignature(headers, body, secret, headers.signature)) {
    throw unauthorized('bad_signature', 'x-signature does not match the headers, body and data secret');
  }
  const pushedAt = checkDouyinTimestamp(headers['x-timestamp'], nowMs);
  if (config.roomId !== undefined && headers['x-roomid'] !== config.roomId) {
    throw new StudioError('wrong_live_room', 'x-roomid is not the 抖音 live room configured for this room', {
      status: 403,
      path: 'x-roomid',
    });
  }
  return { type, pushedAt };
}
