/**
 * 抖店开放平台 API calls (order detail and the access token), signed as the platform's "API调用指南"
 * (文档中心 → 开发指南 → API调用指南: 公共参数, 签名算法) describes. Sources read for this: a public copy of
 * that guide (http://www.maolg.com/ProductDetail/7036311.html, updated 2022-09-13: the public parameters,
 * sign_method, param_json in the body with keys sorted, nested too) and the official sample's `fetchSign`
 * quoted at https://e-com-net.com/article/1729263896214188032.htm (the string that is signed):
 *
 * - POST `{base}/{method with "." replaced by "/"}`, e.g. `/order/orderDetail` for `order.orderDetail`.
 * - Business parameters travel as `param_json` in the body (Content-Type application/json): a JSON object
 *   with its keys sorted (nested objects too), no whitespace.
 * - Public parameters in the query: `app_key`, `method`, `timestamp` (`yyyy-MM-dd HH:mm:ss`, GMT+8, within
 *   10 minutes of the platform's clock), `v=2`, `sign_method` (`hmac-sha256` or `md5`), `sign`, and
 *   `access_token` (every call but the token calls).
 * - `sign`: the string app_secret + "app_key" + app_key + "method" + method + "param_json" + param_json +
 *   "timestamp" + timestamp + "v" + v + app_secret (the sorted public parameters, sign/sign_method/
 *   access_token excluded, each as key then value, wrapped in the secret), then hex md5 of it, or hex
 *   HMAC-SHA256 of it keyed with app_secret.
 * - Token: `token.create` with `{ code: "", grant_type: "authorization_self", shop_id }` (自用型 apps) and
 *   `token.refresh` with `{ grant_type: "refresh_token", refresh_token }`; answers `access_token`,
 *   `expires_in` (s), `refresh_token`.
 * - Answers `{ code, msg, sub_code, sub_msg, data }`, `code` 10000 on success. Codes acted on here (公共错误码):
 *   20000 service unavailable (retry), 30001/30002 access token invalid/expired (new token, retry), 90000
 *   frequency limit and any `sub_code` naming a frequency/limit (retry later); anything else is final.
 */
import { createHash, createHmac } from 'node:crypto';
import { asId, asSafeInt, isRecord, JsonNumber } from '../json-lossless';
import { ApiCallError, Pace, postJson } from './call';
import type { DoudianOrderApi } from './config';
import { type Grant, TokenCache } from './token-cache';

export const DOUDIAN_API_VERSION = '2';
const OK = 10000;
const RETRY_CODES = new Set([20000, 90000]);
const TOKEN_CODES = new Set([30001, 30002]);

/** JSON with object keys sorted at every depth and no whitespace (JsonNumber written as its source text). */
export function canonicalJson(value: unknown): string {
  if (value instanceof JsonNumber) return value.raw;
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `yyyy-MM-dd HH:mm:ss` in GMT+8 (China has no daylight saving). */
export function doudianTimestamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export interface DoudianSignInput {
  appKey: string;
  method: string;
  paramJson: string;
  timestamp: string;
  v: string;
}

/** The documented signature (see the header). Exported for the tests' fake 抖店 server, which checks it. */
export function doudianApiSign(appSecret: string, p: DoudianSignInput, signMethod: 'hmac-sha256' | 'md5'): string {
  const text = `${appSecret}app_key${p.appKey}method${p.method}param_json${p.paramJson}timestamp${p.timestamp}v${p.v}${appSecret}`;
  return signMethod === 'md5'
    ? createHash('md5').update(text, 'utf8').digest('hex')
    : createHmac('sha256', appSecret).update(text, 'utf8').digest('hex');
}

export class DoudianApi {
  private readonly tokens: TokenCache;
  private readonly pace: Pace;

  constructor(
    private readonly appKey: string,
    private readonly appSecret: string,
    private readonly api: DoudianOrderApi,
    private readonly now: () => number = Date.now,
  ) {
    this.pace = new Pace(api.requestsPerSecond, api.burst, now);
    this.tokens = new TokenCache((refresh) => this.obtainToken(refresh), now);
  }

  /** `order.orderDetail` for a shop order: `data.shop_order_detail` (numbers as JsonNumber). */
  async orderDetail(shopOrderId: string): Promise<Record<string, unknown>> {
    const token = await this.tokens.get();
    let data: unknown;
    try {
      data = await this.call('order.orderDetail', { shop_order_id: shopOrderId }, token);
    } catch (error) {
      if (error instanceof ApiCallError && error.failure === 'auth') this.tokens.invalidate(token);
      throw error;
    }
    const detail = isRecord(data) ? data.shop_order_detail : undefined;
    if (!isRecord(detail)) throw new ApiCallError('malformed', 'data.shop_order_detail is missing', true);
    return detail;
  }

  private async obtainToken(refresh: string | undefined): Promise<Grant> {
    const create = () =>
      this.call('token.create', { code: '', grant_type: 'authorization_self', shop_id: this.api.shopId });
    // A refresh token the platform no longer takes (lapsed, or already used) is not final: start over.
    const data = refresh
      ? await this.call('token.refresh', { grant_type: 'refresh_token', refresh_token: refresh }).catch(
          (error: unknown) => {
            if (error instanceof ApiCallError && error.retryable && error.failure !== 'auth') throw error;
            return create();
          },
        )
      : await create();
    const token = isRecord(data) ? asId(data.access_token) : undefined;
    const expiresIn = isRecord(data) ? asSafeInt(data.expires_in) : undefined;
    if (!token || expiresIn === undefined || expiresIn <= 0) {
      throw new ApiCallError('malformed', 'the token answer has no access_token or expires_in', true);
    }
    return { token, expiresInS: expiresIn, refresh: asId((data as Record<string, unknown>).refresh_token) };
  }

  private async call(method: string, params: Record<string, unknown>, accessToken?: string): Promise<unknown> {
    await this.pace.take();
    const paramJson = canonicalJson(params);
    const timestamp = doudianTimestamp(this.now());
    const signed = { appKey: this.appKey, method, paramJson, timestamp, v: DOUDIAN_API_VERSION };
    const query = new URLSearchParams({
      app_key: this.appKey,
      method,
      timestamp,
      v: DOUDIAN_API_VERSION,
      sign_method: this.api.signMethod,
      sign: doudianApiSign(this.appSecret, signed, this.api.signMethod),
    });
    if (accessToken !== undefined) query.set('access_token', accessToken);
    const url = `${this.api.baseUrl.replace(/\/+$/, '')}/${method.replaceAll('.', '/')}?${query}`;
    const answer = await postJson(url, paramJson, this.api.timeoutMs);
    if (!isRecord(answer)) throw new ApiCallError('malformed', 'the answer is not an object', true);
    const code = asSafeInt(answer.code);
    if (code === OK) return answer.data;
    const detail = `抖店 ${method}: code ${code ?? '?'} ${String(answer.sub_code ?? '')}`.trim();
    if (code !== undefined && TOKEN_CODES.has(code)) throw new ApiCallError('auth', detail, true);
    if ((code !== undefined && RETRY_CODES.has(code)) || /frequen|limit/i.test(String(answer.sub_code ?? ''))) {
      throw new ApiCallError(code === 20000 ? 'http_5xx' : 'rate_limited', detail, true);
    }
    if (code === undefined) throw new ApiCallError('malformed', `抖店 ${method}: no code in the answer`, true);
    throw new ApiCallError('platform', detail, false);
  }
}
