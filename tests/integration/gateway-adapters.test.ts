/**
 * Platform adapters over real HTTP: 抖店 and 微信小店 pushes built with the documented algorithms reach
 * the live feed as unified events, once, with their exact order ids; bad signatures and malformed pushes
 * get their error and change nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianSign } from '../../gateway/adapters/doudian';
import { wechatSignature } from '../../gateway/adapters/wechat-crypto';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { connectFeed } from '../harness/gateway';
import {
  DOUDIAN_CREDS,
  doudianPushBody,
  nowSeconds,
  WECHAT_CREDS,
  WECHAT_PAY_MESSAGE,
  wechatPush,
} from '../harness/platforms';
import { waitFor } from '../harness/process';

let dir: string;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
  gw = await startGateway({
    dataDir: dir,
    rooms: [
      { id: 'dd', readTokens: ['read-token-dd'], doudian: DOUDIAN_CREDS },
      { id: 'wx', readTokens: ['read-token-wx'], wechatShop: WECHAT_CREDS },
    ],
  });
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

const postDoudian = (
  body: Buffer,
  sign = doudianSign(DOUDIAN_CREDS, body),
  appId: string | null = DOUDIAN_CREDS.appKey,
) =>
  fetch(`${gw.url}/v1/ingest/doudian/dd`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(appId === null ? {} : { 'app-id': appId }), 'event-sign': sign },
    body,
  });

/** A push paid an hour ago and refunded now: inside the accepted window. */
const recentPush = () => doudianPushBody(nowSeconds() - 3600);

