import { connect } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandName, commands, type Role } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

const LAN = '127.0.0.2'; // a loopback alias stands in for the LAN address: no traffic leaves this machine

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function seat(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/seat`, { auth: { token }, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('snapshot', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('seats, roles and LAN sharing', () => {
  let engine: EngineProcess;
  const tokens: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    process.env.MAISHOU_LAN_ADDRESSES = LAN;
    engine = await startEngineProcess();
    tokens.host = engine.controlToken;
    for (const role of ['assistant', 'viewer'] as const) {
      const res = await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role }) });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { token: string; url: string };
      expect(body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${engine.port}/live#token=`));
      tokens[role] = body.token;
    }
  });
  afterAll(async () => {
    delete process.env.MAISHOU_LAN_ADDRESSES;
    await engine?.dispose();
  });

  it('refuses every command a role may not use, and changes nothing', async () => {
    for (const role of ['assistant', 'viewer'] as const) {
      const socket = await seat(engine.url, tokens[role]!);
      for (const name of Object.keys(commands) as CommandName[]) {
        if (commands[name].roles.includes(role)) continue;
        const reply = await socket.emitWithAck('command', name, {});
        expect(reply, `${role} ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      socket.disconnect();
    }
    const list = (await (await engine.api('/seats')).json()) as { seats: unknown[] };
    expect(list.seats).toHaveLength(2); // no seat was created by a forbidden call
  });

  it('refuses every control route a role may not use', async () => {
    const routes: [string, string, Role[]][] = [
      ['POST', '/seats', ['host']],
      ['GET', '/seats', ['host']],
      ['POST', '/sharing', ['host']],
      ['POST', '/pin', ['host', 'assistant']],
      ['POST', '/pin/next', ['host', 'assistant']],
      ['POST', '/pin/previous', ['host', 'assistant']],
      ['POST', '/unpin', ['host', 'assistant']],
      ['GET', '/status', ['host', 'assistant', 'viewer']],
    ];
    for (const [method, path, allowed] of routes) {
      for (const role of ['assistant', 'viewer'] as const) {
        if (allowed.includes(role)) continue;
        const res = await engine.api(path, {
          method,
          token: tokens[role]!,
          body: method === 'POST' ? '{}' : undefined,
        });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      }
    }
    expect((await engine.api('/status', { token: tokens.viewer! })).status).toBe(200);
  });

  it('listens beyond loopback only while sharing, and still wants a token there', async () => {
    expect(await canConnect(LAN, engine.port)).toBe(false);
    // only an address the engine offers can be picked
    const bad = await engine.api('/sharing', {
      method: 'POST',
      body: JSON.stringify({ enabled: true, address: '8.8.8.8' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'unknown_address', path: 'address' } });
    expect(await canConnect(LAN, engine.port)).toBe(false);
    const on = await engine.api('/sharing', { method: 'POST', body: JSON.stringify({ enabled: true, address: LAN }) });
    expect(await on.json()).toMatchObject({ enabled: true, addresses: [LAN], available: [LAN] });
    expect(await canConnect(LAN, engine.port)).toBe(true);
    const lanUrl = `http://${LAN}:${engine.port}`;
    expect((await fetch(`${lanUrl}/api/v1/status`)).status).toBe(401);
    expect(
      (await fetch(`${lanUrl}/api/v1/status`, { headers: { authorization: `Bearer ${tokens.viewer}` } })).status,
    ).toBe(200);
    const invite = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'viewer', label: '手机' }) })
    ).json()) as {
      url: string;
    };
    expect(invite.url.startsWith(`${lanUrl}/live#token=`)).toBe(true);
    const phone = await seat(lanUrl, invite.url.split('#token=')[1]);
    expect(phone.connected).toBe(true);
    await engine.api('/sharing', { method: 'POST', body: JSON.stringify({ enabled: false }) });
    expect(await canConnect(LAN, engine.port)).toBe(false);
    await new Promise<void>((resolve) => (phone.connected ? phone.once('disconnect', () => resolve()) : resolve()));
    expect(phone.connected).toBe(false);
    // the LAN invite expired with the sharing it was made for; seats made for this computer did not
    const phoneToken = invite.url.split('#token=')[1];
    expect((await engine.api('/status', { token: phoneToken })).status).toBe(401);
    expect((await engine.api('/status', { token: tokens.viewer })).status).toBe(200);
  });

  it('drops a revoked seat at once and refuses its token afterwards', async () => {
    const created = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'assistant' }) })
    ).json()) as {
      token: string;
      seat: { id: string };
    };
    const socket = await seat(engine.url, created.token);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await engine.api(`/seats/${created.seat.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await engine.api('/status', { token: created.token })).status).toBe(401);
    await expect(seat(engine.url, created.token)).rejects.toThrow('bad_token');
  });

  it('rejects bad seat requests with a clear error', async () => {
    const bad = await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'host' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('role');
    const notJson = await engine.api('/seats', { method: 'POST', body: '{role' });
    expect(notJson.status).toBe(400);
    expect((await engine.api('/seats/nope', { method: 'DELETE' })).status).toBe(404);
  });
});
