/**
 * Floods: thousands of single-event commits in a burst reach every client complete and in order, in a few
 * array emits rather than one emit per event, and a client that joins mid-flood replays then follows.
 * Live pace: commits of one turn go out as one emit at once; only past the burst credit does the throttle hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import { chatEvent, connectFeed } from '../harness/gateway';
import { waitFor } from '../harness/process';

let dir: string;
let gw: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
  gw = await startGateway({ dataDir: dir, rooms: [{ id: 'flood', readTokens: ['read-token-flood'] }] });
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chat flood', () => {
  it('5,000 single-event commits arrive complete, in order, in batched emits', async () => {
    const early = connectFeed(gw.url, { token: 'read-token-flood', room: 'flood', lastSeq: 0 });
    await new Promise<void>((r) => early.socket.once('connect', () => r()));
    const commits: Promise<unknown>[] = [];
    let late: ReturnType<typeof connectFeed> | null = null;
    for (let i = 1; i <= 5000; i++) {
      commits.push(gw.ingest('flood', [chatEvent(i)]));
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
      if (i === 2500) late = connectFeed(gw.url, { token: 'read-token-flood', room: 'flood', lastSeq: 0 });
    }
    await Promise.all(commits);
    await waitFor(() => early.events.length === 5000 && late?.events.length === 5000, { what: 'both clients' });
    for (const client of [early, late!]) {
      expect(client.events.map((e) => e.seq)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
      expect(client.emits).toBeLessThan(250);
      client.close();
    }
  });
});

describe('slow reader', () => {
  it('a client that stops reading during a flood holds nobody back and gets everything, in order, after', async () => {
    const { startTcpProxy } = await import('../harness/tcp-proxy');
    const proxy = await startTcpProxy(gw.port);
    const base = (await gw.ingest('flood', [chatEvent(0, 'probe')])).lastSeq ?? 0;
    const slow = connectFeed(proxy.url, { token: 'read-token-flood', room: 'flood', lastSeq: base });
    await new Promise<void>((r) => slow.socket.io.once('open', () => r()));
    const fast = connectFeed(gw.url, { token: 'read-token-flood', room: 'flood', lastSeq: base });
    // A stock client starts on long-polling; this case is about a stalled WebSocket reader, so let it upgrade.
    await new Promise<void>((r) => slow.socket.io.engine.once('upgrade', () => r()));
    proxy.pause();
    for (let i = 0; i < 40; i++) {
      await gw.ingest(
        'flood',
        Array.from({ length: 500 }, (_, k) => chatEvent(i * 500 + k, 'slow')),
      );
    }
    // The fast client is not held back by the stalled one.
    await waitFor(() => fast.events.length === 20_000, { what: 'fast client' });
    proxy.unpause();
    await waitFor(() => slow.events.length === 20_000, { timeoutMs: 30_000, what: 'slow client after resuming' });
    expect(slow.events.map((e) => e.seq)).toEqual(Array.from({ length: 20_000 }, (_, i) => base + 1 + i));
    slow.close();
    fast.close();
    await proxy.close();
  });
});

describe('live pace', () => {
  it('sends each commit at once up to the burst, one emit per turn, and holds only a flood for the throttle', async () => {
    const paceDir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
    // A throttle interval far longer than the commits below take: what it holds arrives as one emit, and
    // a commit it held would miss the 4 s allowed to an unthrottled one (only a bound, never a speed).
    const paced = await startGateway({
      dataDir: paceDir,
      flushMs: 8_000,
      rooms: [{ id: 'pace', readTokens: ['read-token-pace'] }],
    });
    const client = connectFeed(paced.url, { token: 'read-token-pace', room: 'pace', lastSeq: 0 });
    const sizes: number[] = [];
    client.socket.on('events', (batch: unknown[]) => sizes.push(batch.length));
    try {
      await new Promise<void>((r) => client.socket.once('head', () => r()));
      // Three batches handed in during one turn: one group commit, one emit.
      await Promise.all([1, 2, 3].map((i) => paced.ingest('pace', [chatEvent(i, 'pace')])));
      await waitFor(() => client.events.length === 3, { timeoutMs: 4_000, what: 'the first turn' });
      // Three more single commits, each in its own turn, each delivered before the next is sent: the burst.
      for (let i = 4; i <= 6; i++) {
        await paced.ingest('pace', [chatEvent(i, 'pace')]);
        await waitFor(() => client.events.length === i, { timeoutMs: 4_000, what: `commit ${i}, unthrottled` });
      }
      // The burst is used up: the next eight wait for the throttle and go out together.
      for (let i = 7; i <= 14; i++) await paced.ingest('pace', [chatEvent(i, 'pace')]);
      await waitFor(() => client.events.length === 14, { timeoutMs: 20_000, what: 'the held flood' });
      expect(sizes).toEqual([3, 1, 1, 1, 8]);
      expect(client.events.map((e) => e.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    } finally {
      client.close();
      await paced.close();
      rmSync(paceDir, { recursive: true, force: true });
    }
  });
});
