/**
 * The standalone gateway as a child process (`node --import tsx gateway/cli.ts`): what it acknowledged
 * survives SIGKILL and SIGTERM, seq continues where it stopped, and ids are still deduplicated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatEvent, connectFeed, newSecret, postSigned } from '../harness/gateway';
import { readyLine, spawnTracked, type Tracked, waitFor } from '../harness/process';

const root = resolve(import.meta.dirname, '../..');
const secret = newSecret();
let dir: string;
let config: string;
const children: Tracked[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
  config = join(dir, 'gateway.json');
  writeFileSync(config, JSON.stringify({ rooms: [{ id: 'r1', secrets: [secret], readTokens: ['read-token-r1'] }] }));
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startCli(): Promise<{ child: Tracked; url: string }> {
  const child = spawnTracked(
    process.execPath,
    ['--import', 'tsx', 'gateway/cli.ts', '--config', config, '--port', '0', '--data-dir', join(dir, 'data')],
    { cwd: root, env: { ...process.env, MAISHOU_LOG_LEVEL: 'warn' } },
  );
  children.push(child);
  const { url } = await readyLine<{ ready: boolean; url: string }>(child);
  return { child, url };
}

const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => chatEvent(from + i));

describe.each(['SIGKILL', 'SIGTERM'] as const)('gateway CLI stopped with %s', (signal) => {
  it('keeps every acknowledged event, its seq and its id across the restart', async () => {
    const first = await startCli();
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await postSigned(first.url, 'r1', batch(1 + i * 100, 100), { secret }));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    expect(acks[4].json).toMatchObject({ lastSeq: 500 });
    // One more batch in flight when the signal lands: if it was acknowledged, it must survive.
    const inflight = postSigned(first.url, 'r1', batch(501, 100), { secret }).catch(() => null);
    await new Promise((r) => setTimeout(r, 5));
    if (signal === 'SIGKILL') await first.child.kill();
    else await first.child.stop(10_000);
    const last = await inflight;
    const acknowledged = last?.status === 200 ? 600 : 500;

    const second = await startCli();
    const again = await postSigned(second.url, 'r1', [chatEvent(1), chatEvent(500), chatEvent(1000)], { secret });
    expect(again.status).toBe(200);
    const head = (again.json as { lastSeq: number }).lastSeq;
    expect(again.json).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(head).toBeGreaterThanOrEqual(acknowledged + 1);
    const feed = connectFeed(second.url, { token: 'read-token-r1', room: 'r1', lastSeq: 0 });
    await waitFor(() => feed.events.length === head, { what: `replay of ${head} events` });
    expect(feed.events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    expect(feed.events.slice(0, 500).map((e) => e.id)).toEqual(batch(1, 500).map((e) => e.id));
    expect(feed.events.at(-1)?.id).toBe('e-1000');
    feed.close();
    if (signal === 'SIGTERM') expect(await first.child.exited).toBe(0);
  });
});
