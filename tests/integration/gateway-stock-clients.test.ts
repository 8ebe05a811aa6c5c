/**
 * PROTOCOL C with the clients people actually have: curl, a hand-made long-polling session, and
 * `socket.io-client` with its stock options (long-polling first, then the upgrade), against the standalone
 * gateway as a real process. No request, authenticated or not, may take it down (issue 14, item 1: one
 * `curl /socket.io/?EIO=4&transport=polling` used to kill it with ERR_HTTP_HEADERS_SENT).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/events';
import { REPO_ROOT } from '../harness/engine';
import { HOSTILE_ENGINE_IO_REQUESTS, openPolling, packetsOf, pollingSession, rawHttp } from '../harness/engine-io';
import { chatEvent, connectFeed, connectOutcome, newSecret, postSigned } from '../harness/gateway';
import { readyLine, spawnTracked, type Tracked, waitFor } from '../harness/process';

const secret = newSecret();
const TOKEN = 'read-token-r1';
let dir: string;
let child: Tracked;
let url: string;
let nextId = 1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-stock-'));
  const config = join(dir, 'gateway.json');
  writeFileSync(config, JSON.stringify({ rooms: [{ id: 'r1', secrets: [secret], readTokens: [TOKEN] }] }));
  child = spawnTracked(
    process.execPath,
    ['--import', 'tsx', 'gateway/cli.ts', '--config', config, '--port', '0', '--data-dir', join(dir, 'data')],
    { cwd: REPO_ROOT, env: { ...process.env, MAISHOU_LOG_LEVEL: 'warn' } },
  );
  ({ url } = await readyLine<{ ready: boolean; url: string }>(child));
});
afterAll(async () => {
  await child?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(n: number): Promise<void> {
  const events = Array.from({ length: n }, () => chatEvent(nextId++, 'stock'));
  const res = await postSigned(url, 'r1', events, { secret });
  expect(res.status).toBe(200);
}

/** The process is still running and still serving webhooks and the feed. */
async function expectAlive(): Promise<void> {
  expect(child.child.exitCode, child.output()).toBeNull();
  expect(child.child.signalCode).toBeNull();
  expect((await rawHttp(url, '/healthz')).status).toBe(200);
  await post(1);
  expect(child.output()).not.toMatch(/ERR_HTTP_HEADERS_SENT|Uncaught|TypeError/);
}

describe('raw HTTP to /socket.io/ (curl, scanners, half-written clients)', () => {
  it('answers the issue’s exact curl with an engine.io open packet, not a 404 and a crash', async () => {
    const res = await rawHttp(url, '/socket.io/?EIO=4&transport=polling');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^0\{"sid":"[^"]+"/);
    await expectAlive();
  });

  it('answers every malformed engine.io request with one response and keeps serving', async () => {
    for (const r of HOSTILE_ENGINE_IO_REQUESTS) {
      const res = await rawHttp(url, r.path, { method: r.method, body: r.body });
      expect(res.status, `${r.method ?? 'GET'} ${r.path.slice(0, 80)}`).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
    }
    // The webhook routes still belong to the webhook router.
    const notSocket = await rawHttp(url, '/socketio/?EIO=4&transport=polling');
    expect(notSocket.status).toBe(404);
    expect(JSON.parse(notSocket.body).error.code).toBe('not_found');
    await expectAlive();
  });

  it('a hand-driven long-polling session: refused with the error code without a token, fed with one', async () => {
    const stranger = pollingSession(url, await openPolling(url));
    expect((await stranger.send(`40/live,${JSON.stringify({ token: 'not-a-token', room: 'r1' })}`)).body).toBe('ok');
    const refusal = await stranger.until((p) => p.startsWith('44/live,'));
    expect(JSON.parse(refusal.slice('44/live,'.length))).toEqual({ message: 'bad_token' });
    // Garbage on an open session: engine.io closes that session, nothing else.
    const garbage = pollingSession(url, await openPolling(url));
    await garbage.send('4\u0000\u0001garbage', '99', '42/live,["command"');

    await post(2);
    const reader = pollingSession(url, await openPolling(url));
    await reader.send(`40/live,${JSON.stringify({ token: TOKEN, room: 'r1', lastSeq: 0 })}`);
    await reader.until((p) => p.startsWith('40/live,{"sid"'));
    const packet = await reader.until((p) => p.startsWith('42/live,["events"'));
    const [, events] = JSON.parse(packet.slice('42/live,'.length)) as [string, LiveEvent[]];
    expect(events[0].seq).toBe(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(packetsOf(packet).length).toBe(1);
    await expectAlive();
  });
});

describe('socket.io-client with stock options', () => {
  it('connects over long-polling, upgrades, and gets every event once in seq order', async () => {
    const client = connectFeed(url, { token: TOKEN, room: 'r1', lastSeq: 0 });
    const transports: string[] = [];
    const upgraded = new Promise<string>((resolve) =>
      client.socket.io.once('open', () => {
        transports.push(client.socket.io.engine.transport.name);
        client.socket.io.engine.once('upgrade', (t: { name: string }) => resolve(t.name));
      }),
    );
    await new Promise<void>((r) => client.socket.once('connect', () => r()));
    expect(transports).toEqual(['polling']);
    await post(50);
    expect(await upgraded).toBe('websocket');
    await post(50);
    await waitFor(() => client.events.length === nextId - 1, { what: 'every event' });
    expect(client.events.map((e) => e.seq)).toEqual(Array.from({ length: nextId - 1 }, (_, i) => i + 1));
    client.close();
    expect(await connectOutcome(url, { token: 'wrong-token', room: 'r1', lastSeq: 0 })).toBe('bad_token');
    await expectAlive();
  });

  it('a long-polling-only client (proxies that block WebSocket) misses nothing under a burst', async () => {
    const client = connectFeed(url, { token: TOKEN, room: 'r1', lastSeq: 0 }, { transports: ['polling'] });
    for (let i = 0; i < 20; i++) await post(25);
    await waitFor(() => client.events.length === nextId - 1, { what: 'every event over polling' });
    expect(client.socket.io.engine.transport.name).toBe('polling');
    expect(client.events.map((e) => e.seq)).toEqual(Array.from({ length: nextId - 1 }, (_, i) => i + 1));
    client.close();
    await expectAlive();
  });

  it('websocket-only (the one explicit case) still works', async () => {
    const client = connectFeed(url, { token: TOKEN, room: 'r1', lastSeq: nextId - 2 }, { transports: ['websocket'] });
    await waitFor(() => client.events.length === 1, { what: 'the last event' });
    expect(client.socket.io.engine.transport.name).toBe('websocket');
    expect(client.events[0].seq).toBe(nextId - 1);
    client.close();
    await expectAlive();
  });
});
