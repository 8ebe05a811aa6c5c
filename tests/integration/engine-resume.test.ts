/**
 * PROTOCOL D, "a session still open when the engine died", through the front door: a real headless engine
 * SIGKILLed and restarted, driven with curl as a macro pad or script would. Back within the resume window
 * the session goes on by itself; later it is `interrupted` until POST /sessions/{id}/resume or /close.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { waitFor } from '../harness/process';

const run = promisify(execFile);
let engine: EngineProcess | null = null;

afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

/** The fields these tests read from the answers (each answer has some of them). */
interface Reply {
  session: { id: string; endedAt: number | null };
  error: { code: string };
  figures: { orders: number };
  token: string;
}

/** One control API call with curl: status code and parsed body. */
async function curl(method: string, path: string, body?: unknown): Promise<{ status: number; json: Reply }> {
  const args = ['-s', '-X', method, '-H', `Authorization: Bearer ${engine!.controlToken}`, '-w', '\n%{http_code}'];
  if (body !== undefined) args.push('-H', 'content-type: application/json', '--data', JSON.stringify(body));
  const { stdout } = await run('curl', [...args, `${engine!.url}/api/v1${path}`]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), json: JSON.parse(stdout.slice(0, cut)) };
}

const status = async () => (await curl('GET', '/status')).json as unknown as StatusResponse;

async function startShowWithOrders(): Promise<{ id: string; orders: number }> {
  await waitFor(async () => (await status()).gateway.connected, { what: 'demo room linked', timeoutMs: 60_000 });
  const started = await curl('POST', '/sessions/start', { title: '夜场' });
  expect(started.status).toBe(200);
  const id = started.json.session.id;
  const orders = await waitFor(
    async () => {
      const n = (await curl('GET', `/sessions/${id}/stats`)).json.figures.orders;
      return n >= 1 ? n : 0;
    },
    { what: 'orders in the session', timeoutMs: 60_000 },
  );
  return { id, orders };
}

describe('a session open when the engine was killed', () => {
  it('goes on by itself when the engine is back within the window', async () => {
    engine = await startEngineProcess({ args: ['--demo-speed', '30'], env: { STUDIO_RESUME_WINDOW_MS: '120000' } });
    const { id, orders } = await startShowWithOrders();
    await engine.kill();
    await engine.restart();
    const s = await status();
    expect(s.session?.id).toBe(id);
    expect(s.interrupted).toBeNull();
    // Nothing to settle: starting another is refused because this one runs, and resume says it is not interrupted.
    expect((await curl('POST', '/sessions/start', {})).json.error.code).toBe('session_running');
    expect((await curl('POST', `/sessions/${id}/resume`)).json.error.code).toBe('not_interrupted');
    const after = (await curl('GET', `/sessions/${id}/stats`)).json.figures.orders;
    expect(after).toBeGreaterThanOrEqual(orders);
  }, 180_000);

  it('is offered back later than the window: start answers 409, then resume or close settle it over HTTP', async () => {
    engine = await startEngineProcess({ args: ['--demo-speed', '30'], env: { STUDIO_RESUME_WINDOW_MS: '1000' } });
    const { id, orders } = await startShowWithOrders();
    await engine.kill();
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1_500)); // past the 1 s window
    await engine.restart();

    let s = await status();
    expect(s.session).toBeNull();
    expect(s.interrupted).toMatchObject({ id, title: '夜场' });
    expect(typeof s.interrupted?.startedAt).toBe('number');
    const refused = await curl('POST', '/sessions/start', {});
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('session_interrupted');
    // Bad ids and forbidden roles change nothing.
    expect((await curl('POST', '/sessions/no-such-session/resume')).status).toBe(404);
    const viewer = await curl('POST', '/seats', { role: 'viewer' });
    const asViewer = await fetch(`${engine.url}/api/v1/sessions/${id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${viewer.json.token}` },
    });
    expect(asViewer.status).toBe(403);
    expect((await status()).interrupted?.id).toBe(id);

    const resumed = await curl('POST', `/sessions/${id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.json.session).toMatchObject({ id, endedAt: null });
    s = await status();
    expect(s.session?.id).toBe(id);
    expect(s.interrupted).toBeNull();
    const afterResume = (await curl('GET', `/sessions/${id}/stats`)).json.figures.orders;
    expect(afterResume).toBeGreaterThanOrEqual(orders);

    // Killed again and away too long: this time the host closes it, at its last recorded event.
    await engine.kill();
    const killedAgainAt = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    await engine.restart();
    expect((await status()).interrupted?.id).toBe(id);
    const closed = await curl('POST', `/sessions/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json.session.id).toBe(id);
    expect(closed.json.session.endedAt).toBeGreaterThan(killedAt - 60_000);
    expect(closed.json.session.endedAt).toBeLessThanOrEqual(killedAgainAt + 1);
    s = await status();
    expect(s.interrupted).toBeNull();
    expect(s.session).toBeNull();
    expect((await curl('POST', `/sessions/${id}/close`)).json.error.code).toBe('not_interrupted');
    const next = await curl('POST', '/sessions/start', {});
    expect(next.status).toBe(200);
    expect(next.json.session.id).not.toBe(id);
  }, 240_000);
});
