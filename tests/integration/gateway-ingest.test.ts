/**
 * PROTOCOL.md B over real HTTP against a real SQLite file: every status code with its reason, signature
 * rotation and window, whole-batch rejection that changes nothing, dedupe across a restart, the 1 MiB limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { signStandardWebhook } from '../../gateway/signature/standard-webhooks';
import { chatEvent, connectFeed, newSecret, paidEvent, postSigned } from '../harness/gateway';
import { waitFor } from '../harness/process';

const secretA = newSecret();
const secretB = newSecret();
const rooms = [
  {
    id: 'r1',
    secrets: [secretA, secretB],
    readTokens: ['read-token-r1'],
    rateLimit: { requestsPerSecond: 1, burst: 3 },
  },
  { id: 'r2', secrets: [secretA], readTokens: ['read-token-r2'] },
];

let dir: string;
let gw: Gateway;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
  gw = await startGateway({ dataDir: dir, rooms });
});
afterEach(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

const errorOf = (json: unknown) => (json as { error: { code: string; message: string; path?: string } }).error;

describe('POST /v1/rooms/{room}/events', () => {
  it('200: acknowledges new events with their seq range, then duplicates without new seqs', async () => {
    const first = await postSigned(
      gw.url,
      'r2',
      [chatEvent(1), chatEvent(2), paidEvent('6917000000000000001', 29900)],
      {
        secret: secretA,
      },
    );
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 3, duplicates: 0, firstSeq: 1, lastSeq: 3 });
    const again = await postSigned(gw.url, 'r2', [chatEvent(2), chatEvent(3), chatEvent(3)], { secret: secretA });
    expect(again.json).toEqual({ accepted: 1, duplicates: 2, firstSeq: 4, lastSeq: 4 });
    const none = await postSigned(gw.url, 'r2', [chatEvent(1)], { secret: secretA });
    expect(none.json).toEqual({ accepted: 0, duplicates: 1, firstSeq: null, lastSeq: null });
  });

  it('accepts either active secret (rotation) and any one valid signature among several', async () => {
    const withB = await postSigned(gw.url, 'r1', [chatEvent(1)], { secret: secretB });
    expect(withB.status).toBe(200);
    const raw = JSON.stringify([chatEvent(2)]);
    const ts = Math.floor(Date.now() / 1000);
    const good = signStandardWebhook(secretA, 'msg_multi', ts, raw);
    const res = await postSigned(gw.url, 'r1', raw, {
      secret: secretA,
      id: 'msg_multi',
      timestamp: ts,
      signature: `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${good}`,
    });
    expect(res.status).toBe(200);
  });

  it('401 for a missing, wrong or stale signature, and for a secret of another room; nothing is stored', async () => {
    const body = [chatEvent(1)];
    const wrong = await postSigned(gw.url, 'r2', body, { secret: secretB });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json).code).toBe('bad_signature');
    const stale = await postSigned(gw.url, 'r2', body, {
      secret: secretA,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    expect(errorOf(stale.json).code).toBe('stale_timestamp');
    const future = await postSigned(gw.url, 'r2', body, {
      secret: secretA,
      timestamp: Math.floor(Date.now() / 1000) + 400,
    });
    expect(errorOf(future.json).code).toBe('stale_timestamp');
    const missing = await fetch(`${gw.url}/v1/rooms/r2/events`, { method: 'POST', body: JSON.stringify(body) });
    expect(missing.status).toBe(401);
    expect(errorOf(await missing.json()).code).toBe('missing_signature');
    // A body changed after signing (one character) fails: verification is over the raw bytes.
    const raw = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    const sig = signStandardWebhook(secretA, 'msg_t', ts, raw);
    const tampered = await postSigned(gw.url, 'r2', raw.replace('S码', 'M码'), {
      secret: secretA,
      id: 'msg_t',
      timestamp: ts,
      signature: sig,
    });
    expect(tampered.status).toBe(401);
    const ok = await postSigned(gw.url, 'r2', body, { secret: secretA });
    expect(ok.json).toMatchObject({ accepted: 1, firstSeq: 1 });
  });

  it('400 for invalid JSON and for an invalid event, with the path; the whole batch is rejected', async () => {
    const bad = await postSigned(gw.url, 'r2', '[{"id": "x",', { secret: secretA });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.json).code).toBe('invalid_json');
    const events: unknown[] = [chatEvent(1), chatEvent(2), chatEvent(3), paidEvent('o-1', 100)];
    (events[3] as { data: { total: { amount: number } } }).data.total.amount = 1.5;
    const invalid = await postSigned(gw.url, 'r2', events, { secret: secretA });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid.json)).toMatchObject({ code: 'invalid_event', path: '[3].data.total.amount' });
    const unknownKind = await postSigned(gw.url, 'r2', [{ ...chatEvent(9), kind: 'follow' }], { secret: secretA });
    expect(unknownKind.status).toBe(400);
    expect(errorOf(unknownKind.json).path).toBe('[0].kind');
    const empty = await postSigned(gw.url, 'r2', [], { secret: secretA });
    expect(empty.status).toBe(400);
    const tooMany = await postSigned(
      gw.url,
      'r2',
      Array.from({ length: 501 }, (_, i) => chatEvent(i)),
      { secret: secretA },
    );
    expect(tooMany.status).toBe(400);
    // Nothing of the rejected batches was stored: the same events are new and start at seq 1.
    const ok = await postSigned(gw.url, 'r2', events.slice(0, 3), { secret: secretA });
    expect(ok.json).toEqual({ accepted: 3, duplicates: 0, firstSeq: 1, lastSeq: 3 });
  });

  it('404 for an unknown room, 413 over 1 MiB (declared or streamed), 429 over the rate', async () => {
    const unknown = await postSigned(gw.url, 'nope', [chatEvent(1)], { secret: secretA });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.json).code).toBe('unknown_room');

    const big = `[${JSON.stringify(chatEvent(1))},"${'x'.repeat(1024 * 1024)}"]`;
    const declared = await postSigned(gw.url, 'r2', big, { secret: secretA });
    expect(declared.status).toBe(413);
    expect(errorOf(declared.json).code).toBe('body_too_large');
    // Chunked (no Content-Length): cut off while streaming.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${gw.url}/v1/rooms/r2/events`, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(streamed.status).toBe(413);
    expect(errorOf(JSON.parse(streamed.body)).code).toBe('body_too_large');
    // Exactly at the limit is fine as far as size goes (then rejected for its content).
    const atLimit = await postSigned(gw.url, 'r2', ' '.repeat(1024 * 1024), { secret: secretA });
    expect(atLimit.status).toBe(400);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await postSigned(gw.url, 'r1', [chatEvent(100 + i)], { secret: secretA })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses).toContain(429);
    const limited = await postSigned(gw.url, 'r1', [chatEvent(200)], { secret: secretA });
    expect(limited.status).toBe(429);
    expect(errorOf(limited.json).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('remembers ids and seq across a restart on the same data folder', async () => {
    await postSigned(gw.url, 'r2', [chatEvent(1), chatEvent(2)], { secret: secretA });
    await gw.close();
    gw = await startGateway({ dataDir: dir, rooms });
    const again = await postSigned(gw.url, 'r2', [chatEvent(2), chatEvent(3)], { secret: secretA });
    expect(again.json).toEqual({ accepted: 1, duplicates: 1, firstSeq: 3, lastSeq: 3 });
    const feed = connectFeed(gw.url, { token: 'read-token-r2', room: 'r2', lastSeq: 0 });
    await waitFor(() => feed.events.length === 3, { what: 'replay of 3 events' });
    expect(feed.events.map((e) => [e.seq, e.id])).toEqual([
      [1, 'e-1'],
      [2, 'e-2'],
      [3, 'e-3'],
    ]);
    feed.close();
  });
});
