import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { parseXlsxRows, type XlsxRowReader } from '../../../shared/catalogue/xlsx';
import { computeFigures } from '../../../shared/metrics/figures';
import { lateRefunds } from '../../../shared/recap/product-sales';
import { parseExport } from '../../../shared/reconcile/parse';
import { applyPlan, planReconciliation } from '../../../shared/reconcile/plan';
import {
  csvOf,
  EN_HEADER,
  ROWS,
  type Row,
  SHOW_END,
  SHOW_START,
  utf8,
  xlsxOf,
  ZH_HEADER,
} from '../../../shared/reconcile/reconcile.test-helpers';
import { readExportTable } from '../../../shared/reconcile/table';
import { openLedger } from './ledger';
import { feed, MIN, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const CATALOGUE = 'sku,title,price\nSKU-A,羊毛大衣,299.00\nSKU-B,真丝衬衫,150.00\n';

/** A show as the feed saw it: o1 right, o2 at 140 instead of 150, o3 without its refund, o4 not in the export, o9 missed. */
async function show(readXlsx?: XlsxRowReader) {
  const clock = { now: SHOW_START };
  const ledger = openLedger({ dataDir: dirs.make(), room: 'r1', now: () => clock.now, readXlsx });
  await ledger.importProducts(utf8(CATALOGUE));
  const f = feed();
  const s = ledger.startSession({ title: '周六专场', at: SHOW_START });
  const at = (h: number, m: number, sec = 0) => new Date(2026, 11, 5, h, m, sec).getTime();
  ledger.applyLiveEvents([
    f.paid('o1', at(20, 31, 2), 29_900, [{ sku: 'SKU-A', qty: 1, unit: 29_900 }], 'u1'),
    f.paid('o2', at(20, 40), 14_000, [{ sku: 'SKU-B', qty: 1, unit: 15_000 }], 'u2'),
    f.paid('o3', at(20, 50), 100_000, [{ sku: 'SKU-A', qty: 2, unit: 50_000 }], 'u3'),
    f.paid('o4', at(21, 0), 3_000, [{ sku: 'ZZ-UNKNOWN', qty: 1, unit: 3_000 }], 'u4'),
  ]);
  clock.now = SHOW_END;
  ledger.stopSession();
  clock.now = SHOW_END + 24 * 60 * MIN; // the export is downloaded the next day
  return { ledger, s, clock, f };
}

describe('reconciliation with the platform’s order export', () => {
  it('lists matched, missed, studio-only, mismatched and refunded orders; figures after equal the pure computation', async () => {
    const { ledger, s, clock } = await show();
    const before = ledger.statsWithRecord(s.id);
    expect(before.stats.reconciled).toBeNull();
    const bytes = utf8(csvOf(ZH_HEADER, ROWS));
    const answer = await ledger.reconcile(s.id, bytes, { source: '抖店订单.csv' });
    expect(answer).toMatchObject({
      kind: 'orders',
      matched: 3,
      onlyInExport: ['o9'],
      onlyInStudio: ['o4'],
      amountMismatches: [{ orderId: 'o2', studio: cny(14_000), export: cny(15_000) }],
      refundsAdded: [{ orderId: 'o3', amount: cny(8_000) }],
      outsideWindow: 1,
      unpaidRows: 1,
      reconciled: { at: clock.now, source: '抖店订单.csv' },
      unchanged: false,
    });
    expect(answer.before).toEqual(before.stats.figures);
    // the pure reading: the record corrected by the plan
    const parsed = parseExport(await readExportTable(bytes), 'CNY');
    const { plan } = planReconciliation(
      before.record,
      parsed,
      new Map([
        ['SKU-A', 'SKU-A'],
        ['SKU-B', 'SKU-B'],
      ]),
    );
    const pure = computeFigures(applyPlan(before.record, plan, clock.now));
    const after = ledger.stats(s.id);
    expect(after.figures).toEqual(pure);
    expect(answer.figures).toEqual(pure);
    // 299 + 150 + 1000 + 30 (studio only, kept) + 59.90 (missed by the feed)
    expect(after.figures).toMatchObject({ paidGmv: cny(153_890), refunds: cny(8_000), orders: 5 });
    expect(after.reconciled).toEqual({ at: clock.now, source: '抖店订单.csv' });
    // who sold it, from the export: o2 through 推客 小红, o9 from a note
    expect(after.sharers).toEqual([
      {
        sharerId: '小红',
        sharerName: '小红',
        paidGmv: cny(15_000),
        settledGmv: cny(15_000),
        orders: 1,
        commission: null,
      },
    ]);
    expect(after.channels.find((c) => c.channel === 'note')).toMatchObject({ paidGmv: cny(5_990), orders: 1 });
    // the refund the feed never brought is a late refund, flagged with its date and its source
    const { record, stats } = ledger.statsWithRecord(s.id);
    expect(lateRefunds(record, stats.figures.settledGmv.amount).list).toEqual([
      { orderId: 'o3', refundId: 'export', amount: cny(8_000), at: clock.now, source: 'export' },
    ]);
    // the export records every change, and the JSON/CSV exports say so
    const json = ledger.exportJson(s.id);
    expect(json.reconciled).toEqual({ at: clock.now, source: '抖店订单.csv' });
    expect(json.orders.find((o) => o.orderId === 'o9')).toMatchObject({ source: 'export', channel: 'note' });
    expect(ledger.exportCsv(s.id)).toContain(`reconciled with 抖店订单.csv at ${new Date(clock.now).toISOString()}`);
    ledger.close();
  });

  it('changes nothing when the same file comes again; a different file of the session updates', async () => {
    const { ledger, s, clock } = await show();
    const bytes = utf8(csvOf(ZH_HEADER, ROWS));
    const first = await ledger.reconcile(s.id, bytes, { source: 'a.csv' });
    const stats = ledger.stats(s.id);
    clock.now += 60 * MIN;
    const again = await ledger.reconcile(s.id, bytes, { source: 'a.csv' });
    expect(again).toEqual({ ...first, unchanged: true });
    expect(ledger.stats(s.id)).toEqual(stats);
    // the next day's export: o3's refund is now 100 yuan (not 80 + 100), o9 is gone but kept
    const rows = ROWS.filter((r) => r[0] !== 'o9').map(
      (r): Row => (r[0] === 'o3' ? ([...r.slice(0, 4), '100.00', ...r.slice(5)] as Row) : r),
    );
    const second = await ledger.reconcile(s.id, utf8(csvOf(EN_HEADER, rows)), { source: 'b.csv' });
    expect(second).toMatchObject({
      unchanged: false,
      refundsAdded: [{ orderId: 'o3', amount: cny(10_000) }],
      onlyInExport: [],
    });
    expect(second.onlyInStudio.sort()).toEqual(['o4', 'o9']);
    const after = ledger.stats(s.id);
    expect(after.figures.refunds).toEqual(cny(10_000));
    expect(after.figures.orders).toBe(5);
    expect(after.reconciled).toEqual({ at: clock.now, source: 'b.csv' });
    ledger.close();
  });

  it('applies a refunds-only export to the session’s orders and ignores other orders', async () => {
    const { ledger, s } = await show();
    const answer = await ledger.reconcile(s.id, utf8('订单号,退款金额\no1,50.00\nelsewhere,9.00\n'), {
      source: '售后.csv',
    });
    expect(answer).toMatchObject({ kind: 'refunds', matched: 1, onlyInStudio: [], outsideWindow: 1 });
    expect(ledger.stats(s.id).figures.refunds).toEqual(cny(5_000));
    ledger.close();
  });

  it('refuses a running session and a bad file, changing nothing', async () => {
    const { ledger, s } = await show();
    const stats = ledger.stats(s.id);
    const bad: Row[] = [['o1', '2026-12-05 20:31:02', '??', '', '', '', '', '', '']];
    await expect(ledger.reconcile(s.id, utf8(csvOf(ZH_HEADER, bad)))).rejects.toMatchObject({ code: 'invalid_row' });
    expect(ledger.stats(s.id)).toEqual(stats);
    const running = ledger.startSession({ title: 'next', at: SHOW_END + 2 * MIN });
    await expect(ledger.reconcile(running.id, utf8(csvOf(ZH_HEADER, ROWS)))).rejects.toMatchObject({
      code: 'session_running',
    });
    ledger.close();
  });

  it('refuses an XLSX export that would inflate past the limit before reading it, then reads a real one', async () => {
    const asked: (string | undefined)[] = [];
    const { ledger, s } = await show((bytes, keep, cells) => {
      asked.push(cells);
      return parseXlsxRows(bytes, keep, cells);
    });
    const before = ledger.statsWithRecord(s.id).stats.figures;
    const zip = await JSZip.loadAsync(await xlsxOf(ZH_HEADER, ROWS));
    zip.file('xl/media/image1.png', new Uint8Array(64 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const error = await ledger.reconcile(s.id, bomb).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file_too_large', status: 413 });
    expect(ledger.statsWithRecord(s.id).stats).toMatchObject({ figures: before, reconciled: null });
    const answer = await ledger.reconcile(s.id, await xlsxOf(ZH_HEADER, ROWS), { source: '抖店订单.xlsx' });
    expect(answer).toMatchObject({ matched: 3, onlyInExport: ['o9'] });
    // the ledger's reader (the worker in the engine) read it, with export cells; the bomb never reached it
    expect(asked).toEqual(['export']);
    ledger.close();
  });
});
