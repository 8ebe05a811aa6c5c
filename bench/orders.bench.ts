/**
 * Order detail benchmark: a 抖店 paid-order push is acknowledged after it is queued for its detail (the
 * detail is fetched afterwards from a FAKE order API), so the platform's wait should stay close to a push
 * committed straight to the store. Measured: ack latency p50 of signed paid pushes, one at a time, for a
 * room with `orderApi` vs the same room without it (baseline, same run). Context: p99 of both, and the time
 * from the first push to the last enriched order on the feed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Gateway, startGateway } from '../gateway/gateway';
import { doudianDetailText } from '../gateway/orders/samples.test-helpers';
import { FakeDoudian } from '../tests/harness/fake-order-apis';
import { connectFeed } from '../tests/harness/gateway';
import { DOUDIAN_CREDS, doudianPaid, doudianPush, postDoudian } from '../tests/harness/platforms';
import { type BenchResult, percentile } from './types';

const SHOP = '4463798';

async function acks(gw: Gateway, room: string, orderIds: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const id of orderIds) {
    const body = doudianPush([doudianPaid(id, 9900)]);
    const t0 = performance.now();
    const res = await postDoudian(gw.url, room, body);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`push answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

export default async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const n = quick ? 50 : 300;
  const dir = mkdtempSync(join(tmpdir(), 'maishou-bench-orders-'));
  const fake = await new FakeDoudian(DOUDIAN_CREDS.appKey, DOUDIAN_CREDS.appSecret, SHOP).start();
  const ids = (prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
  const enrichedIds = ids('69175432109870');
  for (const id of enrichedIds)
    fake.orders.set(id, doudianDetailText(id, 9900, [{ code: 'SKU-A', qty: 1, paid: 9900 }]));
  const gw = await startGateway({
    dataDir: dir,
    rooms: [
      {
        id: 'plain',
        readTokens: ['read-plain'],
        doudian: DOUDIAN_CREDS,
        rateLimit: { requestsPerSecond: 1e5, burst: 1e5 },
      },
      {
        id: 'detail',
        readTokens: ['read-detail'],
        doudian: {
          ...DOUDIAN_CREDS,
          orderApi: { shopId: SHOP, baseUrl: fake.url, requestsPerSecond: 1000, burst: 1000 },
        },
        rateLimit: { requestsPerSecond: 1e5, burst: 1e5 },
      },
    ],
  });
  try {
    await acks(gw, 'plain', ids('69175432109871').slice(0, 20)); // warm-up
    const base = await acks(gw, 'plain', ids('69175432109872'));
    const feed = connectFeed(gw.url, { token: 'read-detail', room: 'detail', lastSeq: 0 });
    const start = performance.now();
    const queued = await acks(gw, 'detail', enrichedIds);
    while (feed.events.length < n) await new Promise((r) => setTimeout(r, 5));
    const allEnriched = performance.now() - start;
    feed.close();
    return [
      {
        name: '抖店 paid push ack with order detail queued (p50)',
        value: percentile(queued, 50),
        baseline: percentile(base, 50),
        unit: 'ms',
        better: 'lower',
        baselineName: 'the same push committed straight to the store',
        context: {
          pushes: n,
          p99: percentile(queued, 99),
          baselineP99: percentile(base, 99),
          lastEnrichedAfterMs: Math.round(allEnriched),
        },
      },
    ];
  } finally {
    await gw.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
