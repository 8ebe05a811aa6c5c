/**
 * Floods: thousands of single-event commits in a burst reach every client complete and in order, in a few
 * array emits rather than one emit per event, and a client that joins mid-flood replays then follows.
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
