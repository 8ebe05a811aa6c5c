/**
 * 抖音 pushes against the store: the platform drops a push not answered within 2 s, so a slow store must be
 * answered (503, nothing acknowledged that is not durable) before that, never waited on; what was refused
 * and redelivered later counts once. Slow stores are real: a write lock on the SQLite file held by another
 * process, and a Redis whose answers are held back by a paused TCP proxy. A redelivery after the standalone
 * gateway was SIGKILLed (SQLite) is still counted once, and no data secret reaches its logs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { connectFeed, startGatewayCli } from '../harness/gateway';
import { DOUYIN_LIVE, douyinComment, douyinPush, postDouyin } from '../harness/platforms';
import { waitFor } from '../harness/process';
import { startRedis } from '../harness/redis';
import { startTcpProxy } from '../harness/tcp-proxy';

/** What the platform allows before it gives up on a push. */
const PLATFORM_DEADLINE_MS = 2000;
const ROOM = { id: 'dy', readTokens: ['read-token-dy'], douyinLive: DOUYIN_LIVE };
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fullPush = (prefix: string) =>
  Array.from({ length: 500 }, (_, i) => douyinComment(`${prefix}-${i}`, `第${i}条 3号有S码吗`, `sec_${i % 40}`));

/** Every id on the room's feed once, from seq 1 without a gap. */
async function expectOnce(url: string, ids: string[]) {
  const feed = connectFeed(url, { token: 'read-token-dy', room: 'dy', lastSeq: 0 });
  cleanups.push(() => feed.close());
  await waitFor(() => feed.events.length >= ids.length, { what: `${ids.length} events`, timeoutMs: 20_000 });
  await new Promise((r) => setTimeout(r, 300));
  expect(feed.events.map((e) => e.seq)).toEqual(ids.map((_, i) => i + 1));
  expect(feed.events.map((e) => e.id).sort()).toEqual([...ids].sort());
}

/**
 * Refused while the store is slow, answered in time; redelivered once it is back: each message stored once
 * (the refused commit may still land late, then the redelivery is all duplicates).
 */
async function slowStoreRound(gw: Gateway, slow: () => Promise<void> | void, recover: () => Promise<void> | void) {
  const before = fullPush('before');
  expect((await postDouyin(gw.url, 'dy', douyinPush('live_comment', before))).json).toMatchObject({ accepted: 500 });
  await slow();
  const during = fullPush('during');
  const refused = await postDouyin(gw.url, 'dy', douyinPush('live_comment', during), {
    deadlineMs: PLATFORM_DEADLINE_MS,
  });
  expect(refused.status).toBe(503);
  expect(refused.json.error?.code).toBe('store_unavailable');
  await recover();
  // The store may take a moment to be usable again (Redis reconnecting): the redelivery is retried.
  let redelivered = await postDouyin(gw.url, 'dy', douyinPush('live_comment', during));
  await waitFor(
    async () => {
      if (redelivered.status !== 200) redelivered = await postDouyin(gw.url, 'dy', douyinPush('live_comment', during));
      return redelivered.status === 200;
    },
    { what: 'the redelivery taken', timeoutMs: 20_000 },
  );
  const { accepted, duplicates } = redelivered.json as { accepted: number; duplicates: number };
  expect(accepted + duplicates).toBe(500);
  await expectOnce(
    gw.url,
    [...before, ...during].map((m) => `douyin:chat:${m.msg_id}`),
  );
}

describe('抖音 pushes under a slow store', () => {
  it('SQLite locked by another process: answered 503 in time, never blocking; the redelivery counts once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maishou-gw-dy-lock-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const gw = await startGateway({ dataDir: dir, rooms: [ROOM] });
    cleanups.push(() => gw.close());
    let holder: ReturnType<typeof spawn> | null = null;
    await slowStoreRound(
      gw,
      async () => {
        // Another process (a backup script, sqlite3 opened on the file) holds the write lock for 4 s.
        const script = `const { DatabaseSync } = require('node:sqlite');
          const db = new DatabaseSync(${JSON.stringify(join(dir, 'gateway.sqlite'))});
          db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
          setTimeout(() => { db.exec('COMMIT'); db.close(); }, 4000);`;
        const child = spawn(process.execPath, ['--no-warnings', '-e', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        holder = child;
        await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
      },
      async () => {
        await new Promise((r) => holder?.once('exit', r));
      },
    );
  });

  it('Redis that stops answering: answered 503 in time; the late commit and the redelivery count once', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const proxy = await startTcpProxy(redis.port);
    cleanups.push(() => proxy.close());
    const gw = await startGateway({ redisUrl: `redis://127.0.0.1:${proxy.port}`, rooms: [ROOM] });
    cleanups.push(() => gw.close());
    await slowStoreRound(
      gw,
      () => proxy.pause(),
      () => proxy.unpause(),
    );
  });
});

describe('抖音 pushes across a gateway restart', () => {
  it('a gift redelivered after SIGKILL and restart (SQLite) is acknowledged and counted once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'maishou-gw-dy-restart-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const gift = {
      msg_id: 'gift-restart-1',
      sec_openid: 'sec_u9',
      sec_gift_id: 'rose',
      gift_num: 1,
      gift_value: 10,
      nickname: '糖糖',
      timestamp: Date.now(),
    };
    // Everything the gateway logs, down to debug, is kept to check that no data secret is in it.
    const level = process.env.MAISHOU_LOG_LEVEL;
    process.env.MAISHOU_LOG_LEVEL = 'debug';
    cleanups.push(() => {
      if (level === undefined) delete process.env.MAISHOU_LOG_LEVEL;
      else process.env.MAISHOU_LOG_LEVEL = level;
    });
    const first = await startGatewayCli(root, ROOM);
    cleanups.push(() => first.process.stop());
    expect((await postDouyin(first.url, 'dy', douyinPush('live_gift', [gift]))).json).toMatchObject({ accepted: 1 });
    await first.process.kill();
    const second = await startGatewayCli(root, ROOM);
    cleanups.push(() => second.process.stop());
    // 抖音's 回查 of failed gifts, or its own redelivery: the same msg_id in a new push.
    const again = await postDouyin(second.url, 'dy', douyinPush('live_gift', [gift], { nonce: 'after-restart' }));
    expect(again).toEqual({ status: 200, json: { accepted: 0, duplicates: 1, firstSeq: null, lastSeq: null } });
    const forged = await postDouyin(second.url, 'dy', douyinPush('live_gift', [gift], { secret: 'guess' }));
    expect(forged.status).toBe(401);
    await expectOnce(second.url, ['douyin:gift:gift-restart-1']);
    const logs = first.process.output() + second.process.output();
    expect(logs).toContain('gateway ready');
    for (const secret of Object.values(DOUYIN_LIVE.secrets)) expect(logs).not.toContain(secret);
  });
});
