/**
 * Orders with their lines, end to end: a signed 抖店 / 微信小店 push reaches the real gateway over HTTP, the
 * gateway fetches the order's detail from a FAKE platform order API (written for these tests; it checks
 * the request signature and the access token), and a stock socket.io client of the live feed sees one
 * order.paid with items, the paid total and the channel. Timeouts, 5xx, 429, rate-limit codes, malformed
 * bodies and expired tokens are retried; an API that never answers ends in the event as pushed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { ApiCallError } from '../../gateway/orders/call';
import { doudianOrderApiSchema } from '../../gateway/orders/config';
import { DoudianApi } from '../../gateway/orders/doudian-api';
import { doudianDetailText, wechatOrderText } from '../../gateway/orders/samples.test-helpers';
import type { LiveEvent } from '../../shared/events';
import { FakeDoudian, FakeWechatShop } from '../harness/fake-order-apis';
import { connectFeed, type FeedClient } from '../harness/gateway';
import {
  DOUDIAN_CREDS,
  doudianPaid,
  doudianPush,
  doudianRefund,
  postDoudian,
  WECHAT_CREDS,
  wechatPaidMessage,
  wechatPush,
} from '../harness/platforms';
import { waitFor } from '../harness/process';

const SHOP = '4463798';
const LIVE_ROOM = '7300000000000000001';
const AUTHOR = '90001';
const WX_SECRET = 'wx-app-secret-0123456789';
const fen = (amount: number) => ({ amount, currency: 'CNY' });

let dir: string;
let gw: Gateway;
let dd: FakeDoudian;
let wx: FakeWechatShop;
let ddFeed: FeedClient;
let wxFeed: FeedClient;

const policy = { timeoutMs: 300, attempts: 6, backoffMs: 20 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-orders-'));
  dd = await new FakeDoudian(DOUDIAN_CREDS.appKey, DOUDIAN_CREDS.appSecret, SHOP).start();
  wx = await new FakeWechatShop(WECHAT_CREDS.appId, WX_SECRET).start();
  gw = await startGateway({
    dataDir: dir,
    rooms: [
      {
        id: 'dd',
        readTokens: ['read-token-dd'],
        doudian: {
          ...DOUDIAN_CREDS,
          orderApi: { shopId: SHOP, liveRoomId: LIVE_ROOM, authorId: AUTHOR, baseUrl: dd.url, ...policy },
        },
      },
      {
        id: 'wx',
        readTokens: ['read-token-wx'],
        wechatShop: {
          ...WECHAT_CREDS,
          orderApi: { appSecret: WX_SECRET, finderId: 'sphMyLiveRoom', baseUrl: wx.url, ...policy },
        },
      },
    ],
  });
  ddFeed = connectFeed(gw.url, { token: 'read-token-dd', room: 'dd', lastSeq: 0 });
  wxFeed = connectFeed(gw.url, { token: 'read-token-wx', room: 'wx', lastSeq: 0 });
});
afterAll(async () => {
  ddFeed.close();
  wxFeed.close();
  await gw.close();
  await dd.close();
  await wx.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  dd.state.faults = [];
  wx.state.faults = [];
});

const pushDoudian = async (body: Buffer) => {
  const res = await postDoudian(gw.url, 'dd', body);
  return { status: res.status, body: await res.json() };
};

const postWechat = async (message: string) => {
  const push = wechatPush(message);
  const res = await fetch(`${gw.url}/v1/ingest/wechat-shop/wx?${new URLSearchParams(push.query)}`, {
    method: 'POST',
    body: push.body,
  });
  return { status: res.status, body: await res.text() };
};

const ofOrder = (feed: FeedClient, orderId: string): LiveEvent[] =>
  feed.events.filter((e) => 'orderId' in e.data && e.data.orderId === orderId);

/** Waits for `n` events of the order, then a little longer, so a second copy would have arrived too. */
async function settle(feed: FeedClient, orderId: string, n: number): Promise<LiveEvent[]> {
  await waitFor(() => ofOrder(feed, orderId).length >= n, { what: `${n} events of ${orderId}` });
  await new Promise((r) => setTimeout(r, 300));
  return ofOrder(feed, orderId);
}

