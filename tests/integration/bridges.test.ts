/**
 * Local bridges on a real headless engine (child process) linked to a real gateway: a script with a
 * bridge token posts events and sees them in the session's stats next to the gateway's; a redelivery
 * counts once, across an engine restart too; a bridge token can do nothing else; bad input changes
 * nothing. A Social Stream Ninja listener joins a FAKE relay (tests/harness/fake-ssn-relay.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import type { BridgeView, ChatItem, FeedBatch, SourceHealth, StudioState } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';
import type { InboundEvent } from '../../shared/events';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { type FakeSsnRelay, startFakeSsnRelay } from '../harness/fake-ssn-relay';
import { waitFor } from '../harness/process';

const ROOM = 'show';
const READ = 'read-token-show';
let gwDir: string;
let gw: Gateway;
let engine: EngineProcess;
let relay: FakeSsnRelay;
let bridgeToken = '';
let bridgeSeat = '';
let sessionId = '';

const now = () => Date.now();
const chat = (id: string, text: string): InboundEvent => ({
  id,
  platform: 'xhs',
  occurredAt: now(),
  actor: { id: `u-${id}`, name: '小鹿' },
  kind: 'chat',
  data: { text },
});
const paid = (orderId: string, amount: number): InboundEvent => ({
  id: `xhs:order.paid:${orderId}`,
  platform: 'xhs',
  occurredAt: now(),
  kind: 'order.paid',
  data: {
    orderId,
    items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: { amount, currency: 'CNY' } }],
    total: { amount, currency: 'CNY' },
    channel: 'live',
  },
});

/** What a user's script does: plain fetch with the bridge token. */
async function post(
  body: unknown,
  token = bridgeToken,
): Promise<{ status: number; json: { error: ErrorBody } & Record<string, unknown> }> {
  const res = await engine.api('/bridge/events', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error: ErrorBody } & Record<string, unknown> };
}

interface Stats {
  figures: { orders: number; paidGmv: { amount: number; currency: string } };
  minutes: { chat: number }[];
}
async function stats(id = sessionId): Promise<Stats> {
  const res = await engine.api(`/sessions/${id}/stats`);
  expect(res.status).toBe(200);
  return (await res.json()) as Stats;
}
const chatCount = (s: Stats): number => s.minutes.reduce((n, m) => n + m.chat, 0);

beforeAll(async () => {
  gwDir = mkdtempSync(join(tmpdir(), 'maishou-bridge-gw-'));
  gw = await startGateway({ dataDir: gwDir, rooms: [{ id: ROOM, readTokens: [READ] }] });
  relay = await startFakeSsnRelay();
  engine = await startEngineProcess({ args: ['--gateway', gw.url, '--room', ROOM, '--token', READ] });
}, 90_000);

afterAll(async () => {
  await engine?.dispose();
  await gw?.close();
  await relay?.close();
  rmSync(gwDir, { recursive: true, force: true });
});

