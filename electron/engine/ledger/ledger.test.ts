import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFromExport } from '../../../shared/metrics/export';
import { recordFromExportCsv } from '../../../shared/metrics/export-csv';
import { computeStats } from '../../../shared/metrics/stats';
import { openLedger } from './ledger';
import { feed, MIN, T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const fixture = readFileSync(join(import.meta.dirname, '../../../tests/fixtures/catalogue.csv'));

function open(dataDir = dirs.make(), clock = { now: T0 }) {
  return openLedger({
    dataDir,
    backups: 3,
    room: 'r1',
    classifyQuestion: (t) => t.includes('?'),
    now: () => clock.now,
  });
}

describe('ledger: orders, refunds and anomalies', () => {
  it('ignores duplicates, refuses excessive and unknown refunds as anomalies the recap shows, and counts late refunds', () => {
    const clock = { now: T0 };
    const ledger = open(dirs.make(), clock);
    const f = feed();
    const s = ledger.startSession({ title: '周五专场', at: T0 });
    const paid = f.paid('o1', T0 + 10_000, 29_900, [{ sku: 'A', qty: 1, unit: 29_900 }], 'u1');
    const r1 = ledger.applyLiveEvents([paid, f.paid('o2', T0 + 20_000, 10_000, [{ sku: 'B', qty: 2, unit: 5_000 }])]);
    expect(r1).toMatchObject({ applied: 2, duplicates: 0, lastSeq: { r1: 2 } });
    // the same batch again (a redelivery after reconnect) and the same id under a new seq
    expect(ledger.applyLiveEvents([paid, { ...paid, seq: 3 }])).toMatchObject({
      applied: 0,
      duplicates: 2,
      lastSeq: { r1: 3 },
    });
    f.skip(1);
    const r2 = ledger.applyLiveEvents([
      f.refund('o1', 'rf1', 10_000, T0 + 30_000),
      f.refund('o1', 'rf2', 20_000, T0 + 31_000), // 10,000 + 20,000 > 29,900
      f.refund('nope', 'rf3', 100, T0 + 32_000),
    ]);
    expect(r2.anomalies.map((a) => a.kind)).toEqual(['refund_exceeds_paid', 'refund_unknown_order']);
    clock.now = T0 + 10 * MIN;
    ledger.stopSession();
    clock.now = T0 + 2 * 24 * 60 * MIN;
    ledger.applyLiveEvents([f.refund('o2', 'rf4', 5_000, clock.now)]);
    const stats = ledger.stats(s.id);
    expect(stats.figures).toMatchObject({
      paidGmv: cny(39_900),
      refunds: cny(15_000),
      settledGmv: cny(24_900),
      orders: 2,
      units: 3,
    });
    expect(stats.anomalies.map((a) => [a.kind, a.orderId, a.refundId, a.amount])).toEqual([
      ['refund_exceeds_paid', 'o1', 'rf2', cny(20_000)],
      ['refund_unknown_order', 'nope', 'rf3', cny(100)],
    ]);
    expect(stats.anomalies[0].message).toMatch(/over the 29900 paid/);
    ledger.close();
  });

  it('counts an order without an amount, marks money incomplete, and completes it when the amount arrives', () => {
    const ledger = open();
    const f = feed();
    const s = ledger.startSession({ at: T0 });
    ledger.applyLiveEvents([f.paid('o1', T0 + 1_000, null, [], 'u1')]);
    let stats = ledger.stats(s.id);
    expect(stats.figures.orders).toBe(1);
    expect(stats.incomplete.money).toBe(true);
    ledger.applyLiveEvents([f.paid('o1', T0 + 5_000, 8_800, [])]);
    stats = ledger.stats(s.id);
    expect(stats.figures.paidGmv).toEqual(cny(8_800));
    expect(stats.incomplete.money).toBe(false);
    expect(ledger.liveFigures()?.figures).toEqual(stats.figures);
    ledger.close();
  });

  it('keeps the last applied seq across a restart and marks gap minutes incomplete', () => {
    const dataDir = dirs.make();
    const clock = { now: T0 + 10 * MIN };
    let ledger = open(dataDir, clock);
    const f = feed();
    const s = ledger.startSession({ at: T0 });
    ledger.applyLiveEvents([f.chat('hi', T0 + MIN + 5_000)]);
    ledger.close();
    ledger = open(dataDir, clock);
    expect(ledger.lastAppliedSeq('r1')).toBe(1);
    expect(ledger.lastAppliedSeq('other')).toBe(0);
    expect(ledger.currentSession()?.id).toBe(s.id); // back within the resume window: it goes on
    // the gateway no longer held seqs 2..4: resync from 5
    ledger.markGap('r1', 2, 4, T0 + 3 * MIN + 10_000);
    f.skip(3);
    ledger.applyLiveEvents([f.chat('买了?', T0 + 3 * MIN + 20_000)]);
    expect(ledger.lastAppliedSeq('r1')).toBe(5);
    // a jump the feed did not announce is recorded as a gap too: from the last event known (3:20) to the jump (7:01)
    f.skip(2);
    ledger.applyLiveEvents([f.like(3, T0 + 7 * MIN + 1_000)]);
    ledger.stopSession({ at: T0 + 9 * MIN });
    const minutes = ledger.stats(s.id).minutes;
    expect(minutes.map((m) => m.incomplete)).toEqual([false, true, true, true, true, true, true, true, false]);
    expect(minutes.map((m) => m.chat)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0]);
    ledger.close();
  });
});

