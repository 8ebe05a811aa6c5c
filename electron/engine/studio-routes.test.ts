/**
 * The control API's session and product routes as the HTTP server runs them (after its role check):
 * declared in shared/contract/studio.ts, served by serveRoutes from the studio service over a real ledger
 * file. The stop route runs the seat command's handler, so it also cancels a pending automatic stop.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECORDING_SETTINGS, reconcileRoutes, type StudioState, studioRoutes } from '../../shared/contract';
import { StudioError } from '../../shared/errors';
import { type Route, serveRoutes } from './api/router';
import { FeedHub } from './feed/feed-hub';
import { initialState } from './initial-state';
import { openLedger } from './ledger/ledger';
import { feed, T0, tempDirs } from './ledger/ledger.test-helpers';
import { ChatIntel } from './live/chat-intel';
import { LiveService } from './live/live-service';
import { silentLogger } from './log';
import { PinBoard } from './pins/pin-board';
import { StateStore } from './state';
import { createStudioService } from './studio-service';

const dirs = tempDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  dirs.cleanup();
});

function studioApi(now?: () => number) {
  const dataDir = dirs.make();
  const ledger = openLedger({ dataDir, backups: 0, room: 'r1', now });
  const state = new StateStore<StudioState>(initialState({ port: 0, gateway: { kind: 'demo' } }));
  const logger = silentLogger();
  const live = new LiveService({
    dataDir,
    state,
    logger,
    ledger,
    feed: new FeedHub(),
    intel: new ChatIntel({ publish: () => undefined, onAnswered: () => undefined }),
  });
  const pins = new PinBoard(() => state.slice('products').map((p) => p.productId));
  const studio = createStudioService({ dataDir, ledger, state, pins, live, logger });
  closers.push(async () => {
    studio.close();
    await live.close();
    ledger.close();
  });
  const routes = { ...studioRoutes, ...reconcileRoutes };
  const served = serveRoutes(routes, studio.handlers, studio.routeHandlers);
  const call = async (
    key: keyof typeof routes,
    over: { params?: Record<string, string>; query?: string; body?: string | Buffer; type?: string } = {},
  ): Promise<{ status: number; body: unknown; headers: Record<string, string> }> => {
    const [method, path] = key.split(' ');
    const route = served.find((r) => r.method === method && r.path === path) as Route;
    try {
      const reply = await route.handle({
        params: over.params ?? {},
        query: new URLSearchParams(over.query ?? ''),
        body: Buffer.isBuffer(over.body) ? over.body : Buffer.from(over.body ?? ''),
        headers: over.type ? { 'content-type': over.type } : {},
        identity: { role: 'host', seatId: 'host', label: 'host' },
      });
      return { status: reply.status ?? 200, body: reply.body, headers: reply.headers ?? {} };
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      return { status: error.status, body: error.toBody(), headers: {} };
    }
  };
  return { ledger, state, studio, call };
}

const errorOf = (body: unknown) => (body as { error: { code: string; path?: string } }).error;

describe('session and product routes over the studio service', () => {
  it('starts and stops a session, lists it, serves stats and both exports', async () => {
    const clock = { now: T0 };
    const { ledger, state, call } = studioApi(() => clock.now);
    const started = await call('POST /sessions/start', { body: JSON.stringify({ title: '双十一预热' }) });
    expect(started.status).toBe(200);
    const { session } = started.body as { session: { id: string } };
    expect(session).toMatchObject({ title: '双十一预热', startedAt: T0, endedAt: null, rehearsal: false });
    expect(state.slice('session')?.id).toBe(session.id);
    const again = await call('POST /sessions/start');
    expect([again.status, errorOf(again.body).code]).toEqual([409, 'session_running']);
    const f = feed();
    ledger.applyLiveEvents([f.paid('o1', T0 + 5, 1_000, [{ sku: 'A', qty: 1, unit: 1_000 }])]);
    clock.now = T0 + 120_000;
    const stopped = (await call('POST /sessions/stop', { body: '{}' })).body as { session: { endedAt: number } };
    expect(stopped.session.endedAt).toBe(T0 + 120_000);
    expect(state.slice('session')).toBeNull();
    expect((await call('GET /sessions')).body).toEqual({
      sessions: [
        {
          id: session.id,
          title: '双十一预热',
          room: 'r1',
          startedAt: T0,
          endedAt: T0 + 120_000,
          rehearsal: false,
          paidGmv: { amount: 1_000, currency: 'CNY' },
          orders: 1,
          peakViewers: null,
        },
      ],
    });
    const stats = (await call('GET /sessions/:id/stats', { params: { id: session.id } })).body as {
      figures: Record<string, unknown>;
    };
    expect(Object.keys(stats.figures)).toContain('paidGmv');
    const csv = await call('GET /sessions/:id/export', { params: { id: session.id }, query: 'format=csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="session-${session.id}.csv"`);
    expect(String(csv.body).charCodeAt(0)).toBe(0xfeff);
    const json = await call('GET /sessions/:id/export', { params: { id: session.id } });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(String(json.body)).orderLines).toHaveLength(1);
  });

  it('answers 404 for an unknown session and 400 for bad input, with the error body', async () => {
    const { call } = studioApi();
    const missing = await call('GET /sessions/:id/stats', { params: { id: 'nope' } });
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown_session', message: 'No session with id nope', path: 'id' } },
    });
    const badJson = await call('POST /sessions/start', { body: '{' });
    expect([badJson.status, errorOf(badJson.body).code]).toEqual([400, 'invalid_json']);
    const badRoom = await call('POST /sessions/start', { body: JSON.stringify({ room: 'no spaces' }) });
    expect([badRoom.status, errorOf(badRoom.body).path]).toEqual([400, 'room']);
    const badFormat = await call('GET /sessions/:id/export', { params: { id: 'x' }, query: 'format=xml' });
    expect([badFormat.status, errorOf(badFormat.body).code, errorOf(badFormat.body).path]).toEqual([
      400,
      'invalid_format',
      'format',
    ]);
    expect((await call('POST /sessions/stop')).status).toBe(409);
    expect((await call('POST /sessions/stop', { body: '[]' })).status).toBe(400);
  });

  it('imports a GBK CSV named by its Content-Type, reports bad lines, lists products and patches one', async () => {
    const { state, call } = studioApi();
    const body = iconv.encode('商品编码,商品名称,价格,链接号\nT-1,白毫银针,368.00,1\nT-2,坏,x,2\n', 'gbk');
    const res = await call('POST /products/import', { body, type: 'text/csv; charset=gbk' });
    expect(res.body).toEqual({
      imported: 1,
      errors: [{ line: 3, message: 'price (价格) "x" is not a price in yuan (expected e.g. 299.00)' }],
    });
    expect(state.slice('products').map((p) => p.title)).toEqual(['白毫银针']);
    expect((await call('POST /products/import')).status).toBe(400);
    expect((await call('GET /products')).body).toEqual({
      products: [
        {
          productId: 'T-1',
          sku: 'T-1',
          title: '白毫银针',
          price: { amount: 36_800, currency: 'CNY' },
          originalPrice: null,
          stock: null,
          image: null,
          linkNo: 1,
        },
      ],
    });
    const bad = await call('PATCH /products/:id', { params: { id: 'T-1' }, body: JSON.stringify({ stock: 'many' }) });
    expect([bad.status, errorOf(bad.body).path]).toEqual([400, 'stock']);
    const patched = await call('PATCH /products/:id', { params: { id: 'T-1' }, body: JSON.stringify({ stock: 7 }) });
    expect(patched.body).toMatchObject({ product: { productId: 'T-1', stock: 7 } });
    expect(state.slice('products')[0].stock).toBe(7);
    expect((await call('DELETE /products/:id', { params: { id: 'T-1' } })).body).toEqual({ deleted: 'T-1' });
    expect(state.slice('products')).toEqual([]);
  });

  it('stops like the seat command: a manual stop over HTTP cancels the pending automatic stop', async () => {
    const { studio, state, call } = studioApi();
    await studio.handlers['settings.set'](
      { autoSession: { enabled: true, graceSeconds: 1 }, autoAnswerSeconds: 10, recording: DEFAULT_RECORDING_SETTINGS },
      { seat: { id: 'host', role: 'host', label: 'host' } },
    );
    studio.streamingChanged(true, Date.now());
    const auto = state.slice('session');
    expect(auto).not.toBeNull();
    // The stream drops: the automatic stop is due 100 ms from now.
    studio.streamingChanged(false, Date.now() - 900);
    expect((await call('POST /sessions/stop')).status).toBe(200);
    const manual = (await call('POST /sessions/start', { body: '{"title":"by hand"}' })).body as {
      session: { id: string };
    };
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Had the route skipped the seat command's follow-ups, the old grace timer would have ended this one.
    expect(state.slice('session')).toMatchObject({ id: manual.session.id, endedAt: null });
  });

  it('reconciles an ended session with a GBK export over HTTP; bad mappings and files change nothing', async () => {
    const clock = { now: T0 };
    const { ledger, call } = studioApi(() => clock.now);
    const { session } = (await call('POST /sessions/start', { body: '{"title":"对账"}' })).body as {
      session: { id: string };
    };
    ledger.applyLiveEvents([feed().paid('o1', T0 + 5, 1_000, [{ sku: 'A', qty: 1, unit: 1_000 }])]);
    clock.now = T0 + 120_000;
    await call('POST /sessions/stop');
    const params = { id: session.id };
    const file = iconv.encode(
      `订单导出\n订单号,付款完成,实付金额\no1,${new Date(T0 + 5).toISOString()},12.00\no2,${new Date(T0 + 60_000).toISOString()},3.00\n`,
      'gbk',
    );
    const preview = await call('POST /sessions/:id/reconcile/preview', { params, body: file, type: 'text/csv' });
    expect(preview.body).toMatchObject({
      headerLine: 2,
      mapping: { orderId: '订单号', paidAt: null, paidAmount: '实付金额' },
    });
    const stats = (await call('GET /sessions/:id/stats', { params })).body;
    const bad = await call('POST /sessions/:id/reconcile', { params, body: file, query: 'columns={nope' });
    expect([bad.status, errorOf(bad.body).code]).toEqual([400, 'invalid_columns']);
    const missing = await call('POST /sessions/:id/reconcile', { params, body: file });
    expect([missing.status, errorOf(missing.body).path]).toEqual([400, 'columns.paidAt']);
    expect((await call('GET /sessions/:id/stats', { params })).body).toEqual(stats);
    const query = `file=${encodeURIComponent('订单.csv')}&columns=${encodeURIComponent('{"paidAt":"付款完成"}')}`;
    const done = await call('POST /sessions/:id/reconcile', {
      params,
      body: file,
      query,
      type: 'text/csv; charset=gbk',
    });
    expect(done.body).toMatchObject({
      matched: 1,
      onlyInExport: ['o2'],
      amountMismatches: [{ orderId: 'o1', studio: { amount: 1_000 }, export: { amount: 1_200 } }],
      figures: { paidGmv: { amount: 1_500, currency: 'CNY' }, orders: 2 },
    });
    const after = (await call('GET /sessions/:id/stats', { params })).body as { reconciled: unknown };
    expect(after.reconciled).toEqual({ at: T0 + 120_000, source: '订单.csv' });
    const unknown = await call('POST /sessions/:id/reconcile', { params: { id: 'nope' }, body: file, query });
    expect(unknown.status).toBe(404);
  });
});