describe('抖店 paid orders with their lines', () => {
  it('emits one order.paid with items, the paid total and channel live, then its refund; redelivery changes nothing', async () => {
    const orderId = '6917543210987654321';
    dd.orders.set(
      orderId,
      doudianDetailText(orderId, 69900, [
        { code: 'XHS-CL-001', qty: 2, paid: 49900, roomId: LIVE_ROOM, authorId: AUTHOR },
        { code: 'XHS-SC-002', qty: 3, paid: 20000, roomId: LIVE_ROOM, authorId: AUTHOR },
      ]),
    );
    const push = doudianPush([doudianPaid(orderId, 69900), doudianRefund(orderId, '7301234567890123459', 9900)]);
    expect(await pushDoudian(push)).toEqual({ status: 200, body: { code: 0, msg: 'success' } });
    const events = await settle(ddFeed, orderId, 2);
    expect(events.map((e) => e.kind)).toEqual(['order.paid', 'order.refunded']);
    expect(events[0].data).toEqual({
      orderId,
      items: [
        { sku: 'XHS-CL-001', productId: '3600000000000000000', title: '真丝衬衫', qty: 2, unitPrice: fen(24950) },
        { sku: 'XHS-SC-002', productId: '3600000000000000001', title: '真丝衬衫', qty: 2, unitPrice: fen(6667) },
        { sku: 'XHS-SC-002', productId: '3600000000000000001', title: '真丝衬衫', qty: 1, unitPrice: fen(6666) },
      ],
      total: fen(69900),
      buyerId: '1@#buyerOpenId==',
      channel: 'live',
    });
    // A websocket-only client (the one non-default case) replays the same order.
    const ws = connectFeed(gw.url, { token: 'read-token-dd', room: 'dd', lastSeq: 0 }, { transports: ['websocket'] });
    expect((await settle(ws, orderId, 2)).map((e) => e.data)).toEqual(events.map((e) => e.data));
    ws.close();
    const calls = dd.state.orderCalls;
    expect(await pushDoudian(push)).toEqual({ status: 200, body: { code: 0, msg: 'success' } });
    expect(await settle(ddFeed, orderId, 2)).toHaveLength(2);
    expect(dd.state.orderCalls).toBe(calls);
    expect(dd.state.refused).toEqual([]);
    expect(dd.lastSignMethod).toBe('hmac-sha256');
  });

  it('retries 5xx, 429, the rate-limit code, a malformed body and an expired token, then emits the detail once', async () => {
    const orderId = '6917543210987654400';
    dd.orders.set(
      orderId,
      doudianDetailText(orderId, 12900, [{ code: 'XHS-CL-001', qty: 1, paid: 12900, roomId: LIVE_ROOM }]),
    );
    dd.state.faults = ['http5xx', 'http429', 'rate_code', 'malformed', 'expire_token'];
    const tokens = dd.state.tokensIssued;
    const calls = dd.state.orderCalls;
    expect((await pushDoudian(doudianPush([doudianPaid(orderId, 12900)]))).status).toBe(200);
    const [paid] = await settle(ddFeed, orderId, 1);
    expect(paid.data).toMatchObject({ items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: fen(12900) }], channel: 'live' });
    expect(dd.state.orderCalls - calls).toBe(6);
    expect(dd.state.tokensIssued).toBe(tokens + 1); // the refused token was renewed with its refresh token
    expect(ofOrder(ddFeed, orderId)).toHaveLength(1);
  });

  it('an order API that times out: retried with backoff, then the order is emitted as pushed and counted', async () => {
    const orderId = '6917543210987654500';
    dd.orders.set(orderId, doudianDetailText(orderId, 5000, [{ qty: 1, paid: 5000, roomId: LIVE_ROOM }]));
    dd.state.faults = Array(6).fill('timeout');
    const before = gw.orderJobs().fallback ?? 0;
    const calls = dd.state.orderCalls;
    expect((await pushDoudian(doudianPush([doudianPaid(orderId, 5000)]))).status).toBe(200);
    const [paid] = await settle(ddFeed, orderId, 1);
    expect(paid.data).toEqual({ orderId, items: [], total: fen(5000) });
    expect(dd.state.orderCalls - calls).toBe(6);
    expect(gw.orderJobs().fallback).toBe(before + 1);
  });

  it('an order of another live room is not emitted here, nor is its refund; the room goes on', async () => {
    const other = '6917543210987654600';
    const mine = '6917543210987654601';
    dd.orders.set(other, doudianDetailText(other, 3000, [{ qty: 1, paid: 3000, roomId: '7300000000000000999' }]));
    dd.orders.set(mine, doudianDetailText(mine, 4000, [{ qty: 1, paid: 4000, roomId: LIVE_ROOM }]));
    expect((await pushDoudian(doudianPush([doudianPaid(other, 3000)]))).status).toBe(200);
    await waitFor(() => (gw.orderJobs().other_room ?? 0) >= 1, { what: 'the other room’s order resolved' });
    expect((await pushDoudian(doudianPush([doudianRefund(other, '7301234567890123999', 3000)]))).status).toBe(200);
    expect((await pushDoudian(doudianPush([doudianPaid(mine, 4000)]))).status).toBe(200);
    await settle(ddFeed, mine, 1);
    expect(ofOrder(ddFeed, other)).toEqual([]);
  });

  it('the fake refuses a request signed with another secret (the check the tests rely on can fail)', async () => {
    const api = new DoudianApi(
      DOUDIAN_CREDS.appKey,
      'not-the-secret',
      doudianOrderApiSchema.parse({ shopId: SHOP, baseUrl: dd.url, signMethod: 'md5' }),
    );
    const error = await api.orderDetail('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).retryable).toBe(false);
    expect(dd.state.refused).toContain('sign');
    dd.state.refused = [];
  });
});

describe('微信小店 paid orders with their lines', () => {
  it('emits one order.paid with the lines, order_price and the 推客 as sharer', async () => {
    const orderId = '3705115058471208928';
    wx.orders.set(
      orderId,
      wechatOrderText(orderId, 23800, [{ skuCode: 'XHS-SC-002', cnt: 2, sale: 12900, real: 23800 }], {
        sources: [{ accountId: 'sphMyLiveRoom', liveId: '2045' }],
        sharer: 'oSharer123',
        commissions: [{ nickname: '小雨', amount: 2380 }],
      }),
    );
    wx.state.faults = ['expire_token', 'http5xx'];
    expect(await postWechat(wechatPaidMessage(orderId))).toEqual({ status: 200, body: 'success' });
    expect(await postWechat(wechatPaidMessage(orderId))).toEqual({ status: 200, body: 'success' });
    const [paid] = await settle(wxFeed, orderId, 1);
    expect(paid.data).toEqual({
      orderId,
      items: [{ sku: 'XHS-SC-002', productId: '100000', title: '羊绒围巾', qty: 2, unitPrice: fen(11900) }],
      total: fen(23800),
      buyerId: 'o7esq5Bkx6h3m2DSd4gNCDtX9e8w',
      channel: 'share',
      sharerId: 'oSharer123',
      sharerName: '小雨',
      commission: fen(2380),
    });
    expect(ofOrder(wxFeed, orderId)).toHaveLength(1);
  });
});