/** A ledger with a session 夜场 started at T0 and one paid order o1 (¥1.00) a second later. */
function openWithPaidOrder(dataDir: string, clock: { now: number }) {
  const ledger = open(dataDir, clock);
  const f = feed();
  const s = ledger.startSession({ title: '夜场', at: T0 });
  ledger.applyLiveEvents([f.paid('o1', T0 + 1_000, 100, [{ sku: 'A', qty: 1, unit: 100 }])]);
  return { ledger, f, s };
}

describe('ledger: sessions', () => {
  it('finds a session left open by a crash and resumes it with everything recorded meanwhile', () => {
    const dataDir = dirs.make();
    const clock = { now: T0 };
    let { ledger, f, s } = openWithPaidOrder(dataDir, clock);
    expect(() => ledger.startSession()).toThrow(/already running/);
    ledger.close(); // no stop: what a crash leaves behind
    clock.now = T0 + 1_000 + 10 * MIN + 2; // just past the resume window after the last event
    ledger = open(dataDir, clock);
    expect(ledger.currentSession()).toBeNull();
    expect(ledger.interruptedSession()).toMatchObject({ id: s.id, title: '夜场', endedAt: null });
    expect(() => ledger.startSession()).toThrow(/interrupted/);
    ledger.applyLiveEvents([f.paid('o2', T0 + 2_000, 200, [])]);
    ledger.resumeSession(s.id);
    expect(ledger.liveFigures()?.figures.paidGmv).toEqual(cny(300));
    clock.now = T0 + 15 * MIN;
    expect(ledger.stopSession().endedAt).toBe(T0 + 15 * MIN);
    expect(ledger.listSessions()).toMatchObject([{ id: s.id, paidGmv: cny(300), orders: 2, peakViewers: null }]);
    ledger.close();
  });

  it('a session left open by a crash goes on by itself when the ledger is back within the resume window', () => {
    const dataDir = dirs.make();
    const clock = { now: T0 };
    let { ledger, s } = openWithPaidOrder(dataDir, clock);
    ledger.close();
    clock.now = T0 + 1_000 + 10 * MIN; // exactly 10 minutes after the last recorded event
    ledger = open(dataDir, clock);
    expect(ledger.interruptedSession()).toBeNull();
    expect(ledger.currentSession()).toMatchObject({ id: s.id, endedAt: null });
    expect(ledger.autoResumed?.id).toBe(s.id);
    expect(ledger.liveFigures()?.figures.paidGmv).toEqual(cny(100));
    ledger.close();
    // 0: never on its own, however soon
    ledger = openLedger({ dataDir, backups: 3, room: 'r1', resumeWindowMs: 0, now: () => clock.now });
    expect(ledger.currentSession()).toBeNull();
    expect(ledger.interruptedSession()?.id).toBe(s.id);
    ledger.close();
  });

  it('closes an interrupted session at its last recorded event, keeping its data', () => {
    const dataDir = dirs.make();
    const clock = { now: T0 };
    let ledger = open(dataDir, clock);
    const f = feed();
    const s = ledger.startSession({ at: T0 });
    ledger.applyLiveEvents([f.paid('o1', T0 + 90_000, 100, []), f.viewers(50, 70, T0 + 100_000)]);
    ledger.close();
    clock.now = T0 + 60 * MIN;
    ledger = open(dataDir, clock);
    const closed = ledger.closeInterrupted(s.id);
    expect(closed.endedAt).toBe(T0 + 100_001);
    expect(ledger.stats(s.id).figures).toMatchObject({
      paidGmv: cny(100),
      orders: 1,
      peakViewers: 50,
      cumulativeViewers: 70,
    });
    const next = ledger.startSession();
    const list = ledger.listSessions();
    expect(list.map((x) => x.id)).toEqual([next.id, s.id]);
    ledger.close();
  });
});