describe('POST /bridge/events with a bridge token', () => {
  it('creates a bridge token like a seat, listed and revocable by the host', async () => {
    const res = await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'bridge' }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; url: string; seat: { id: string; role: string } };
    expect(body.seat.role).toBe('bridge');
    expect(body.url).toBe(`${engine.url}/api/v1/bridge/events`);
    bridgeToken = body.token;
    bridgeSeat = body.seat.id;
    const seats = (await (await engine.api('/seats')).json()) as { seats: { id: string; role: string }[] };
    expect(seats.seats.find((s) => s.id === bridgeSeat)?.role).toBe('bridge');
    const started = await engine.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title: '桥接场' }) });
    expect(started.status).toBe(200);
    sessionId = ((await started.json()) as { session: { id: string } }).session.id;
  });

  it('applies posted events into the running session next to the gateway link, once by id', async () => {
    const first = await post([chat('b-1', '3号有S码吗'), paid('bo-1', 19_900)]);
    expect(first).toEqual({ status: 200, json: { accepted: 2, duplicates: 0 } });
    // The gateway link delivers its own events at the same time.
    await gw.ingest(ROOM, [chat('g-1', '好看'), paid('go-1', 10_000)]);
    await waitFor(async () => (await stats()).figures.orders === 2, { what: 'both orders in the stats' });
    const redelivered = await post([chat('b-1', '3号有S码吗'), paid('bo-1', 19_900)]);
    expect(redelivered).toEqual({ status: 200, json: { accepted: 0, duplicates: 2 } });
    // An id the gateway already delivered is a duplicate by the bridge too.
    expect((await post([chat('g-1', '好看')])).json).toEqual({ accepted: 0, duplicates: 1 });
    const s = await stats();
    expect(s.figures.orders).toBe(2);
    expect(s.figures.paidGmv).toEqual({ amount: 29_900, currency: 'CNY' });
    expect(chatCount(s)).toBe(2);
  });

  it('shows chat from both sources in one list, each with its source, and the sources with their health', async () => {
    const socket = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
    const chats: ChatItem[] = [];
    let sources: SourceHealth[] = [];
    let snapshot = false;
    socket.on('feed', (b: FeedBatch) => chats.push(...b.chat));
    socket.on('snapshot', (s: { state: StudioState }) => {
      sources = s.state.sources;
      snapshot = true;
    });
    socket.on('patch', (p: Partial<StudioState>) => {
      if (p.sources) sources = p.sources;
    });
    try {
      // a stock client starts on long-polling: post once it is in (it then gets live feed batches)
      await waitFor(() => snapshot, { what: 'the seat snapshot' });
      await post([chat('b-2', '链接在哪')]);
      await gw.ingest(ROOM, [chat('g-2', '主播好')]);
      await waitFor(() => chats.some((c) => c.id === 'b-2') && chats.some((c) => c.id === 'g-2'));
      expect(chats.find((c) => c.id === 'b-2')?.source).toBe(`bridge:${bridgeSeat}`);
      expect(chats.find((c) => c.id === 'g-2')?.source).toBe('gateway');
      // The redelivered b-1 never shows twice.
      expect(chats.filter((c) => c.id === 'b-1').length).toBeLessThanOrEqual(1);
      await waitFor(() => sources.find((s) => s.id === `bridge:${bridgeSeat}`)?.connected);
      const gateway = sources.find((s) => s.id === 'gateway');
      expect(gateway).toMatchObject({ kind: 'gateway', connected: true, quiet: false });
      expect(gateway?.perMinute).toBeGreaterThanOrEqual(2);
      const bridge = sources.find((s) => s.id === `bridge:${bridgeSeat}`);
      expect(bridge?.lastEventAt).toBeGreaterThan(0);
    } finally {
      socket.close();
    }
  });

  it('refuses bad input with the error and its path, and applies nothing of the batch', async () => {
    const before = await stats();
    const bad = await post([chat('b-3', 'ok'), { ...chat('b-4', 'x'), kind: 'shout' }]);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_event');
    expect(bad.json.error.path).toBe('[1].kind');
    const money = await post([
      { ...paid('bo-9', 1), data: { ...paid('bo-9', 1).data, total: { amount: 1.5, currency: 'CNY' } } },
    ]);
    expect(money.status).toBe(400);
    expect(money.json.error.path).toBe('[0].data.total.amount');
    expect((await post('{not json')).json.error.code).toBe('invalid_json');
    expect((await post([])).status).toBe(400);
    expect((await post({ id: 'x' })).status).toBe(400);
    const after = await stats();
    expect(chatCount(after)).toBe(chatCount(before));
    expect(after.figures.orders).toBe(before.figures.orders);
    // b-3 was not applied: posting it alone now is new.
    expect((await post([chat('b-3', 'ok')])).json).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('lets a bridge token do nothing else (403), on HTTP, the seat socket and overlays', async () => {
    for (const [method, path] of [
      ['GET', '/status'],
      ['GET', '/sessions'],
      [`GET`, `/sessions/${sessionId}/stats`],
      ['POST', '/pin/next'],
      ['POST', '/seats'],
      ['GET', '/seats'],
      ['GET', '/bridges'],
      ['POST', '/bridges'],
      ['POST', '/sessions/stop'],
    ] as const) {
      const res = await engine.api(path, { method, token: bridgeToken, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    const socket = io(`${engine.url}/seat`, { auth: { token: bridgeToken }, reconnection: false });
    const refused = await new Promise<string>((resolve) => {
      socket.on('connect_error', (e) => resolve(e.message));
      socket.on('connect', () => resolve('connected'));
    });
    socket.close();
    expect(refused).toBe('forbidden');
    const overlay = await fetch(`${engine.url}/overlay/product?token=${bridgeToken}`);
    expect(overlay.status).toBe(401);
  });

  it('keeps the dedupe across an engine restart, and a revoked bridge token is refused', async () => {
    await engine.restart();
    expect((await post([chat('b-1', '3号有S码吗'), paid('bo-1', 19_900)])).json).toEqual({
      accepted: 0,
      duplicates: 2,
    });
    const s = await stats();
    expect(s.figures.orders).toBe(2);
    const revoked = await engine.api(`/seats/${bridgeSeat}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect((await post([chat('b-5', 'x')])).status).toBe(401);
  });
});

describe('Social Stream Ninja bridge (FAKE relay)', () => {
  let bridge: BridgeView;
  const list = async (): Promise<BridgeView[]> =>
    ((await (await engine.api('/bridges')).json()) as { bridges: BridgeView[] }).bridges;

  it('validates POST /bridges and joins the session on channel 4', async () => {
    // The restart above (SIGTERM) closed the first session cleanly: this part runs in a new one.
    const started = await engine.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title: 'SSN 场' }) });
    expect(started.status).toBe(200);
    sessionId = ((await started.json()) as { session: { id: string } }).session.id;
    const bad = await engine.api('/bridges', { method: 'POST', body: JSON.stringify({ kind: 'ssn', session: 'a b' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('session');
    const badUrl = await engine.api('/bridges', {
      method: 'POST',
      body: JSON.stringify({ kind: 'ssn', session: 's1', url: 'http://x' }),
    });
    expect(badUrl.status).toBe(400);
    const res = await engine.api('/bridges', {
      method: 'POST',
      body: JSON.stringify({ kind: 'ssn', session: 'ssnSess1', url: relay.url }),
    });
    expect(res.status).toBe(201);
    bridge = (await res.json()) as BridgeView;
    expect(bridge).toMatchObject({ kind: 'ssn', events: 0, lastEventAt: null });
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.state === 'connected');
    await waitFor(() => relay.listeners('ssnSess1', 4) === 1);
  });

  it('maps chat and donations, dedupes by SSN id, and ignores malformed messages without applying anything', async () => {
    const before = await stats();
    const pub = await relay.publisher('ssnSess1');
    pub.send({ chatname: 'Ann', chatmessage: '3号 <b>还有吗</b>', type: 'youtube', userid: 'UC1', id: 101 });
    pub.send({ chatname: 'Ann', chatmessage: '3号 <b>还有吗</b>', type: 'youtube', userid: 'UC1', id: 101 }); // again
    pub.send('{"chatname": broken');
    pub.send([1, 2, 3]);
    pub.send({ chatname: '', chatmessage: '' });
    pub.send({ chatname: 'Bo', chatmessage: 'gg', hasDonation: '$5.00', type: 'twitch', id: 'tw-7' });
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.events === 3);
    const view = (await list()).find((b) => b.id === bridge.id)!;
    expect(view.dropped).toBe(3);
    expect(view.lastEventAt).toBeGreaterThan(0);
    const after = await stats();
    expect(chatCount(after) - chatCount(before)).toBe(2);
    pub.close();
  });

  it('reconnects after the relay drops the connection and keeps delivering', async () => {
    relay.dropAll();
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.state !== 'connected', {
      intervalMs: 20,
    });
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.state === 'connected');
    await waitFor(() => relay.listeners('ssnSess1', 4) === 1);
    const pub = await relay.publisher('ssnSess1');
    pub.send({ type: 'youtube', event: 'viewer_update', meta: 321 });
    pub.send({ chatname: 'Cy', chatmessage: '回来了', type: 'youtube', id: 102 });
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.events === 5);
    pub.close();
  });

  it('is kept across an engine restart, and DELETE /bridges/{id} leaves the relay', async () => {
    await engine.restart();
    await waitFor(async () => (await list()).find((b) => b.id === bridge.id)?.state === 'connected');
    await waitFor(() => relay.listeners('ssnSess1', 4) === 1);
    expect((await list()).find((b) => b.id === bridge.id)?.events).toBe(5);
    const del = await engine.api(`/bridges/${bridge.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    await waitFor(() => relay.listeners('ssnSess1', 4) === 0);
    expect(await list()).toEqual([]);
    expect((await engine.api(`/bridges/${bridge.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
