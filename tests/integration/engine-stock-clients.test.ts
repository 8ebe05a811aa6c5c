/**
 * The engine's socket.io surfaces (seats on /seat, overlays on /overlay) with the clients people have:
 * curl and hand-made long-polling, stock `socket.io-client` (long-polling first), and websocket-only as
 * one case. Host and Origin are checked on every engine.io request, not only the handshake: a session id
 * used from a foreign Host (DNS rebinding) is refused. No request takes the engine down.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { HOSTILE_ENGINE_IO_REQUESTS, openPolling, pollingSession, rawHttp } from '../harness/engine-io';

let engine: EngineProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  engine = await startEngineProcess();
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await engine?.dispose();
});

async function expectAlive(): Promise<void> {
  expect(engine.process.child.exitCode, engine.process.output().slice(-2000)).toBeNull();
  expect((await engine.api('/status')).status).toBe(200);
  expect(engine.process.output()).not.toMatch(/ERR_HTTP_HEADERS_SENT|Uncaught/);
}

function connect(
  namespace: '/seat' | '/overlay',
  token: string,
  transports?: ('polling' | 'websocket')[],
  extraHeaders?: Record<string, string>,
) {
  const socket = io(`${engine.url}${namespace}`, {
    auth: { token },
    reconnection: false,
    forceNew: true,
    ...(transports ? { transports } : {}),
    ...(extraHeaders ? { extraHeaders } : {}),
  });
  sockets.push(socket);
  const firstTransport = new Promise<string>((r) => socket.io.once('open', () => r(socket.io.engine.transport.name)));
  const snapshot = new Promise<unknown>((resolve, reject) => {
    socket.once('snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, firstTransport, snapshot };
}

describe('raw engine.io requests', () => {
  it('answers curl and malformed requests once each, and keeps serving', async () => {
    const open = await rawHttp(engine.url, '/socket.io/?EIO=4&transport=polling');
    expect(open.status).toBe(200);
    expect(open.body).toMatch(/^0\{"sid":"/);
    for (const r of HOSTILE_ENGINE_IO_REQUESTS) {
      const res = await rawHttp(engine.url, r.path, { method: r.method, body: r.body });
      // `/socket.io` without the slash is not engine.io's: the console's 503 (not built in tests) or 404.
      expect(res.status, `${r.method ?? 'GET'} ${r.path.slice(0, 80)}`).not.toBe(500);
      expect(res.body).not.toContain('internal_error');
    }
    await expectAlive();
  });

  it('refuses a foreign Host or Origin on the handshake AND on every later poll of a session', async () => {
    const foreignHost = { host: `evil.example:${engine.port}` };
    const handshake = await rawHttp(engine.url, '/socket.io/?EIO=4&transport=polling', { headers: foreignHost });
    expect(handshake.status).toBe(403);
    expect(JSON.parse(handshake.body).error.code).toBe('forbidden_host');
    const foreignOrigin = { origin: 'http://evil.example' };
    expect((await rawHttp(engine.url, '/socket.io/?EIO=4&transport=polling', { headers: foreignOrigin })).status).toBe(
      403,
    );

    // A session opened from here, then used under a rebinding page's Host or Origin: each request refused.
    const sid = await openPolling(engine.url);
    const rebound = pollingSession(engine.url, sid, foreignHost);
    const post = await rebound.send(`40/seat,${JSON.stringify({ token: engine.controlToken })}`);
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body).error.code).toBe('forbidden_host');
    expect((await rebound.receive()).status).toBe(403);
    expect((await pollingSession(engine.url, sid, foreignOrigin).receive()).status).toBe(403);

    // The same session from our own Host works: the refused requests changed nothing.
    const own = pollingSession(engine.url, sid, { host: `localhost:${engine.port}` });
    expect((await own.send(`40/seat,${JSON.stringify({ token: engine.controlToken })}`)).body).toBe('ok');
    const snapshot = await own.until((p) => p.startsWith('42/seat,["snapshot"'));
    expect(JSON.parse(snapshot.slice('42/seat,'.length))[1].seat.role).toBe('host');
    await expectAlive();
  });

  it('refuses a WebSocket upgrade that names a foreign Host', async () => {
    // Node's WebSocket client sends extraHeaders as they are; the engine must drop the upgrade.
    const refused = connect('/seat', engine.controlToken, ['websocket'], { host: `evil.example:${engine.port}` });
    await expect(refused.snapshot).rejects.toThrow();
    const origin = connect('/seat', engine.controlToken, ['websocket'], { origin: 'http://evil.example' });
    await expect(origin.snapshot).rejects.toThrow();
    refused.socket.close();
    await expectAlive();
  });
});

describe('stock socket.io-client', () => {
  it('a seat connects over long-polling, upgrades, gets its snapshot and runs commands', async () => {
    const seat = connect('/seat', engine.controlToken);
    expect(await seat.firstTransport).toBe('polling');
    const snapshot = (await seat.snapshot) as Snapshot;
    expect(snapshot.seat.role).toBe('host');
    const status = await seat.socket.timeout(10_000).emitWithAck('command', 'status.get', {});
    expect(status.ok).toBe(true);
    await new Promise<void>((r) => {
      if (seat.socket.io.engine.transport.name === 'websocket') r();
      else seat.socket.io.engine.once('upgrade', () => r());
    });
    const again = await seat.socket.timeout(10_000).emitWithAck('command', 'status.get', {});
    expect(again.ok).toBe(true);
    const stranger = connect('/seat', 'not-a-token');
    await expect(stranger.snapshot).rejects.toThrow('bad_token');
    await expectAlive();
  });

  it('an overlay connects over long-polling and gets its snapshot; a stranger is refused', async () => {
    const overlay = connect('/overlay', engine.overlayToken);
    expect(await overlay.firstTransport).toBe('polling');
    expect(await overlay.snapshot).toMatchObject({ settings: expect.any(Object) });
    await expect(connect('/overlay', 'not-a-token').snapshot).rejects.toThrow('bad_token');
    await expectAlive();
  });

  it('websocket-only (the one explicit case) for seats and overlays', async () => {
    const seat = connect('/seat', engine.controlToken, ['websocket']);
    expect(await seat.firstTransport).toBe('websocket');
    expect(((await seat.snapshot) as Snapshot).seat.role).toBe('host');
    const overlay = connect('/overlay', engine.overlayToken, ['websocket']);
    expect(await overlay.firstTransport).toBe('websocket');
    await overlay.snapshot;
    await expectAlive();
  });
});