const postWechat = (push: ReturnType<typeof wechatPush>) =>
  fetch(`${gw.url}/v1/ingest/wechat-shop/wx?${new URLSearchParams({ ...push.query, encrypt_type: 'aes' })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: push.body,
  });

describe('抖店 push endpoint', () => {
  it('answers {"code":0,"msg":"success"}, emits each order event once even when the push is redelivered', async () => {
    const body = recentPush();
    const first = await postDoudian(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ code: 0, msg: 'success' });
    const again = await postDoudian(body);
    expect(await again.json()).toEqual({ code: 0, msg: 'success' });
    const feed = connectFeed(gw.url, { token: 'read-token-dd', room: 'dd', lastSeq: 0 });
    await waitFor(() => feed.events.length >= 3, { what: '3 events' });
    await new Promise((r) => setTimeout(r, 200));
    expect(feed.events.map((e) => [e.seq, e.kind, e.platform])).toEqual([
      [1, 'order.created', 'doudian'],
      [2, 'order.paid', 'doudian'],
      [3, 'order.refunded', 'doudian'],
    ]);
    expect(feed.events[1].data).toEqual({
      orderId: '6917543210987654321',
      items: [],
      total: { amount: 69900, currency: 'CNY' },
    });
    feed.close();
  });

  it('401 for a tampered body, 400 for a malformed push; neither changes anything', async () => {
    const body = recentPush();
    const sign = doudianSign(DOUDIAN_CREDS, body);
    const tampered = Buffer.from(body.toString().replace('"pay_amount\\":69900', '"pay_amount\\":1'));
    expect(tampered.equals(body)).toBe(false);
    const rejected = await postDoudian(tampered, sign);
    expect(rejected.status).toBe(401);
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    const malformed = Buffer.from(JSON.stringify([{ tag: '101', msg_id: '9', data: '{"p_id":"x","pay_amount":"a"}' }]));
    const bad = await postDoudian(malformed);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_push', path: '[0].data.pay_amount' } });
    const next = await postDoudian(
      Buffer.from(
        JSON.stringify([
          { tag: '100', msg_id: '10', data: `{"p_id":6917000000000000099,"create_time":${nowSeconds()}}` },
        ]),
      ),
    );
    expect(next.status).toBe(200);
    const feed = connectFeed(gw.url, { token: 'read-token-dd', room: 'dd', lastSeq: 3 });
    await waitFor(() => feed.events.length >= 1, { what: 'the next event' });
    expect(feed.events[0]).toMatchObject({ seq: 4, data: { orderId: '6917000000000000099' } });
    feed.close();
  });

  it('refuses a push without app-id, one for another app, one without record times, and a stale replay', async () => {
    const fresh = doudianPushBody(nowSeconds() - 7200);
    const noAppId = await postDoudian(fresh, doudianSign(DOUDIAN_CREDS, fresh), null);
    expect(noAppId.status).toBe(401);
    expect(await noAppId.json()).toMatchObject({ error: { code: 'bad_signature' } });
    expect((await postDoudian(fresh, doudianSign(DOUDIAN_CREDS, fresh), 'another-app')).status).toBe(401);
    const untimed = Buffer.from(JSON.stringify([{ tag: '101', msg_id: '11', data: '{"p_id":69170000000000001}' }]));
    const noTime = await postDoudian(untimed);
    expect(noTime.status).toBe(400);
    expect(await noTime.json()).toMatchObject({ error: { code: 'invalid_push', path: '[0].data.pay_time' } });
    // A correctly signed push captured three days ago (ids long out of dedupe) is refused, as is one from
    // 10 minutes in the future; neither reaches the feed.
    const stale = doudianPushBody(nowSeconds() - 3 * 24 * 3600);
    const replay = await postDoudian(stale);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'stale_timestamp' } });
    expect((await postDoudian(doudianPushBody(nowSeconds() - 3600 + 600))).status).toBe(401);
    const feed = connectFeed(gw.url, { token: 'read-token-dd', room: 'dd', lastSeq: 4 });
    await new Promise((r) => setTimeout(r, 300));
    expect(feed.events).toEqual([]);
    feed.close();
  });
});

describe('微信小店 push endpoint', () => {
  it('verifies the URL with echostr, answers "success", emits the paid order once with total null', async () => {
    const query = { timestamp: '1764064800', nonce: '42', echostr: '8765309' };
    const signature = wechatSignature([WECHAT_CREDS.token, query.timestamp, query.nonce]);
    const echo = await fetch(`${gw.url}/v1/ingest/wechat-shop/wx?${new URLSearchParams({ ...query, signature })}`);
    expect(await echo.text()).toBe('8765309');

    const push = wechatPush(WECHAT_PAY_MESSAGE);
    const res = await postWechat(push);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    // 微信 redelivers with a new timestamp and nonce: acknowledged, not emitted again.
    const redelivery = wechatPush(WECHAT_PAY_MESSAGE, WECHAT_CREDS, String(nowSeconds() + 1), '7');
    expect(await (await postWechat(redelivery)).text()).toBe('success');
    const feed = connectFeed(gw.url, { token: 'read-token-wx', room: 'wx', lastSeq: 0 });
    await waitFor(() => feed.events.length >= 1, { what: 'the paid order' });
    await new Promise((r) => setTimeout(r, 200));
    expect(feed.events).toHaveLength(1);
    expect(feed.events[0]).toMatchObject({
      seq: 1,
      kind: 'order.paid',
      platform: 'wechat_shop',
      data: { orderId: '3705115058471208928', items: [], total: null },
    });
    feed.close();
  });

  it('401 for a bad msg_signature, 400 for a body without Encrypt', async () => {
    const push = wechatPush(WECHAT_PAY_MESSAGE);
    const bad = await postWechat({ ...push, query: { ...push.query, msg_signature: '0'.repeat(40) } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_signature' } });
    const noEncrypt = await postWechat({ ...push, body: Buffer.from('{"ToUserName":"gh"}') });
    expect(noEncrypt.status).toBe(400);
  });

  it('401 stale_timestamp for a correctly signed push whose timestamp is over 5 minutes off, or missing', async () => {
    for (const ts of [String(nowSeconds() - 301 - 5), String(nowSeconds() + 306), '']) {
      const res = await postWechat(wechatPush(WECHAT_PAY_MESSAGE, WECHAT_CREDS, ts, '99'));
      expect(res.status, `timestamp ${ts}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'stale_timestamp' } });
    }
    const feed = connectFeed(gw.url, { token: 'read-token-wx', room: 'wx', lastSeq: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(feed.events).toEqual([]);
    feed.close();
  });
});
