import { request } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

type ErrorReply = { error: ErrorBody };

/** A raw request, so Host and Origin can be forged the way a rebinding page would. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless engine', () => {
  let engine: EngineProcess;
  beforeAll(async () => {
    engine = await startEngineProcess();
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('prints the ready line of PROTOCOL.md F', () => {
    expect(engine.url).toBe(`http://127.0.0.1:${engine.port}`);
    expect(engine.controlToken).toMatch(/^[\w-]{20,}$/);
    expect(engine.overlayToken).toMatch(/^[\w-]{20,}$/);
    expect(engine.overlayToken).not.toBe(engine.controlToken);
    expect(engine.gateway).toBeTruthy();
  });

  it('answers GET /status only with a valid token', async () => {
    const anonymous = await engine.api('/status', { token: null });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ErrorReply).error.code).toBe('unauthorized');
    expect((await engine.api('/status', { token: 'wrong' })).status).toBe(401);
    expect((await engine.api('/status', { token: engine.overlayToken })).status).toBe(403);
    const ok = await engine.api('/status');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as StatusResponse;
    // PROTOCOL D's keys, plus `storage` (an added field, docs/control-api.md)
    expect(Object.keys(body).sort()).toEqual(['gateway', 'interrupted', 'obs', 'pinned', 'session', 'storage']);
    expect(Object.keys(body.obs).sort()).toEqual(['connected', 'recording', 'scene', 'streaming']);
    expect(Object.keys(body.gateway).sort()).toEqual(['connected', 'lastSeq']);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding)', async () => {
    const auth = { authorization: `Bearer ${engine.controlToken}` };
    const foreignHost = await raw(`${engine.url}/api/v1/status`, { ...auth, host: `evil.example:${engine.port}` });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body).error.code).toBe('forbidden_host');
    const foreignOrigin = await raw(`${engine.url}/api/v1/status`, { ...auth, origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    expect((await raw(`${engine.url}/`, { host: `evil.example:${engine.port}` })).status).toBe(403);
    expect((await raw(`${engine.url}/api/v1/status`, { ...auth, host: `localhost:${engine.port}` })).status).toBe(200);
  });

  it('answers unknown routes and methods with the error body', async () => {
    const missing = await engine.api('/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorReply).error.code).toBe('not_found');
    expect((await engine.api('/status', { method: 'POST' })).status).toBe(405);
  });

  it('never serves files outside the console folder', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2f..%2fetc/passwd',
      '/assets/%2e%2e/%2e%2e/tokens.json',
    ]) {
      const res = await raw(`${engine.url}${path}`, {});
      expect(res.body, path).not.toContain('maishou-studio');
      expect(res.body, path).not.toContain('root:');
      expect(res.body, path).not.toContain(engine.controlToken);
    }
  });

  it('lets seats in with a token and runs typed commands, refusing bad ones', async () => {
    const socket = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
    const snapshot = await new Promise<{ seat: { role: string }; state: { engine: { url: string } } }>((resolve) =>
      socket.once('snapshot', resolve),
    );
    expect(snapshot.seat.role).toBe('host');
    expect(snapshot.state.engine.url).toBe(engine.url);
    const status = await socket.emitWithAck('command', 'status.get', {});
    expect(status.ok).toBe(true);
    expect(status.result.obs.connected).toBe(false);
    const unknown = await socket.emitWithAck('command', 'format.disk', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    const badArgs = await socket.emitWithAck('command', 'status.get', { extra: 1 });
    expect(badArgs).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    socket.disconnect();

    const stranger = io(`${engine.url}/seat`, {
      auth: { token: 'nope' },
      reconnection: false,
    });
    const refused = await new Promise<Error>((resolve) => stranger.once('connect_error', resolve));
    expect(refused.message).toBe('bad_token');
    stranger.disconnect();
  });

  it('closes cleanly on SIGTERM and comes back with the same tokens', async () => {
    const { controlToken, overlayToken } = engine;
    await engine.stop();
    expect(engine.process.child.exitCode).toBe(0);
    await engine.restart();
    expect(engine.controlToken).toBe(controlToken);
    expect(engine.overlayToken).toBe(overlayToken);
  });
});
