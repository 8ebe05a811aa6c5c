/**
 * Platform pushes built with the documented algorithms (our own encoders), for adapter tests and fuzzing:
 * 抖店 message push bodies, 微信小店 security-mode pushes and 抖音 直播间数据开放 pushes.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { doudianSign } from '../../gateway/adapters/doudian';
import { douyinSign } from '../../gateway/adapters/douyin-live-sign';
import { wechatEncrypt, wechatSignature } from '../../gateway/adapters/wechat-crypto';

export const DOUDIAN_CREDS = { appKey: '7012345678901234567', appSecret: 'c0ffee-secret' };

export const WECHAT_CREDS = {
  token: 'maishouToken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
};

/** Unix seconds now, for pushes the gateway's ±5 minute / dedupe-window checks must accept. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * An array of messages with `data` as a JSON string and order ids as bare integer literals beyond 2^53.
 * Record times: created `paidAt - 10`, paid `paidAt`, refunded `paidAt + 3600` (unix seconds).
 */
export const doudianPushBody = (paidAt = 1764064800): Buffer =>
  Buffer.from(
    JSON.stringify([
      {
        tag: '100',
        msg_id: '7401234567890123456',
        data: `{"biz":2,"create_time":${paidAt - 10},"order_status":1,"order_type":0,"p_id":6917543210987654321,"s_ids":[6917543210987654322],"shop_id":4463798}`,
      },
      {
        tag: '101',
        msg_id: '7401234567890123457',
        data: `{"biz":2,"order_status":2,"order_type":0,"p_id":6917543210987654321,"pay_amount":69900,"pay_time":${paidAt},"pay_type":1,"s_ids":[6917543210987654322],"shop_id":4463798}`,
      },
      {
        tag: '206',
        msg_id: '7401234567890123458',
        data: `{"aftersale_id":7301234567890123459,"aftersale_status":12,"aftersale_type":2,"modify_time":${paidAt + 3600},"p_id":6917543210987654321,"reason_code":1,"refund_amount":69900,"refund_post_amount":0,"s_id":6917543210987654322,"shop_id":4463798}`,
      },
      { tag: '105', msg_id: '7401234567890123460', data: '{"p_id":6917543210987654321}' },
    ]),
  );

/** A push as 微信小店 sends it in security mode: query parameters plus a JSON envelope with `Encrypt`. */
export function wechatPush(message: string, c = WECHAT_CREDS, timestamp = String(nowSeconds()), nonce = '1597212914') {
  const encrypted = wechatEncrypt(c.encodingAESKey, c.appId, message, Buffer.alloc(16, 7));
  return {
    query: { timestamp, nonce, msg_signature: wechatSignature([c.token, timestamp, nonce, encrypted]) },
    body: Buffer.from(JSON.stringify({ ToUserName: 'gh_abcdef123456', Encrypt: encrypted })),
    encrypted,
  };
}

export const WECHAT_PAY_MESSAGE =
  '{"ToUserName":"gh_abcdef123456","FromUserName":"o7esq5Bkx6h3m2DSd4gNCDtX9e8w","CreateTime":1764064801,"MsgType":"event","Event":"channels_ec_order_pay","order_info":{"order_id":3705115058471208928,"pay_time":1764064800}}';

/** One 抖店 message as pushed: `data` is a JSON string whose ids are bare integer literals. */
export interface DoudianRecord {
  tag: '100' | '101' | '206';
  data: string;
}

export const doudianPaid = (orderId: string, payAmount: number, payTime = nowSeconds() - 60): DoudianRecord => ({
  tag: '101',
  data: `{"biz":2,"order_status":2,"p_id":${orderId},"pay_amount":${payAmount},"pay_time":${payTime},"s_ids":[${orderId}1],"shop_id":4463798}`,
});

export const doudianRefund = (orderId: string, refundId: string, amount: number): DoudianRecord => ({
  tag: '206',
  data: `{"aftersale_id":${refundId},"aftersale_status":12,"modify_time":${nowSeconds()},"p_id":${orderId},"refund_amount":${amount},"shop_id":4463798}`,
});

/** A push body of the given messages (message ids derived from the records, stable for redelivery). */
/** POSTs a 抖店 push to `/v1/ingest/doudian/{room}` as the platform does: the raw body, `app-id` and `event-sign`. */
export const postDoudian = (baseUrl: string, room: string, body: Buffer): Promise<Response> =>
  fetch(`${baseUrl}/v1/ingest/doudian/${room}`, {
    method: 'POST',
    headers: { 'app-id': DOUDIAN_CREDS.appKey, 'event-sign': doudianSign(DOUDIAN_CREDS, body) },
    body,
  });

