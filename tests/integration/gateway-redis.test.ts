/**
 * Two gateway nodes on one real Redis: any node may ingest, any node may serve. Events ingested on node A
 * (and some on B at the same time) reach a client on node B complete, in seq order, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayLink } from '../../electron/engine/live/gateway-link';
import { type Gateway, startGateway } from '../../gateway/gateway';
import type { LiveEvent } from '../../shared/events';
import { chatEvent, connectFeed, newSecret, postSigned } from '../harness/gateway';
import { waitFor } from '../harness/process';
import { type RedisServer, startRedis } from '../harness/redis';

const secret = newSecret();
const rooms = [{ id: 'team', secrets: [secret], readTokens: ['read-token-team'] }];
let redis: RedisServer;
let nodeA: Gateway;
let nodeB: Gateway;

beforeAll(async () => {
  redis = await startRedis();
  nodeA = await startGateway({ redisUrl: redis.url, rooms });
  nodeB = await startGateway({ redisUrl: redis.url, rooms });
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await redis?.stop();
});

describe('two gateway nodes on Redis', () => {
  it('ingest on A, client on B: everything, in order, once; seq and dedupe are shared', async () => {
    const applied: LiveEvent[] = [];
    const link = new GatewayLink({
      url: nodeB.url,
      room: 'team',
      token: 'read-token-team',
      lastSeq: 0,
      apply: (events) => void applied.push(...events),
    });
    link.start();
    await waitFor(() => link.state.status === 'live', { what: 'link live on B' });

    const posts: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const events = Array.from({ length: 50 }, (_, k) => chatEvent(i * 50 + k + 1));
      // Mostly A; every fourth batch on B at the same moment, so commits from both nodes interleave.
      posts.push(nodeA.ingest('team', events));
      if (i % 4 === 0) posts.push(nodeB.ingest('team', events.slice(0, 10)));
    }
    const acks = (await Promise.all(posts)) as { accepted: number; duplicates: number }[];
    expect(acks.reduce((s, a) => s + a.accepted, 0)).toBe(1000);

    // The same ids over HTTP on B are duplicates: dedupe lives in Redis, not in a node.
    const dup = await postSigned(nodeB.url, 'team', [chatEvent(1), chatEvent(1001)], { secret });
    expect(dup.json).toEqual({ accepted: 1, duplicates: 1, firstSeq: 1001, lastSeq: 1001 });

    await waitFor(() => link.state.lastSeq === 1001, { what: 'all 1,001 on B' });
    expect(applied.map((e) => e.seq)).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect(new Set(applied.map((e) => e.id)).size).toBe(1001);
    await link.close();

    // A raw client on A replaying from 990 sees the tail, once.
    const feed = connectFeed(nodeA.url, { token: 'read-token-team', room: 'team', lastSeq: 990 });
    await waitFor(() => feed.events.length === 11, { what: 'tail replay on A' });
    expect(feed.events.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => 991 + i));
    feed.close();
  });
});