describe('ledger: products', () => {
  it('imports the catalogue, keeps run-of-show order and link numbers, edits, reorders, deletes, counts sales', async () => {
    const clock = { now: T0 };
    const ledger = open(dirs.make(), clock);
    expect(await ledger.importProducts(fixture)).toEqual({ imported: 30, errors: [] });
    let products = ledger.listProducts();
    expect(products).toHaveLength(30);
    expect(products[2]).toEqual({
      productId: 'XHS-SK-001',
      sku: 'XHS-SK-001',
      title: '积雪草舒缓修护精华液 30ml',
      price: cny(26_800),
      originalPrice: cny(32_800),
      stock: 500,
      image: 'images/XHS-SK-001.jpg',
      linkNo: 3,
    });
    // re-import updates by sku and appends new products
    const again = await ledger.importProducts(
      Buffer.from('sku,title,price,stock\nXHS-SK-001,精华液 新版,199.00,10\nNEW-1,新品,9.90,\n'),
    );
    expect(again).toEqual({ imported: 2, errors: [] });
    products = ledger.listProducts();
    expect(products).toHaveLength(31);
    expect(products[2]).toMatchObject({ title: '精华液 新版', price: cny(19_900), stock: 10, originalPrice: null });
    expect(products[30]).toMatchObject({ sku: 'NEW-1', linkNo: 31, stock: null });
    ledger.updateProduct('NEW-1', { linkNo: 99, stock: 5 });
    expect(() => ledger.updateProduct('NEW-1', { price: { amount: -1, currency: 'CNY' } })).toThrow(/price/);
    expect(() => ledger.updateProduct('nope', { stock: 1 })).toThrow(/No product/);
    const ids = products.map((p) => p.productId);
    const reordered = ledger.reorderProducts([ids[30], ...ids.slice(0, 30)]);
    expect(reordered[0]).toMatchObject({ productId: 'NEW-1', linkNo: 99 });
    expect(reordered[1]).toMatchObject({ productId: 'XHS-CL-001', linkNo: 2 });
    expect(() => ledger.reorderProducts(ids.slice(1))).toThrow(/every product exactly once/);
    ledger.deleteProduct('NEW-1');
    expect(ledger.listProducts()[0].linkNo).toBe(1);

    const f = feed();
    ledger.startSession({ at: T0 });
    ledger.applyLiveEvents([
      f.paid('o1', T0 + 1, 139_800, [{ sku: 'XHS-CL-001', qty: 2, unit: 69_900 }]),
      f.paid('o2', T0 + 2, 69_900, [
        { sku: 'XHS-CL-001', qty: 1, unit: 69_900 },
        { sku: 'UNKNOWN', qty: 1, unit: 0 },
      ]),
    ]);
    const live = () =>
      Object.fromEntries((ledger.liveTally()?.productTallies() ?? []).map((p) => [p.productId, p.units]));
    const recorded = (id: string) =>
      Object.fromEntries(
        ledger
          .stats(id)
          .products.filter((p) => p.units > 0)
          .map((p) => [p.productId, p.units]),
      );
    expect(live()).toEqual({ 'XHS-CL-001': 3, UNKNOWN: 1 });
    // kept incrementally from here on (a redelivered order counts once), and equal to the count from SQL
    ledger.applyLiveEvents([f.paid('o3', T0 + 3, 25_900, [{ sku: 'XHS-SC-001', qty: 4, unit: 25_900 }])]);
    ledger.applyLiveEvents([f.paid('o3', T0 + 4, 25_900, [{ sku: 'XHS-SC-001', qty: 4, unit: 25_900 }])]);
    const sessionId = ledger.currentSession()!.id;
    expect(live()).toEqual({ 'XHS-CL-001': 3, UNKNOWN: 1, 'XHS-SC-001': 4 });
    expect(recorded(sessionId)).toEqual(live());
    ledger.stopSession({ at: T0 + 10 });
    expect(recorded(sessionId)).toEqual({ 'XHS-CL-001': 3, UNKNOWN: 1, 'XHS-SC-001': 4 });
    ledger.close();
  });
});