export const doudianPush = (records: DoudianRecord[]): Buffer =>
  Buffer.from(JSON.stringify(records.map((r, i) => ({ ...r, msg_id: `74${i}${r.data.length}` }))));

/** A 微信小店 `channels_ec_order_pay` message for `orderId` (a bare integer literal). */
export const wechatPaidMessage = (orderId: string, payTime = nowSeconds() - 60): string =>
  `{"ToUserName":"gh_abcdef123456","FromUserName":"o7esq5Bkx6h3m2DSd4gNCDtX9e8w","CreateTime":${payTime},"MsgType":"event","Event":"channels_ec_order_pay","order_info":{"order_id":${orderId},"pay_time":${payTime}}}`;
/** A room's `douyinLive` config for tests: one data secret per message type, as the platform console sets them. */
export const DOUYIN_LIVE = {
  secrets: { live_comment: 'dy-comment-secret', live_gift: 'dy-gift-secret', live_like: 'dy-like-secret' },
  roomId: '7312345678901234567',
  giftNames: { 'n1/Dg1905sj1FyoBlQBvmbaDZFBNaKuKZH6zxHkv8Lg5x2cRfrKUTb8gzMs=': '小心心' },
};

export interface DouyinPushOptions {
  secret?: string;
  roomId?: string;
  nonce?: string;
  /** x-timestamp in ms (default now). */
  timestamp?: number;
  /** Replaces or removes (null) headers after signing. */
  override?: Record<string, string | null>;
}

/**
 * A push as 抖音 sends it: the raw JSON body and the headers signed with base64(md5(sorted x- headers + body +
 * secret)), computed with our encoder (douyin-live-sign.test.ts checks it against the documented vector).
 */
export interface DouyinPush {
  headers: Record<string, string>;
  body: Buffer;
}

export function douyinPush(type: string, messages: unknown[] | string, options: DouyinPushOptions = {}): DouyinPush {
  const body = Buffer.from(typeof messages === 'string' ? messages : JSON.stringify(messages));
  const secrets: Record<string, string> = DOUYIN_LIVE.secrets;
  const signed = {
    'x-msg-type': type,
    'x-nonce-str': options.nonce ?? randomBytes(8).toString('hex'),
    'x-roomid': options.roomId ?? DOUYIN_LIVE.roomId,
    'x-timestamp': String(options.timestamp ?? Date.now()),
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...signed,
    'x-signature': douyinSign(signed, body, options.secret ?? secrets[type] ?? 'unknown-type-secret'),
  };
  for (const [k, v] of Object.entries(options.override ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  return { headers, body };
}

/** A 抖音 comment payload (documented fields), `timestamp` in ms. */
export const douyinComment = (msgId: string, content: string, user = 'sec_u1', at = Date.now()) => ({
  msg_id: msgId,
  sec_openid: user,
  content,
  avatar_url: 'https://p3.douyinpic.com/aweme/100x100/avatar.jpeg',
  nickname: '小鹿',
  timestamp: at,
});

export interface DouyinAnswer {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string; path?: string } };
}

/**
 * A raw POST (node:http) of a push to `/v1/ingest/douyin-live/{room}`, the body written byte for byte as
 * 抖音's push client sends it. `twice` sends a header a second time with another value; `deadlineMs` gives up
 * as the platform does (it drops a push not answered within 2 s) and rejects.
 */
export function postDouyin(
  baseUrl: string,
  room: string,
  push: DouyinPush,
  options: { twice?: [string, string]; deadlineMs?: number } = {},
): Promise<DouyinAnswer> {
  return new Promise((resolve, reject) => {
    const url = `${baseUrl}/v1/ingest/douyin-live/${room}`;
    let timer: NodeJS.Timeout | undefined;
    const req = request(url, { method: 'POST', headers: push.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) });
      });
    });
    if (options.twice) req.setHeader(options.twice[0], [push.headers[options.twice[0]], options.twice[1]]);
    if (options.deadlineMs !== undefined) {
      const ms = options.deadlineMs;
      timer = setTimeout(() => req.destroy(new Error(`no answer within ${ms} ms: the platform drops the push`)), ms);
    }
    req.on('error', reject);
    req.end(push.body);
  });
}
