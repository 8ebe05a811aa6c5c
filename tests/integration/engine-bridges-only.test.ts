/**
 * The bridges-only live room on a real headless engine (child process, real SQLite, stock socket.io
 * seat): `--bridges-only` connects no gateway and runs no simulator, so a running session hears nothing
 * but what a bridge posts, counted once; the choice made at run time (seat command `gateway.configure`)
 * switches to the demo room and back like any room and survives a restart with no flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo, StatusResponse } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { waitFor } from '../harness/process';
import { seat } from '../harness/seat-client';

let engine: EngineProcess;
let host: ReturnType<typeof seat>;
let bridgeToken = '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const chatOf = (id: string, text: string) => ({ id, platform: 'xhs', occurredAt: null, kind: 'chat', data: { text } });

async function post(events: unknown[]): Promise<{ status: number; json: unknown }> {
  const res = await engine.api('/bridge/events', {
    method: 'POST',
    token: bridgeToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  return { status: res.status, json: await res.json() };
}

async function chatInStats(sessionId: string): Promise<number> {
  const res = await engine.api(`/sessions/${sessionId}/stats`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { minutes: { chat: number }[] };
  return body.minutes.reduce((n, m) => n + m.chat, 0);
}

async function startSession(title: string): Promise<SessionInfo> {
  const res = await engine.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { session: SessionInfo }).session;
}

async function stopSession(): Promise<void> {
  expect((await engine.api('/sessions/stop', { method: 'POST', body: '{}' })).status).toBe(200);
}

beforeAll(async () => {
  engine = await startEngineProcess({ args: ['--bridges-only'] });
  host = seat(engine.url, engine.controlToken);
  const res = await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'bridge' }) });
  expect(res.status).toBe(201);
  bridgeToken = ((await res.json()) as { token: string }).token;
}, 90_000);

afterAll(async () => {
  host?.socket.close();
  await engine?.dispose();
});

describe('a headless engine started --bridges-only', () => {
  it('names no gateway, connects none and loads no demo catalogue', async () => {
    expect(engine.gateway).toBe('local');
    const status = (await (await engine.api('/status')).json()) as StatusResponse;
    expect(status.gateway).toEqual({ connected: false, lastSeq: 0 });
    const products = (await (await engine.api('/products')).json()) as { products: unknown[] };
    expect(products.products).toEqual([]);
    await waitFor(() => host.view.state, { what: 'the seat snapshot' });
    expect(host.view.state?.gateway).toMatchObject({ status: 'local', source: 'local', room: 'local' });
    expect(host.view.state?.sources.map((s) => s.id)).not.toContain('gateway');
  });

  it('hears nothing in 3 s of a running session but a bridge post, counted once', async () => {
    const session = await startSession('本机桥接场');
    expect(session).toMatchObject({ room: 'local', rehearsal: false });
    await sleep(3_000);
    expect(host.view.chat).toBe(0);
    expect(await chatInStats(session.id)).toBe(0);

    expect(await post([chatOf('b-1', '3号有S码吗')])).toEqual({ status: 200, json: { accepted: 1, duplicates: 0 } });
    expect(await post([chatOf('b-1', '3号有S码吗')])).toEqual({ status: 200, json: { accepted: 0, duplicates: 1 } });
    await waitFor(() => host.view.chat === 1, { what: 'the bridge comment in the feed' });
    expect(host.view.chatIds).toEqual(['b-1']);
    expect(await chatInStats(session.id)).toBe(1);
    await sleep(1_000);
    expect(host.view.chat).toBe(1);
    await stopSession();
    expect(await chatInStats(session.id)).toBe(1);
  });

  it('switches to the demo room and back at run time: the simulator starts, then stops for good', async () => {
    const demo = (await host.call('gateway.configure', { kind: 'demo', speed: 100 })) as { ok: boolean };
    expect(demo).toMatchObject({ ok: true, result: { source: 'demo', room: 'demo' } });
    await waitFor(() => host.view.chat > 1, { what: 'simulated chat from the demo room' });
    // Back by the control API, as a script or a macro key would: PUT /gateway runs the same command.
    const assistant = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'assistant' }) })
    ).json()) as { token: string };
    const put = (body: unknown, token?: string) =>
      engine.api('/gateway', { method: 'PUT', body: JSON.stringify(body), ...(token ? { token } : {}) });
    expect((await put({ kind: 'local' }, assistant.token)).status).toBe(403);
    const bad = await put({ kind: 'remote', url: 'not a url' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toMatch(/^(url|room|token)$/);
    expect(host.view.state?.gateway.source).toBe('demo');
    const local = await put({ kind: 'local' });
    expect(local.status).toBe(200);
    expect(await local.json()).toEqual({ gateway: { source: 'local', room: 'local' } });
    await waitFor(() => host.view.state?.gateway.status === 'local', { what: 'the bridges-only state' });
    // What was in flight when the link closed may still land within a feed flush; then nothing more.
    await sleep(500);
    const heard = host.view.chat;
    await sleep(2_000);
    expect(host.view.chat).toBe(heard);
    expect(host.view.state?.sources.map((s) => s.id)).not.toContain('gateway');
    // A session started now is in the bridges-only room, not a rehearsal.
    const session = await startSession('切换后');
    expect(session).toMatchObject({ room: 'local', rehearsal: false });
    await stopSession();
  });

  it('keeps bridges only across a restart with no flag, and never counts an acknowledged event twice', async () => {
    await engine.stop();
    const again = await startEngineProcess({ dataDir: engine.dataDir, port: engine.port });
    const first = engine;
    engine = again;
    try {
      expect(engine.gateway).toBe('local');
      const session = await startSession('重启后');
      expect(session).toMatchObject({ room: 'local', rehearsal: false });
      expect(await post([chatOf('b-1', '3号有S码吗')])).toEqual({ status: 200, json: { accepted: 0, duplicates: 1 } });
      expect(await post([chatOf('b-2', '链接在哪')])).toEqual({ status: 200, json: { accepted: 1, duplicates: 0 } });
      await sleep(3_000);
      expect(await chatInStats(session.id)).toBe(1);
    } finally {
      engine = first;
      await again.stop();
    }
  });
});
