/**
 * 抖音 直播间数据开放 pushes over real HTTP into a real gateway (SQLite store), read back by stock socket.io
 * clients: signed with the documented algorithm (douyin-live-sign.test.ts pins the vectors), redelivered
 * comments emitted once, likes merged, gifts in fen, a 500-message push taken whole; every bad push (body or
 * header tampered, header missing or sent twice, another secret, stale time, another live room, bad JSON,
 * unknown type) is refused with its error and changes nothing.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import type { LiveEvent } from '../../shared/events';
import { connectFeed, type FeedClient } from '../harness/gateway';
import { DOUYIN_LIVE, type DouyinPush, douyinComment, douyinPush, postDouyin } from '../harness/platforms';
import { waitFor } from '../harness/process';

let dir: string;
let gw: Gateway;
const ROOM = 'dy';
const feeds: FeedClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-douyin-'));
  gw = await startGateway({
    dataDir: dir,
    rooms: [{ id: ROOM, readTokens: ['read-token-dy'], douyinLive: DOUYIN_LIVE }],
  });
});
afterAll(async () => {
  for (const f of feeds) f.close();
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (push: DouyinPush, twice?: [string, string]) => postDouyin(gw.url, ROOM, push, { twice });

/** A stock client (long-polling first) reading the room from `lastSeq`. */
function feed(lastSeq = 0): FeedClient {
  const f = connectFeed(gw.url, { token: 'read-token-dy', room: ROOM, lastSeq });
  feeds.push(f);
  return f;
}

/** Waits for the feed to hold `n` events, then a little more to see that nothing else arrives. */
async function settle(f: FeedClient, n: number): Promise<LiveEvent[]> {
  await waitFor(() => f.events.length >= n, { what: `${n} events on the feed` });
  await new Promise((r) => setTimeout(r, 300));
  return f.events;
}

let head = 0;

