import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseXlsxRows, type XlsxRowReader } from '../catalogue/xlsx';
import { StudioError } from '../errors';
import { guessMapping, headerSignature } from './fields';
import { parseExport } from './parse';
import {
  csvOf,
  EN_HEADER,
  gbk,
  MIXED_HEADER,
  ROWS,
  type Row,
  SHOW_START,
  utf8,
  xlsxOf,
  ZH_HEADER,
} from './reconcile.test-helpers';
import { readExportTable } from './table';
import { parseExportTime } from './values';

const local = (y: number, mo: number, d: number, h: number, mi: number, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s).getTime();

async function parse(bytes: Uint8Array, contentType?: string) {
  return parseExport(await readExportTable(bytes, { contentType }), 'CNY');
}

function expectStandardOrders(orders: Awaited<ReturnType<typeof parse>>['orders']) {
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  expect([...byId.keys()]).toEqual(['o1', 'o2', 'o3', 'o9', 'x1']);
  expect(byId.get('o1')).toMatchObject({
    paidAt: local(2026, 12, 5, 20, 31, 2),
    paid: 29_900,
    refunded: 0,
    channel: 'live',
  });
  expect(byId.get('o2')).toMatchObject({
    paidAt: local(2026, 12, 5, 20, 40),
    paid: 15_000,
    channel: 'share',
    sharer: '小红',
  });
  expect(byId.get('o3')).toMatchObject({
    paid: 100_000,
    refunded: 8_000,
    lines: [{ sku: 'SKU-A', qty: 2, paid: 100_000 }],
  });
  expect(byId.get('o9')).toMatchObject({ channel: 'note', paid: 5_990 });
}

