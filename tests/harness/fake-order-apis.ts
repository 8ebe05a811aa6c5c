/**
 * FAKE 抖店 and 微信小店 order API servers, written for the tests (the real platforms cannot be reached
 * here). They check what the real ones check, implemented here on their own from the platforms'
 * documentation rather than by calling the gateway's code: 抖店's request signature (sorted public
 * parameters wrapped in the app secret, md5 or HMAC-SHA256; param_json with sorted keys; a timestamp
 * within 10 minutes), access tokens that exist and have not expired, 微信's appid/secret for stable_token.
 * Faults can be queued per order call: a timeout (no answer), HTTP 5xx, HTTP 429, the platform's own
 * rate-limit code, a malformed body, an expired token.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'timeout' | 'http5xx' | 'http429' | 'rate_code' | 'malformed' | 'expire_token';

interface FakeState {
  /** Faults for the next order calls, one per call, in order. */
  faults: Fault[];
  /** Order detail calls received (any outcome). */
  orderCalls: number;
  /** Requests refused for their signature or credentials. */
  refused: string[];
  tokensIssued: number;
}

abstract class FakeServer {
  readonly state: FakeState = { faults: [], orderCalls: 0, refused: [], tokensIssued: 0 };
  private server: Server | null = null;
  private readonly held: ServerResponse[] = [];
  private arrivals: (() => void)[] = [];
  url = '';
  protected tokens = new Map<string, number>();
  protected tokenLifetimeS = 7200;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves when the next order call arrives (after its checks passed); that call gets no answer. */
  holdNext(): Promise<void> {
    this.state.faults.unshift('timeout');
    return new Promise((r) => this.arrivals.push(r));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  protected issueToken(): { token: string; expiresIn: number } {
    const token = `tok-${++this.state.tokensIssued}-${Math.random().toString(36).slice(2)}`;
    this.tokens.set(token, Date.now() + this.tokenLifetimeS * 1000);
    return { token, expiresIn: this.tokenLifetimeS };
  }

  protected tokenValid(token: string | null): boolean {
    return token !== null && (this.tokens.get(token) ?? 0) > Date.now();
  }

  /** Applies the next queued fault; true when it answered (or held) the request. */
  protected fault(res: ServerResponse, rateBody: string, expiredBody: string): boolean {
    this.state.orderCalls++;
    const f = this.state.faults.shift();
    if (!f) return false;
    if (f === 'timeout') {
      this.held.push(res);
      for (const r of this.arrivals.splice(0)) r();
      return true;
    }
    if (f === 'expire_token') {
      // The platform expired every token early (e.g. the app secret was reset): this call is refused.
      for (const t of this.tokens.keys()) this.tokens.set(t, 0);
      this.send(res, 200, expiredBody);
      return true;
    }
    if (f === 'http5xx') this.send(res, 502, '<html>bad gateway</html>');
    else if (f === 'http429') this.send(res, 429, '');
    else if (f === 'rate_code') this.send(res, 200, rateBody);
    else this.send(res, 200, '{"code":10000,"data":{"shop_order');
    return true;
  }

  protected send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  }

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): unknown;
}

