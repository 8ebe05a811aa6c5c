import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { waitFor } from '../harness/process';
import { type Json, seat } from '../harness/seat-client';

describe('a demo show through the engine', () => {
  let engine: EngineProcess;
  beforeAll(async () => {
    engine = await startEngineProcess({ args: ['--demo-speed', '30'] });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('loads the sample catalogue and the demo room on a fresh start', async () => {
    const products = (await (await engine.api('/products')).json()) as {
      products: { productId: string; linkNo: number }[];
    };
    expect(products.products.length).toBeGreaterThanOrEqual(20);
    expect(products.products.map((p) => p.linkNo).slice(0, 3)).toEqual([1, 2, 3]);
    await waitFor(async () => ((await (await engine.api('/status')).json()) as StatusResponse).gateway.connected, {
      what: 'gateway link',
    });
  });

  it('runs a session: pins, chat and orders arrive, the sessions list agrees with the stats API', async () => {
    const host = seat(engine.url, engine.controlToken);
    await waitFor(() => host.view.state, { what: 'snapshot' });
    const started = await host.call('session.start', { title: '周五上新' });
    expect(started.ok).toBe(true);
    const first = await host.call('pin.next', {});
    expect(first.result.pinned.productId).toBe(host.view.state!.products[0].productId);
    await waitFor(() => host.view.chat > 20 && host.view.orders > 3, { what: 'chat and orders', timeoutMs: 30_000 });
    await host.call('pin.next', {});
    await waitFor(() => host.view.state?.figures.currentPin !== null, { what: 'pinned GMV tracked' });
    const radar = host.view.state!.radar;
    expect(radar.stats.questions).toBeGreaterThan(0);

    const stopped = await host.call('session.stop', { confirm: true });
    expect(stopped.ok).toBe(true);
    const id = stopped.result.id as string;
    const stats = (await (await engine.api(`/sessions/${id}/stats`)).json()) as {
      figures: Json;
      segments: { productId: string }[];
    };
    // After the stop, the seats' figures are the session's final figures.
    await waitFor(() => host.view.state?.session === null, { what: 'session closed on seats' });
    expect(stats.segments.map((s) => s.productId)).toEqual(
      host.view.state!.products.slice(0, 2).map((p) => p.productId),
    );
    expect((stats.figures.orders as number) > 0).toBe(true);
    const list = (await (await engine.api('/sessions')).json()) as {
      sessions: { id: string; paidGmv: Json; orders: number }[];
    };
    expect(list.sessions[0].id).toBe(id);
    expect(list.sessions[0].paidGmv).toEqual(stats.figures.paidGmv);
    expect(list.sessions[0].orders).toBe(stats.figures.orders);
    host.socket.disconnect();
  });

  it('resolves a race of two pins to exactly one winner, and tells the loser why', async () => {
    const assistant = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'assistant' }) })
    ).json()) as {
      token: string;
    };
    const a = seat(engine.url, engine.controlToken);
    const b = seat(engine.url, assistant.token);
    await waitFor(() => a.view.state && b.view.state, { what: 'both seats' });
    const version = a.view.state!.pin.version;
    const [p1, p2] = a.view.state!.products.slice(3, 5).map((p) => p.productId);
    const [ra, rb] = await Promise.all([
      a.call('pin.set', { productId: p1, version }),
      b.call('pin.set', { productId: p2, version }),
    ]);
    const winners = [ra, rb].filter((r) => r.ok);
    const losers = [ra, rb].filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].error.code).toBe('stale_pin');
    expect(losers[0].pinned).toEqual(winners[0].result.pinned);
    await waitFor(() => a.view.state!.pin.version === version + 1 && b.view.state!.pin.version === version + 1, {
      what: 'both seats converge',
    });
    expect(a.view.state!.pin.pinned).toEqual(b.view.state!.pin.pinned);
    const status = (await (await engine.api('/status')).json()) as StatusResponse;
    expect(status.pinned?.productId).toBe(winners[0].result.pinned.productId);
    a.socket.disconnect();
    b.socket.disconnect();
  });

  it('answers the control API pin routes as PROTOCOL.md D says', async () => {
    const unpinned = await engine.api('/unpin', { method: 'POST' });
    expect(await unpinned.json()).toEqual({ pinned: null });
    const prev = (await (await engine.api('/pin/previous', { method: 'POST' })).json()) as Json;
    expect(prev).toEqual({ pinned: null, atEnd: true });
    const next = (await (await engine.api('/pin/next', { method: 'POST' })).json()) as { pinned: { version: number } };
    const stale = await engine.api('/pin', {
      method: 'POST',
      body: JSON.stringify({ productId: 'MS-CL-002', version: next.pinned.version - 1 }),
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'stale_pin' }, pinned: next.pinned });
    const unknown = await engine.api('/pin', { method: 'POST', body: JSON.stringify({ productId: 'nope' }) });
    expect(unknown.status).toBe(404);
    const bad = await engine.api('/pin', { method: 'POST', body: JSON.stringify({ productId: 3 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { path: string } }).error.path).toBe('productId');
  });

  it('loses nothing on SIGKILL: back within the resume window, the open session simply goes on with its data', async () => {
    const started = (await (await engine.api('/sessions/start', { method: 'POST', body: '{}' })).json()) as {
      session: { id: string };
    };
    await new Promise((r) => setTimeout(r, 3000));
    const before = (await (await engine.api(`/sessions/${started.session.id}/stats`)).json()) as {
      figures: { orders: number };
    };
    await engine.kill();
    await engine.restart();
    const host = seat(engine.url, engine.controlToken);
    await waitFor(() => host.view.state, { what: 'snapshot' });
    expect(host.view.state!.interrupted).toBeNull();
    expect(host.view.state!.session?.id).toBe(started.session.id);
    const after = (await (await engine.api(`/sessions/${started.session.id}/stats`)).json()) as {
      figures: { orders: number };
    };
    expect(after.figures.orders).toBeGreaterThanOrEqual(before.figures.orders);
    host.socket.disconnect();
  });
});
