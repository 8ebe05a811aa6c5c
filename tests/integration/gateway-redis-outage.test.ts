/**
 * A real Redis stopped (SIGKILL) and started again under a running gateway (issue 14, item 6): during the
 * outage a signed push gets 503 with Retry-After at once instead of waiting in node-redis's offline queue;
 * nothing is acknowledged that Redis does not have; after the restart pushes succeed and seq continues
 * without gaps or duplicates. Also: a Redis without persistence is refused at start, and dedupe windows
 * differ by kind in both stores (item 7).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { chatEvent, connectFeed, newSecret, paidEvent, postSigned } from '../harness/gateway';
import { waitFor } from '../harness/process';
import { type RedisServer, startRedis } from '../harness/redis';

const secret = newSecret();
const rooms = [{ id: 'r1', secrets: [secret], readTokens: ['read-token-r1'] }];

describe('Redis outage under a running gateway', () => {
  let redis: RedisServer;
  let gw: Gateway;
  beforeAll(async () => {
    redis = await startRedis();
    gw = await startGateway({ redisUrl: redis.url, rooms, commitTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await gw?.close();
    await redis?.stop();
  });

  it('503 with Retry-After while Redis is down, then seq continues with no gap and no duplicate', async () => {
    const feed = connectFeed(gw.url, { token: 'read-token-r1', room: 'r1', lastSeq: 0 });
    let next = 1;
    const batch = (n: number) => Array.from({ length: n }, () => chatEvent(next++, 'outage'));
    const acked: { first: number; last: number }[] = [];
    const push = async (events: ReturnType<typeof batch>) => {
      const res = await postSigned(gw.url, 'r1', events, { secret });
      if (res.status === 200) {
        const body = res.json as { firstSeq: number; lastSeq: number; accepted: number };
        if (body.accepted > 0) acked.push({ first: body.firstSeq, last: body.lastSeq });
      }
      return res;
    };
    for (let i = 0; i < 5; i++) expect((await push(batch(10))).status).toBe(200);

    await redis.down();
    const refusedIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const events = batch(10);
      const started = performance.now();
      const res = await push(events);
      const waited = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((res.json as { error: { code: string } }).error.code).toBe('store_unavailable');
      // Not queued until Redis returns: answered within the commit timeout (1.5 s), not held open.
      expect(waited).toBeLessThan(1500 + 1000);
      refusedIds.push(...events.map((e) => e.id));
    }

    await redis.up();
    // The platform retries what was refused (same ids), then new events follow.
    await waitFor(async () => (await postSigned(gw.url, 'r1', [chatEvent(0, 'probe')], { secret })).status === 200, {
      what: 'gateway back on Redis',
      timeoutMs: 20_000,
    });
    next = 51;
    for (let i = 0; i < 5; i++) expect((await push(batch(10))).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await push(batch(10))).status).toBe(200);

    const lastSeq = acked.at(-1)?.last ?? 0;
    expect(lastSeq).toBe(50 + 1 + 50 + 30);
    await waitFor(() => feed.events.length === lastSeq, { what: 'every committed event on the feed' });
    expect(feed.events.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    expect(new Set(feed.events.map((e) => e.id)).size).toBe(lastSeq);
    // Every id refused during the outage was committed exactly once, after it.
    for (const id of refusedIds) expect(feed.events.filter((e) => e.id === id)).toHaveLength(1);
    // Every acknowledged range is on the feed: nothing acknowledged was lost across the Redis kill.
    for (const a of acked) for (let s = a.first; s <= a.last; s++) expect(feed.events[s - 1].seq).toBe(s);
    feed.close();
  });
});

describe('Redis persistence check at start', () => {
  it('refuses a Redis without any persistence, unless told the room is a throwaway', async () => {
    const volatile = await startRedis({ volatile: true });
    try {
      await expect(startGateway({ redisUrl: volatile.url, rooms })).rejects.toThrow(
        /appendonly yes.*appendfsync always/,
      );
      const throwaway = await startGateway({ redisUrl: volatile.url, rooms, allowVolatileRedis: true });
      await throwaway.close();
    } finally {
      await volatile.stop();
    }
  });
});

describe('dedupe windows by kind', () => {
  const order = paidEvent('6917000000000000777', 9900);
  const chat = chatEvent(1, 'window');

  it('SQLite: chat ids are forgotten after 15 minutes, order ids kept 48 h', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maishou-gw-dedupe-'));
    let now = 1764064800_000;
    const gw = await startGateway({ dataDir: dir, rooms, now: () => now });
    try {
      expect(await gw.ingest('r1', [order, chat])).toMatchObject({ accepted: 2 });
      now += 14 * 60_000;
      expect(await gw.ingest('r1', [order, chat])).toMatchObject({ accepted: 0, duplicates: 2 });
      now += 2 * 60_000;
      expect(await gw.ingest('r1', [order, chat])).toMatchObject({ accepted: 1, duplicates: 1 });
      now += 47 * 3600_000;
      expect(await gw.ingest('r1', [order])).toMatchObject({ accepted: 0, duplicates: 1 });
      now += 3600_000;
      expect(await gw.ingest('r1', [order])).toMatchObject({ accepted: 1 });
    } finally {
      await gw.close();
    }
    // Rows past their window are removed from the file, so a 4-hour show does not keep millions of ids.
    let t = 1764064800_000;
    const gw2 = await startGateway({ dataDir: dir, rooms, now: () => t });
    try {
      await gw2.ingest(
        'r1',
        Array.from({ length: 300 }, (_, i) => chatEvent(i, 'flood')),
      );
      t += 20 * 60_000;
    } finally {
      await gw2.close();
    }
    const gw3 = await startGateway({ dataDir: dir, rooms, now: () => t }); // prunes at start
    await gw3.close();
    const db = new DatabaseSync(join(dir, 'gateway.sqlite'));
    const kinds = db.prepare("SELECT COUNT(*) AS n FROM seen WHERE id LIKE 'flood-%'").get() as { n: number };
    const orders = db.prepare("SELECT COUNT(*) AS n FROM seen WHERE id LIKE 'test:order%'").get() as { n: number };
    db.close();
    expect(Number(kinds.n)).toBe(0);
    expect(Number(orders.n)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('Redis: each id key carries the TTL of its kind', async () => {
    const redis = await startRedis();
    const gw = await startGateway({ redisUrl: redis.url, rooms });
    const client = createClient({ url: redis.url });
    try {
      await gw.ingest('r1', [order, chat]);
      await client.connect();
      const orderTtl = await client.pTTL(`maishou:gw:{r1}:id:${order.id}`);
      const chatTtl = await client.pTTL(`maishou:gw:{r1}:id:${chat.id}`);
      expect(orderTtl).toBeGreaterThan(47 * 3600_000);
      expect(orderTtl).toBeLessThanOrEqual(48 * 3600_000);
      expect(chatTtl).toBeGreaterThan(14 * 60_000);
      expect(chatTtl).toBeLessThanOrEqual(15 * 60_000);
    } finally {
      await client.close();
      await gw.close();
      await redis.stop();
    }
  });
});
