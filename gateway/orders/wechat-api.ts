/**
 * 微信小店 API calls, as documented on developers.weixin.qq.com:
 * - access token: `POST {base}/cgi-bin/stable_token` with `{ grant_type: "client_credential", appid, secret,
 *   force_refresh }` -> `{ access_token, expires_in }` (稳定版接口调用凭据; `force_refresh: true` only after the
 *   platform refused the cached token, since forced refreshes are limited per day);
 * - order detail: `POST {base}/channels/ec/order/get?access_token=…` with `{ order_id }` (a string) ->
 *   `{ errcode: 0, errmsg, order: { order_id, order_detail: { product_infos, price_info, source_infos,
 *   commission_infos, sharer_info, … } } }`.
 * Error codes acted on: -1 system busy (retry), 45009/45011 frequency limit (retry later), 40001/40014/42001
 * access token invalid or expired (new token, retry); anything else is final.
 */
import { asId, asSafeInt, isRecord } from '../json-lossless';
import { ApiCallError, Pace, postJson } from './call';
import type { WechatOrderApi } from './config';
import { TokenCache } from './token-cache';

const RETRY_CODES = new Set([-1]);
const RATE_CODES = new Set([45009, 45011]);
const TOKEN_CODES = new Set([40001, 40014, 42001]);

export class WechatShopApi {
  private readonly tokens: TokenCache;
  private readonly pace: Pace;
  private forceRefresh = false;

  constructor(
    private readonly appId: string,
    private readonly api: WechatOrderApi,
    now: () => number = Date.now,
  ) {
    this.pace = new Pace(api.requestsPerSecond, api.burst, now);
    this.tokens = new TokenCache(() => this.obtainToken(), now);
  }

  /** `order/get`: the `order` object (numbers as JsonNumber). */
  async order(orderId: string): Promise<Record<string, unknown>> {
    const token = await this.tokens.get();
    let answer: Record<string, unknown>;
    try {
      answer = await this.call(`/channels/ec/order/get?access_token=${encodeURIComponent(token)}`, {
        order_id: orderId,
      });
    } catch (error) {
      if (error instanceof ApiCallError && error.failure === 'auth') {
        this.tokens.invalidate(token);
        this.forceRefresh = true;
      }
      throw error;
    }
    if (!isRecord(answer.order)) throw new ApiCallError('malformed', 'order/get: `order` is missing', true);
    return answer.order;
  }

  private async obtainToken() {
    const force = this.forceRefresh;
    const answer = await this.call('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.appId,
      secret: this.api.appSecret,
      force_refresh: force,
    });
    const token = asId(answer.access_token);
    const expiresIn = asSafeInt(answer.expires_in);
    if (!token || expiresIn === undefined || expiresIn <= 0) {
      throw new ApiCallError('malformed', 'stable_token: no access_token or expires_in', true);
    }
    this.forceRefresh = false;
    return { token, expiresInS: expiresIn };
  }

  private async call(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    await this.pace.take();
    const answer = await postJson(
      `${this.api.baseUrl.replace(/\/+$/, '')}${path}`,
      JSON.stringify(body),
      this.api.timeoutMs,
    );
    if (!isRecord(answer)) throw new ApiCallError('malformed', 'the answer is not an object', true);
    const code = answer.errcode === undefined ? 0 : asSafeInt(answer.errcode);
    if (code === 0) return answer;
    const where = path.split('?')[0];
    const detail = `微信小店 ${where}: errcode ${code ?? '?'}`;
    if (code === undefined) throw new ApiCallError('malformed', `${where}: errcode is not a number`, true);
    if (TOKEN_CODES.has(code)) throw new ApiCallError('auth', detail, true);
    if (RATE_CODES.has(code)) throw new ApiCallError('rate_limited', detail, true);
    if (RETRY_CODES.has(code)) throw new ApiCallError('http_5xx', detail, true);
    throw new ApiCallError('platform', detail, false);
  }
}