describe('ledger: export', () => {
  it('recomputes every figure, segment and minute from the JSON export and from the CSV export alone', async () => {
    const clock = { now: T0 };
    const ledger = open(dirs.make(), clock);
    await ledger.importProducts(fixture);
    const f = feed();
    ledger.pin('XHS-CL-001', T0 - MIN);
    const s = ledger.startSession({ title: '导出, "测试"', at: T0 });
    const events = [
      f.viewers(120, 300, T0 + 1_000),
      f.paid('o1', T0 + 20_000, 69_900, [{ sku: 'XHS-CL-001', qty: 1, unit: 69_900 }], 'u1'),
      f.chat('有S码吗?', T0 + 30_000),
      f.chat('好看', T0 + 40_000),
      f.like(12, T0 + 50_000),
      f.paid('o2', T0 + 3 * MIN, null, [{ sku: 'XHS-SC-001', qty: 2, unit: 25_900 }]),
      f.viewers(340, 900, T0 + 4 * MIN),
      f.refund('o1', 'r1', 9_900, T0 + 5 * MIN),
      f.refund('o1', 'r2', 99_900, T0 + 5 * MIN),
    ];
    ledger.applyLiveEvents(events);
    ledger.pin('XHS-SC-001', T0 + 2 * MIN);
    ledger.unpin(T0 + 4 * MIN);
    clock.now = T0 + 6 * MIN + 30_000;
    ledger.stopSession();
    const stats = ledger.stats(s.id);
    const json = ledger.exportJson(s.id);
    const fromJson = computeStats(recordFromExport(JSON.parse(JSON.stringify(json))));
    const csv = ledger.exportCsv(s.id);
    expect(csv.startsWith('\uFEFFrecord,')).toBe(true);
    expect(csv).toContain('order_line,');
    expect(csv.split('\r\n')[0]).toContain('unitPriceFen');
    const fromCsv = computeStats(recordFromExportCsv(csv));
    for (const again of [fromJson, fromCsv]) {
      expect(again.figures).toEqual(stats.figures);
      expect(again.segments).toEqual(stats.segments);
      expect(again.products).toEqual(stats.products);
      expect(again.minutes).toEqual(stats.minutes);
      expect(again.incomplete).toEqual(stats.incomplete);
    }
    expect(stats.segments.map((x) => [x.productId, x.durationMs])).toEqual([
      ['XHS-CL-001', 2 * MIN],
      ['XHS-SC-001', 2 * MIN],
    ]);
    expect(json.orderLines[0]).toEqual({
      orderId: 'o1',
      paidAt: T0 + 20_000,
      buyerId: 'u1',
      channel: null,
      sku: 'XHS-CL-001',
      productId: 'XHS-CL-001',
      qty: 1,
      unitPrice: cny(69_900),
    });
    expect(json.anomalies).toHaveLength(1);
    expect(stats.figures.refunds).toEqual(cny(9_900));
    ledger.close();
  });
});