describe('抖音 live push endpoint', () => {
  it('takes a comment, acknowledges its redelivery without emitting it again', async () => {
    const message = douyinComment('7390000000000000001', '3号有S码吗');
    const first = await post(douyinPush('live_comment', [message]));
    expect(first).toEqual({ status: 200, json: { accepted: 1, duplicates: 0, firstSeq: 1, lastSeq: 1 } });
    // 抖音 redelivers the same message in a new push: new nonce, new time, new signature.
    const again = await post(douyinPush('live_comment', [message], { nonce: 'another', timestamp: Date.now() + 1000 }));
    expect(again).toEqual({ status: 200, json: { accepted: 0, duplicates: 1, firstSeq: null, lastSeq: null } });
    const events = await settle(feed(), 1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      seq: 1,
      id: 'douyin:chat:7390000000000000001',
      kind: 'chat',
      platform: 'douyin',
      room: ROOM,
      actor: { id: 'douyin:sec_u1', name: '小鹿' },
      data: { text: '3号有S码吗' },
    });
    head = 1;
  });

  it('takes gifts with their value in fen, and merges a user’s likes of one 2-second window', async () => {
    const at = Math.floor(Date.now() / 2000) * 2000;
    const gift = {
      msg_id: 'g-1',
      sec_openid: 'sec_u2',
      sec_gift_id: Object.keys(DOUYIN_LIVE.giftNames)[0],
      gift_num: 10,
      gift_value: 100,
      avatar_url: 'https://p3.douyinpic.com/b.jpeg',
      nickname: '阿花',
      timestamp: at,
    };
    expect((await post(douyinPush('live_gift', [gift, { ...gift, msg_id: 'g-t', test: true }]))).json).toMatchObject({
      accepted: 1,
    });
    const likes = [
      { msg_id: 'k1', sec_openid: 'sec_u3', like_num: 8, nickname: '豆豆', timestamp: at + 10 },
      { msg_id: 'k2', sec_openid: 'sec_u3', like_num: 4, nickname: '豆豆', timestamp: at + 1500 },
      { msg_id: 'k3', sec_openid: 'sec_u4', like_num: 1, nickname: '米粒', timestamp: at + 20 },
    ];
    expect((await post(douyinPush('live_like', likes))).json).toMatchObject({ accepted: 2, duplicates: 0 });
    // The platform redelivers the batch: counted once.
    expect((await post(douyinPush('live_like', likes, { nonce: 'n2' }))).json).toMatchObject({
      accepted: 0,
      duplicates: 2,
    });
    const events = await settle(feed(head), 3);
    expect(events.map((e) => [e.seq, e.kind, e.actor?.id, e.data])).toEqual([
      [
        2,
        'gift',
        'douyin:sec_u2',
        { giftId: gift.sec_gift_id, name: '小心心', count: 10, value: { amount: 100, currency: 'CNY' } },
      ],
      [3, 'like', 'douyin:sec_u3', { count: 12 }],
      [4, 'like', 'douyin:sec_u4', { count: 1 }],
    ]);
    head = 4;
  });

  it('refuses every bad push with its error, and none of them changes anything', async () => {
    const good = douyinPush('live_comment', [douyinComment('bad-1', '有链接吗')]);
    const tampered = Buffer.from(good.body);
    tampered[tampered.indexOf('有')] ^= 1; // one byte of the raw body
    const cases: [string, ReturnType<typeof post>, number, string][] = [
      ['tampered body', post({ headers: good.headers, body: tampered }), 401, 'bad_signature'],
      [
        'wrong secret',
        post(douyinPush('live_comment', [douyinComment('bad-2', 'x')], { secret: 'guess' })),
        401,
        'bad_signature',
      ],
      [
        'stale',
        post(douyinPush('live_comment', [douyinComment('bad-3', 'x')], { timestamp: Date.now() - 301_000 })),
        401,
        'stale_timestamp',
      ],
      [
        'future',
        post(douyinPush('live_comment', [douyinComment('bad-4', 'x')], { timestamp: Date.now() + 301_000 })),
        401,
        'stale_timestamp',
      ],
      [
        'other live room',
        post(douyinPush('live_comment', [douyinComment('bad-5', 'x')], { roomId: '7300000000000000000' })),
        403,
        'wrong_live_room',
      ],
      ['bad JSON', post(douyinPush('live_comment', '[{"msg_id":"bad-6",')), 400, 'invalid_json'],
      ['not an array', post(douyinPush('live_comment', '{"msg_id":"bad-7"}')), 400, 'invalid_push'],
      ['empty comment', post(douyinPush('live_comment', [douyinComment('bad-8', '')])), 400, 'invalid_push'],
      ['unknown type', post(douyinPush('live_fansclub', [douyinComment('bad-9', 'x')])), 400, 'unknown_msg_type'],
      ['header twice', post(good, ['x-roomid', '7300000000000000000']), 401, 'bad_signature'],
    ];
    for (const name of ['x-msg-type', 'x-nonce-str', 'x-roomid', 'x-timestamp', 'x-signature']) {
      cases.push([
        `no ${name}`,
        post({ headers: { ...good.headers, [name]: '' }, body: good.body }),
        401,
        'missing_signature',
      ]);
      const changed = { ...good.headers, [name]: `${good.headers[name].slice(0, -1)}0` };
      if (changed[name] === good.headers[name]) changed[name] = `${good.headers[name].slice(0, -1)}1`;
      // A changed x-msg-type is no longer a type the adapter takes (400); the others fail the signature.
      const [status, code] = name === 'x-msg-type' ? [400, 'unknown_msg_type'] : [401, 'bad_signature'];
      cases.push([`changed ${name}`, post({ headers: changed, body: good.body }), status, code]);
    }
    for (const [name, answer, status, code] of cases) {
      const { status: got, json } = await answer;
      expect([name, got, json.error?.code]).toEqual([name, status, code]);
      expect(typeof (json.error as { message?: string }).message, name).toBe('string');
    }
    // Nothing was stored: the next good push takes the next seq, and the feed shows only it.
    expect((await post(good)).json).toMatchObject({ accepted: 1, firstSeq: head + 1 });
    const events = await settle(feed(head), 1);
    expect(events.map((e) => e.id)).toEqual(['douyin:chat:bad-1']);
    head++;
  });

  it('takes a push of 500 comments whole, in order, once', async () => {
    const messages = Array.from({ length: 500 }, (_, i) =>
      douyinComment(`big-${i}`, `第${i}条 有S码吗`, `sec_${i % 40}`),
    );
    const ack = await post(douyinPush('live_comment', messages));
    expect(ack).toEqual({
      status: 200,
      json: { accepted: 500, duplicates: 0, firstSeq: head + 1, lastSeq: head + 500 },
    });
    const events = await settle(feed(head), 500);
    expect(events.map((e) => e.id)).toEqual(messages.map((m) => `douyin:chat:${m.msg_id}`));
    head += 500;
  });

  it('answers HEAD on the push address (the platform checks it before saving) and 404 for a room without 抖音', async () => {
    expect((await fetch(`${gw.url}/v1/ingest/douyin-live/${ROOM}`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${gw.url}/v1/ingest/douyin-live/nope`, { method: 'HEAD' })).status).toBe(404);
  });

  it('random messages, correctly signed, never crash it and change exactly what was acknowledged', async () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -3, max: 50 }), fc.jsonValue());
    const message = fc.record(
      {
        msg_id: fc.oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String),
          value,
        ),
        sec_openid: fc.oneof(fc.constantFrom('sec_a', 'sec_b'), value),
        content: fc.oneof(fc.string({ maxLength: 40 }), value),
        sec_gift_id: fc.oneof(fc.constant('rose'), value),
        gift_num: fc.oneof(fc.integer({ min: 1, max: 99 }), value),
        gift_value: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double(), value),
        like_num: fc.oneof(fc.integer({ min: 1, max: 30 }), value),
        timestamp: fc.oneof(fc.constant(Date.now()), value),
        nickname: value,
        avatar_url: value,
        test: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('live_comment', 'live_gift', 'live_like'),
        fc.oneof(fc.array(message, { maxLength: 5 }), fc.jsonValue()),
        async (type, body) => {
          const { status, json } = await post(douyinPush(type, JSON.stringify(body)));
          expect(status).toBeLessThan(500);
          if (status === 200) accepted += json.accepted as number;
          else expect([status, typeof json.error?.code]).toEqual([400, 'string']);
        },
      ),
      { numRuns: 150, seed: 20261206 },
    );
    const probe = await post(douyinPush('live_comment', [douyinComment('after-fuzz', '还在吗')]));
    expect(probe.json).toMatchObject({ accepted: 1, firstSeq: head + accepted + 1 });
    head += accepted + 1;
  });
});
