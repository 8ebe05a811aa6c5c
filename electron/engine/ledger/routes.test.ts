import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger';
import { feed, T0, tempDirs } from './ledger.test-helpers';
import {
  importProducts,
  listProducts,
  listSessions,
  sessionExport,
  sessionStats,
  startSession,
  stopSession,
  updateProduct,
} from './routes';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const req = (
  over: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: string | Buffer;
    headers?: Record<string, string>;
  } = {},
) => ({
  params: over.params ?? {},
  query: over.query ?? {},
  body: Buffer.isBuffer(over.body) ? over.body : Buffer.from(over.body ?? ''),
  headers: over.headers ?? {},
});

describe('control API handlers for sessions, stats, export and products', () => {
  it('starts and stops a session, lists it, serves stats and both exports', async () => {
    const clock = { now: T0 };
    const ledger = openLedger({ dataDir: dirs.make(), backups: 0, room: 'r1', now: () => clock.now });
    const started = await startSession(ledger, req({ body: JSON.stringify({ title: '双十一预热' }) }));
    expect(started.status).toBe(200);
    const { session } = JSON.parse(started.body);
    expect(session).toMatchObject({ title: '双十一预热', startedAt: T0, endedAt: null, rehearsal: false });
    const again = await startSession(ledger, req());
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body).error.code).toBe('session_running');
    const f = feed();
    ledger.applyLiveEvents([f.paid('o1', T0 + 5, 1_000, [{ sku: 'A', qty: 1, unit: 1_000 }])]);
    clock.now = T0 + 120_000;
    const stopped = JSON.parse((await stopSession(ledger, req())).body);
    expect(stopped.session.endedAt).toBe(T0 + 120_000);
    const list = JSON.parse((await listSessions(ledger, req())).body);
    expect(list.sessions).toEqual([
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
    ]);
    const stats = await sessionStats(ledger, req({ params: { id: session.id } }));
    expect(Object.keys(JSON.parse(stats.body).figures)).toEqual([
      'paidGmv',
      'refunds',
      'settledGmv',
      'orders',
      'units',
      'buyers',
      'perBuyer',
      'aov',
      'perUnit',
      'refundRate',
      'peakViewers',
      'averageViewers',
      'cumulativeViewers',
      'gpm',
      'conversion',
      'chatRate',
    ]);
    const csv = await sessionExport(ledger, req({ params: { id: session.id }, query: { format: 'csv' } }));
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const json = await sessionExport(ledger, req({ params: { id: session.id } }));
    expect(JSON.parse(json.body).orderLines).toHaveLength(1);
    ledger.close();
  });

  it('answers 404 for an unknown session and 400 for bad input, with the error body', async () => {
    const ledger = openLedger({ dataDir: dirs.make(), backups: 0 });
    const missing = await sessionStats(ledger, req({ params: { id: 'nope' } }));
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({
      error: { code: 'unknown_session', message: 'No session with id nope', path: 'id' },
    });
    const badJson = await startSession(ledger, req({ body: '{' }));
    expect([badJson.status, JSON.parse(badJson.body).error.code]).toEqual([400, 'invalid_json']);
    const badRoom = await startSession(ledger, req({ body: JSON.stringify({ room: 'no spaces' }) }));
    expect(badRoom.status).toBe(400);
    expect(JSON.parse(badRoom.body).error.path).toBe('room');
    const badFormat = await sessionExport(ledger, req({ params: { id: 'x' }, query: { format: 'xml' } }));
    expect([badFormat.status, JSON.parse(badFormat.body).error.path]).toEqual([400, 'format']);
    expect((await stopSession(ledger, req())).status).toBe(409);
    ledger.close();
  });

  it('imports a GBK CSV named by its Content-Type, reports bad lines, lists products and patches one', async () => {
    const ledger = openLedger({ dataDir: dirs.make(), backups: 0 });
    const body = iconv.encode('商品编码,商品名称,价格,链接号\nT-1,白毫银针,368.00,1\nT-2,坏,x,2\n', 'gbk');
    const res = await importProducts(ledger, req({ body, headers: { 'content-type': 'text/csv; charset=gbk' } }));
    expect(JSON.parse(res.body)).toEqual({
      imported: 1,
      errors: [{ line: 3, message: 'price (价格) "x" is not a price in yuan (expected e.g. 299.00)' }],
    });
    expect((await importProducts(ledger, req())).status).toBe(400);
    const products = JSON.parse((await listProducts(ledger, req())).body).products;
    expect(products).toEqual([
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
    ]);
    const patched = await updateProduct(
      ledger,
      req({ params: { id: 'T-1' }, body: JSON.stringify({ stock: 'many' }) }),
    );
    expect(patched.status).toBe(400);
    expect(JSON.parse(patched.body).error.path).toBe('stock');
    ledger.close();
  });
});
