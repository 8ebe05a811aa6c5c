/**
 * The seat server's limits, with a real HTTP server and real socket.io clients (stock transports:
 * long-polling first, then the upgrade; and a polling client): a client that stops reading is dropped
 * once its queue passes the cap, the engine's queue for it never grows past the cap plus one patch, and
 * the client resyncs from a snapshot when it reads again. One token holds at most N connections.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket as ClientSocket, io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandHandlers, StudioState } from '../../../shared/contract';
import { silentLogger } from '../log';
import { StateStore } from '../state';
import { TokenStore } from '../tokens';
import { bufferedBytes } from './seat-backpressure';
import { type SeatServer, startSeatServer } from './seat-server';
import { loopbackPolicy } from './security';
import { createSocketServer } from './socket-server';

const CAP = 256 * 1024;
const PATCH = 'x'.repeat(64 * 1024);

let http: HttpServer;
let server: SeatServer;
let state: StateStore<StudioState>;
let tokens: TokenStore;
let url: string;
const clients: ClientSocket[] = [];

beforeEach(async () => {
  http = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  tokens = new TokenStore(null);
  state = new StateStore({ radar: null } as unknown as StudioState);
  server = startSeatServer({
    io: createSocketServer(http, loopbackPolicy(port)),
    tokens,
    state,
    handlers: {} as CommandHandlers,
    logger: silentLogger(),
    maxBufferedBytes: CAP,
    maxConnectionsPerToken: 3,
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
  await new Promise<void>((r) => http.close(() => r()));
});

function connect(token: string, transports?: ('polling' | 'websocket')[]): ClientSocket {
  const client = io(`${url}/seat`, { auth: { token }, ...(transports ? { transports } : {}) });
  clients.push(client);
  return client;
}

const once = <T>(client: ClientSocket, event: string) =>
  new Promise<T>((resolve) => client.once(event, (x: T) => resolve(x)));

/** Sends patches until `done` says stop; tracks the largest queue the server held for any socket. */
async function flood(done: () => boolean): Promise<{ sent: number; maxQueued: number }> {
  let sent = 0;
  let maxQueued = 0;
  while (!done() && sent < 2_000) {
    state.set('radar' as keyof StudioState, { n: sent, pad: PATCH } as never);
    state.flush();
    for (const s of server.io.of('/seat').sockets.values()) maxQueued = Math.max(maxQueued, bufferedBytes(s));
    sent++;
    await new Promise((r) => setTimeout(r, 1)); // a busy show, not one tick of 100 MB
  }
  return { sent, maxQueued };
}

describe('seat server limits', () => {
  it('drops a stock client that stopped reading its websocket, bounded, and it resyncs from a snapshot', async () => {
    const client = connect(tokens.controlToken); // stock: polling first, then upgrade
    await once(client, 'snapshot');
    await new Promise<void>((resolve) => {
      const check = () => (client.io.engine.transport.name === 'websocket' ? resolve() : setTimeout(check, 20));
      check();
    });
    // the phone stops reading: its TCP socket is paused, the kernel buffers fill, then the engine's
    const raw = (client.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws
      ._socket;
    raw.pause();
    const { sent, maxQueued } = await flood(() => server.connectedSeats().length === 0);
    expect(server.connectedSeats()).toEqual([]);
    expect(sent).toBeLessThan(2_000); // dropped long before the flood ended (~128 MB)
    expect(maxQueued).toBeLessThanOrEqual(CAP + PATCH.length + 1_000);
    // reading again: the client sees the drop, reconnects and is resynced with the whole state
    const snapshot = once<{ state: { radar: { n: number } } }>(client, 'snapshot');
    raw.resume();
    expect((await snapshot).state.radar.n).toBe(sent - 1);
    expect(server.connectedSeats()).toHaveLength(1);
  }, 60_000);

  it('drops a long-polling client that stopped asking, and a reading client keeps up', async () => {
    const slow = connect(tokens.controlToken, ['polling']);
    const fast = connect(tokens.createSeat('viewer', 'fast').token);
    await Promise.all([once(slow, 'snapshot'), once(fast, 'snapshot')]);
    let fastPatches = 0;
    fast.on('patch', () => fastPatches++);
    // the polling transport stops polling once its pending request returns (a frozen tab): packets then
    // wait in the engine for it
    (slow.io.engine.transport as unknown as { pause(f: () => void): void }).pause(() => undefined);
    const { sent, maxQueued } = await flood(() => server.connectedSeats().every((s) => s.role !== 'host'));
    expect(server.connectedSeats().map((s) => s.role)).toEqual(['viewer']);
    expect(maxQueued).toBeLessThanOrEqual(CAP + PATCH.length + 1_000);
    await new Promise<void>((resolve) => {
      const check = () => (fastPatches >= sent ? resolve() : setTimeout(check, 20));
      check();
    });
    expect(fastPatches).toBe(sent);
  }, 60_000);

  it('refuses one connection more than the cap for a token, and other tokens still connect', async () => {
    const seat = tokens.createSeat('assistant', 'phone');
    const first = [connect(seat.token), connect(seat.token), connect(seat.token)];
    await Promise.all(first.map((c) => once(c, 'snapshot')));
    const extra = connect(seat.token);
    const error = await once<Error>(extra, 'connect_error');
    expect(error.message).toBe('too_many_connections');
    extra.close();
    expect(server.connectedSeats()).toEqual([expect.objectContaining({ id: seat.id, connections: 3 })]);
    const host = connect(tokens.controlToken);
    await once(host, 'snapshot');
    // one closes: the token may connect again
    first[0].close();
    await new Promise((r) => setTimeout(r, 100));
    const again = connect(seat.token);
    await once(again, 'snapshot');
  });
});