/** Keys sorted at every depth, no whitespace: what 抖店 requires of param_json. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export class FakeDoudian extends FakeServer {
  /** shop_order_id -> the shop_order_detail JSON text (bare integer literals, as 抖店 writes them) */
  readonly orders = new Map<string, string>();
  lastSignMethod = '';

  constructor(
    private readonly appKey: string,
    private readonly appSecret: string,
    private readonly shopId: string,
  ) {
    super();
  }

  /** 抖店's documented signature, from the request's own query: sorted public params wrapped in the secret. */
  private expectedSign(q: URLSearchParams, paramJson: string): string {
    const params: Record<string, string> = { param_json: paramJson };
    for (const [k, v] of q) if (k !== 'sign' && k !== 'sign_method' && k !== 'access_token') params[k] = v;
    const text = `${this.appSecret}${Object.keys(params)
      .sort()
      .map((k) => `${k}${params[k]}`)
      .join('')}${this.appSecret}`;
    const method = q.get('sign_method') ?? 'md5';
    return method === 'hmac-sha256'
      ? createHmac('sha256', this.appSecret).update(text).digest('hex')
      : createHash('md5').update(text).digest('hex');
  }

  private refuse(res: ServerResponse, why: string, code = 40004): void {
    this.state.refused.push(why);
    this.send(res, 200, JSON.stringify({ code, msg: why, sub_code: 'isv.invalid', sub_msg: why }));
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): unknown {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = url.searchParams;
    const method = q.get('method') ?? '';
    if (req.method !== 'POST' || url.pathname !== `/${method.replaceAll('.', '/')}`) {
      return this.refuse(res, 'path does not match method');
    }
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(body);
    } catch {
      return this.refuse(res, 'param_json is not JSON');
    }
    if (sortedJson(params) !== body) return this.refuse(res, 'param_json keys not sorted or not compact');
    if (q.get('app_key') !== this.appKey || q.get('v') !== '2') return this.refuse(res, 'app_key or v');
    const ts = q.get('timestamp') ?? '';
    const at = Date.parse(`${ts.replace(' ', 'T')}+08:00`);
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(ts) || Math.abs(at - Date.now()) > 10 * 60_000) {
      return this.refuse(res, 'timestamp');
    }
    if (q.get('sign') !== this.expectedSign(q, body)) return this.refuse(res, 'sign');
    this.lastSignMethod = q.get('sign_method') ?? 'md5';
    if (method === 'token.create') {
      if (params.grant_type !== 'authorization_self' || params.shop_id !== this.shopId) {
        return this.refuse(res, 'grant');
      }
      const { token, expiresIn } = this.issueToken();
      const data = { access_token: token, expires_in: expiresIn, refresh_token: `r-${token}`, shop_id: this.shopId };
      return this.send(res, 200, JSON.stringify({ code: 10000, msg: 'success', data }));
    }
    if (method === 'token.refresh') {
      const old = String(params.refresh_token ?? '').slice(2);
      if (params.grant_type !== 'refresh_token' || !this.tokens.has(old)) return this.refuse(res, 'refresh_token');
      this.tokens.delete(old);
      const { token, expiresIn } = this.issueToken();
      const data = { access_token: token, expires_in: expiresIn, refresh_token: `r-${token}`, shop_id: this.shopId };
      return this.send(res, 200, JSON.stringify({ code: 10000, msg: 'success', data }));
    }
    if (method !== 'order.orderDetail') return this.refuse(res, 'unknown method');
    const expired = '{"code":30002,"msg":"access_token已过期","sub_code":"isv.access-token-expired"}';
    if (!this.tokenValid(q.get('access_token'))) {
      this.state.orderCalls++;
      this.state.refused.push('access_token expired');
      return this.send(res, 200, expired);
    }
    const rate = JSON.stringify({ code: 90000, msg: '流量限制', sub_code: 'isv.frequency-limit' });
    if (this.fault(res, rate, expired)) return;
    const detail = this.orders.get(String(params.shop_order_id));
    if (!detail) return this.send(res, 200, '{"code":50002,"msg":"业务处理失败","sub_code":"isv.order-not-found"}');
    this.send(res, 200, `{"code":10000,"msg":"success","data":{"shop_order_detail":${detail}}}`);
  }
}

export class FakeWechatShop extends FakeServer {
  /** order_id -> the `order` JSON text */
  readonly orders = new Map<string, string>();

  constructor(
    private readonly appId: string,
    private readonly appSecret: string,
  ) {
    super();
  }

  protected handle(req: IncomingMessage, body: string, res: ServerResponse): unknown {
    const url = new URL(req.url ?? '/', 'http://fake');
    let params: Record<string, unknown> = {};
    try {
      params = JSON.parse(body);
    } catch {
      return this.send(res, 200, '{"errcode":47001,"errmsg":"data format error"}');
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      if (
        params.grant_type !== 'client_credential' ||
        params.appid !== this.appId ||
        params.secret !== this.appSecret
      ) {
        this.state.refused.push('appid or secret');
        return this.send(res, 200, '{"errcode":40125,"errmsg":"invalid appsecret"}');
      }
      const { token, expiresIn } = this.issueToken();
      return this.send(res, 200, JSON.stringify({ access_token: token, expires_in: expiresIn }));
    }
    if (req.method !== 'POST' || url.pathname !== '/channels/ec/order/get') {
      return this.send(res, 404, '{"errcode":404,"errmsg":"no such api"}');
    }
    const expired = '{"errcode":42001,"errmsg":"access_token expired"}';
    if (!this.tokenValid(url.searchParams.get('access_token'))) {
      this.state.orderCalls++;
      this.state.refused.push('access_token expired');
      return this.send(res, 200, expired);
    }
    if (this.fault(res, '{"errcode":45009,"errmsg":"reach max api daily quota limit"}', expired)) return;
    if (typeof params.order_id !== 'string') return this.send(res, 200, '{"errcode":47001,"errmsg":"order_id"}');
    const order = this.orders.get(params.order_id);
    if (!order) return this.send(res, 200, '{"errcode":10001004,"errmsg":"order not found"}');
    this.send(res, 200, `{"errcode":0,"errmsg":"ok","order":${order}}`);
  }
}
