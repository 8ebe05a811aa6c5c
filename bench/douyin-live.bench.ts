/**
 * 抖音 live push ingestion: time to acknowledge a push of 500 comments (the largest taken; the platform drops
 * a push not answered within 2 s) through `/v1/ingest/douyin-live/{room}` (md5 signature, lossless JSON,
 * mapping, SQLite FULL commit), against the same 500 events posted as one Standard Webhooks batch to
 * `/v1/rooms/{room}/events` (HMAC-SHA256, zod validation, the same commit) on the same gateway in the same
 * run. Pushes are sequential, alternating the two paths so both see the same machine load. Ratio: p99 of
 * 抖音 acks / p99 of Standard Webhooks acks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapDouyinPush } from '../gateway/adapters/douyin-live';
import { startGateway } from '../gateway/gateway';
import { newSecret, postSigned } from '../tests/harness/gateway';
import { DOUYIN_LIVE, douyinComment, douyinPush, postDouyin } from '../tests/harness/platforms';
import { type BenchResult, percentile } from './types';

const PUSH = 500;

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const rounds = quick ? 20 : 100;
  const dir = mkdtempSync(join(tmpdir(), 'maishou-bench-douyin-'));
  const secret = newSecret();
  const gw = await startGateway({
    dataDir: dir,
    rooms: [
      {
        id: 'bench',
        secrets: [secret],
        readTokens: ['bench-read-token'],
        douyinLive: DOUYIN_LIVE,
        rateLimit: { requestsPerSecond: 100_000, burst: 100_000 },
      },
    ],
  });
  const douyin: number[] = [];
  const standard: number[] = [];
  let failures = 0;
  try {
    for (let r = -3; r < rounds; r++) {
      // The same 500 comments both ways (fresh ids per round, so every push is new work, not duplicates).
      const messages = Array.from({ length: PUSH }, (_, i) =>
        douyinComment(`r${r}-${i}`, `第${i}条 3号有S码吗`, `u${i % 40}`),
      );
      const push = douyinPush('live_comment', messages);
      const events = mapDouyinPush('live_comment', push.body, DOUYIN_LIVE, Date.now()).map((e) => ({
        ...e,
        id: `sw:${e.id}`,
      }));
      let at = performance.now();
      const a = await postDouyin(gw.url, 'bench', push);
      const douyinMs = performance.now() - at;
      at = performance.now();
      const b = await postSigned(gw.url, 'bench', events, { secret });
      const standardMs = performance.now() - at;
      if (a.status !== 200 || b.status !== 200) failures++;
      if (r < 0) continue; // warm-up
      douyin.push(douyinMs);
      standard.push(standardMs);
    }
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      name: `抖音 live push ack latency p99: ${PUSH} comments per push (signed, mapped, durable)`,
      value: Number(percentile(douyin, 99).toFixed(2)),
      baseline: Number(percentile(standard, 99).toFixed(2)),
      unit: 'ms',
      better: 'lower',
      baselineName: `Standard Webhooks batch of the same ${PUSH} events`,
      context: {
        p50: Number(percentile(douyin, 50).toFixed(2)),
        baselineP50: Number(percentile(standard, 50).toFixed(2)),
        max: Number(Math.max(...douyin).toFixed(2)),
        platformDeadlineMs: 2000,
        rounds,
        failures,
      },
    },
  ];
}
