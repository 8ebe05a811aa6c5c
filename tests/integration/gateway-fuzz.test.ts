/**
 * Bad input fuzzing over real HTTP: random bodies (signed, so they reach the parser and validator),
 * mutated valid batches, and random platform pushes never crash the gateway (no 5xx, it keeps answering)
 * and never change state unless the answer is 200.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { chatEvent, connectFeed, newSecret, paidEvent, postSigned } from '../harness/gateway';
import { DOUDIAN_CREDS, postDoudian, WECHAT_CREDS, wechatPush } from '../harness/platforms';
import { waitFor } from '../harness/process';

const secret = newSecret();
let dir: string;
let gw: Gateway;
let head = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
  gw = await startGateway({
    dataDir: dir,
    rooms: [
      {
        id: 'fz',
        secrets: [secret],
        readTokens: ['read-token-fz'],
        doudian: DOUDIAN_CREDS,
        wechatShop: WECHAT_CREDS,
        rateLimit: { requestsPerSecond: 100_000, burst: 100_000 },
      },
    ],
  });
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

const track = (status: number, json: unknown) => {
  expect(status).toBeLessThan(500);
  if (status === 200 && typeof json === 'object' && json && 'accepted' in json) {
    head += (json as { accepted: number }).accepted;
  } else {
    expect([200, 400, 401, 413]).toContain(status);
  }
};

// A valid batch with one field replaced by an arbitrary JSON value.
const mutatedBatch = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.constantFrom('id', 'platform', 'occurredAt', 'kind', 'data', 'actor', 'data.text', 'data.total', 'data.items'),
    fc.jsonValue(),
  )
  .map(([n, field, value]) => {
    const events: Record<string, unknown>[] = [
      chatEvent(n, 'fz') as unknown as Record<string, unknown>,
      paidEvent(`fz-${n}`, 100) as unknown as Record<string, unknown>,
    ];
    const target = events[n % 2];
    const [a, b] = field.split('.');
    if (b) (target[a] as Record<string, unknown>)[b] = value;
    else target[a] = value;
    return JSON.stringify(events);
  });

describe('fuzzing ingestion', () => {
  it('random and mutated bodies on the Standard Webhooks route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 }), mutatedBatch),
        async (body) => {
          const res = await postSigned(gw.url, 'fz', body, { secret });
          track(res.status, res.json);
        },
      ),
      { numRuns: 150, seed: 20251125 },
    );
    // State changed by exactly what was acknowledged: the next event gets the next seq.
    const probe = await postSigned(gw.url, 'fz', [chatEvent(1, 'probe')], { secret });
    expect(probe.json).toMatchObject({ accepted: 1, firstSeq: head + 1 });
    head += 1;
  });

  it('random headers never pass the signature check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), async (signature, id) => {
        const res = await postSigned(gw.url, 'fz', [chatEvent(1, 'never')], { secret, signature, id: id || 'x' });
        expect(res.status).toBe(401);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('random 抖店 messages (correctly signed) and random 微信小店 messages (correctly sealed)', async () => {
    const record = fc.record({
      tag: fc.constantFrom('100', '101', '206', '0', 'x'),
      msg_id: fc.string({ maxLength: 20 }),
      data: fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.json({ maxDepth: 2 }),
        fc
          .record({
            p_id: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), fc.string({ maxLength: 5 })),
            pay_amount: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 })),
            refund_amount: fc.integer({ min: -5, max: 100_000 }),
            aftersale_id: fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String),
          })
          .map((d) => JSON.stringify(d).replace(/"p_id":"(\d+)"/, '"p_id":$1')),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(record, { maxLength: 4 }), fc.jsonValue()), async (push) => {
        const body = Buffer.from(JSON.stringify(push));
        const res = await postDoudian(gw.url, 'fz', body);
        const json = await res.json();
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) expect(json).toHaveProperty('error.code');
      }),
      { numRuns: 100, seed: 99 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 })), async (message) => {
        const push = wechatPush(message);
        const res = await fetch(`${gw.url}/v1/ingest/wechat-shop/fz?${new URLSearchParams(push.query)}`, {
          method: 'POST',
          body: push.body,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 80, seed: 5 },
    );
  });

  it('after all of it, the room holds exactly what was acknowledged and still takes events', async () => {
    const feed = connectFeed(gw.url, { token: 'read-token-fz', room: 'fz', lastSeq: 0 });
    const res = await postSigned(gw.url, 'fz', [chatEvent(1, 'after-fuzz')], { secret });
    expect(res.status).toBe(200);
    const after = res.json as { firstSeq: number };
    // Platform pushes may legitimately have added orders; everything else added exactly what was acknowledged.
    expect(after.firstSeq).toBeGreaterThanOrEqual(head + 1);
    await waitFor(() => feed.events.length === after.firstSeq, { what: 'full replay' });
    expect(feed.events.map((e) => e.seq)).toEqual(Array.from({ length: after.firstSeq }, (_, i) => i + 1));
    feed.close();
  });
});