describe('order export parsing, per header style', () => {
  it('reads a Chinese header (UTF-8 CSV with a BOM)', async () => {
    const parsed = await parse(utf8(`\uFEFF${csvOf(ZH_HEADER, ROWS)}`));
    expect(parsed.kind).toBe('orders');
    expect(parsed.mapping.orderId).toBe('订单编号');
    expectStandardOrders(parsed.orders);
    expect(parsed.unpaidRows).toBe(1); // c1: cancelled, never paid
  });

  it('reads an English header', async () => {
    expectStandardOrders((await parse(utf8(csvOf(EN_HEADER, ROWS)))).orders);
  });

  it('reads a mixed header (主订单编号, paidAt, 订单实付 ...)', async () => {
    const parsed = await parse(utf8(csvOf(MIXED_HEADER, ROWS)));
    expect(parsed.mapping).toMatchObject({
      orderId: '主订单编号',
      paidAmount: '订单实付',
      qty: '商品数量',
      sharer: '分享者',
    });
    expectStandardOrders(parsed.orders);
  });

  it('reads a GBK CSV as Excel on Chinese Windows saves it', async () => {
    // GBK has no ¥ (U+00A5): Chinese Windows writes the full-width ￥
    const bytes = gbk(csvOf(ZH_HEADER, ROWS).replace('¥', '￥'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expectStandardOrders((await parse(bytes)).orders);
  });

  it('reads an XLSX with merged title rows above the header and date cells', async () => {
    const bytes = await xlsxOf(
      ZH_HEADER,
      ROWS.filter((r) => /^\d{4}-\d{2}-\d{2} /.test(r[1]) || r[1] === ''),
    );
    const table = await readExportTable(bytes);
    expect(table.headerLine).toBe(3);
    const parsed = parseExport(table, 'CNY');
    expect(parsed.orders.find((o) => o.orderId === 'o1')).toMatchObject({
      paidAt: local(2026, 12, 5, 20, 31, 2),
      paid: 29_900,
    });
    expect(parsed.orders.find((o) => o.orderId === 'o9')?.channel).toBe('note');
  });

  it('refuses an XLSX that would inflate past the limit before reading it, and reads others with export cells', async () => {
    const zip = await JSZip.loadAsync(await xlsxOf(ZH_HEADER, ROWS));
    zip.file('xl/media/image1.png', new Uint8Array(64 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const asked: (string | undefined)[] = [];
    const readXlsx: XlsxRowReader = (bytes, keep, cells) => {
      asked.push(cells);
      return parseXlsxRows(bytes, keep, cells);
    };
    const error = await readExportTable(bomb, { readXlsx }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file_too_large', status: 413, path: 'body' });
    expect(asked).toEqual([]);
    const table = await readExportTable(await xlsxOf(ZH_HEADER, ROWS), { readXlsx });
    expect(asked).toEqual(['export']);
    expect(table.rows.length).toBeGreaterThan(0);
  });

  it('merges the rows of one order (one row per sub-order) and keeps each line', async () => {
    const rows: Row[] = [
      ['m1', '2026-12-05 20:10:00', '100.00', '已完成', '', 'SKU-A', '1', '直播', ''],
      ['m1', '2026-12-05 20:10:00', '50.00', '已完成', '20.00', 'SKU-B', '2', '直播', ''],
    ];
    const [m1] = (await parse(utf8(csvOf(ZH_HEADER, rows)))).orders;
    expect(m1).toMatchObject({ paid: 15_000, refunded: 2_000, rows: 2 });
    expect(m1.lines).toEqual([
      { sku: 'SKU-A', qty: 1, paid: 10_000 },
      { sku: 'SKU-B', qty: 2, paid: 5_000 },
    ]);
  });

  it('treats a file with refunds but no payment columns as a refunds-only export', async () => {
    const parsed = await parse(utf8('订单号,退款金额,订单状态\no1,10.00,退款成功\n'));
    expect(parsed.kind).toBe('refunds');
    expect(parsed.orders[0]).toMatchObject({ orderId: 'o1', refunded: 1_000 });
  });

  it('refuses an unreadable amount or time with the line, and a file without an order column', async () => {
    const bad: Row[] = [['o1', '2026-12-05 20:31:02', 'abc', '', '', '', '', '', '']];
    await expect(parse(utf8(csvOf(ZH_HEADER, bad)))).rejects.toMatchObject({ code: 'invalid_row', path: 'line 2' });
    const badTime: Row[] = [['o1', 'yesterday', '1.00', '', '', '', '', '', '']];
    await expect(parse(utf8(csvOf(EN_HEADER, badTime)))).rejects.toMatchObject({ code: 'invalid_row', path: 'line 2' });
    await expect(parse(utf8('a,b\n1,2\n'))).rejects.toBeInstanceOf(StudioError);
  });

  it('takes the user’s correction of a guess, and refuses a column the file does not have', async () => {
    const header = ['订单编号', '付款完成', '实付金额'];
    const table = await readExportTable(utf8(`${header.join(',')}\no1,2026-12-05 20:31:02,1.00\n`));
    expect(guessMapping(table.header).paidAt).toBeNull();
    expect(() => parseExport(table, 'CNY')).toThrow(/payment time/);
    expect(parseExport(table, 'CNY', { paidAt: '付款完成' }).orders[0].paidAt).toBe(local(2026, 12, 5, 20, 31, 2));
    expect(() => parseExport(table, 'CNY', { paidAt: 'nope' })).toThrow(/no column/);
    expect(headerSignature(table.header)).toBe('订单编号|付款完成|实付金额');
  });
});

describe('export times', () => {
  it('reads the accepted formats; text without an offset in the machine’s zone', () => {
    expect(parseExportTime('2026-12-05 20:31:02')).toBe(local(2026, 12, 5, 20, 31, 2));
    expect(parseExportTime('2026/12/05 20:31')).toBe(local(2026, 12, 5, 20, 31));
    expect(parseExportTime('2026-12-05T20:31:02+08:00')).toBe(Date.UTC(2026, 11, 5, 12, 31, 2));
    expect(parseExportTime('2026-12-05T12:31:02Z')).toBe(Date.UTC(2026, 11, 5, 12, 31, 2));
    expect(parseExportTime(String(SHOW_START))).toBe(SHOW_START);
    expect(parseExportTime('2026-13-05 20:31')).toBeNull();
    expect(parseExportTime('soon')).toBeNull();
  });
});
