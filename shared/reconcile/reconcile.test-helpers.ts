/** Hand-made platform order exports for the reconciliation tests, in each header style platforms use. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** 2026-12-05 20:00 in this machine's zone: exports write local wall-clock times. */
export const SHOW_START = new Date(2026, 11, 5, 20, 0, 0).getTime();
export const SHOW_END = new Date(2026, 11, 5, 22, 0, 0).getTime();

/** Rows as [orderId, paidAt text, paid yuan, status, refund yuan, sku, qty, channel, sharer]. */
export type Row = [string, string, string, string, string, string, string, string, string];

export const ZH_HEADER = [
  '订单编号',
  '支付时间',
  '实付金额',
  '订单状态',
  '退款金额',
  '商品编码',
  '数量',
  '流量来源',
  '推客',
];
export const EN_HEADER = [
  'orderId',
  'paidAt',
  'paidAmount',
  'status',
  'refundAmount',
  'sku',
  'qty',
  'channel',
  'sharer',
];
export const MIXED_HEADER = [
  '主订单编号',
  'paidAt',
  '订单实付',
  'status',
  '退款金额',
  'sku',
  '商品数量',
  'channel',
  '分享者',
];

/** The standard case: o1 matched, o2 amount differs, o3 refunded (80 yuan), o9 missed by the feed, x1 paid the day before. */
export const ROWS: Row[] = [
  ['o1', '2026-12-05 20:31:02', '299.00', '已完成', '', 'SKU-A', '1', '直播间', ''],
  ['o2', '2026/12/05 20:40', '150.00', '已发货', '', 'SKU-B', '1', '推客分享', '小红'],
  ['o3', '2026-12-05T20:50:00', '¥1,000.00', '售后中', '80.00', 'SKU-A', '2', '直播间', ''],
  ['o9', '2026-12-05 21:10:00', '59.90', '已完成', '', 'SKU-B', '1', '笔记', ''],
  ['x1', '2026-12-04 10:00:00', '10.00', '已完成', '', 'SKU-A', '1', '直播间', ''],
  ['c1', '', '20.00', '已取消', '', 'SKU-A', '1', '', ''],
];

export const csvOf = (header: readonly string[], rows: readonly Row[]): string =>
  `${[header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'));

/** An XLSX as 抖店 writes it: a merged title row and a note row above the header, dates as date cells. */
export async function xlsxOf(header: readonly string[], rows: readonly Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单');
  ws.addRow(['抖店 订单导出 2026-12-05']);
  ws.mergeCells(1, 1, 1, header.length);
  ws.addRow(['导出时间: 2026-12-06 09:00', '', '筛选: 全部订单']);
  ws.mergeCells(2, 1, 2, 2);
  ws.addRow([...header]);
  for (const r of rows) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(r[1]);
    // Excel keeps the wall-clock time: exceljs writes a Date's UTC fields as the shown time
    const paidAt = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : r[1];
    ws.addRow([
      r[0],
      paidAt,
      r[2] === '' ? '' : Number(r[2].replace(/[¥,]/g, '')),
      r[3],
      r[4],
      r[5],
      Number(r[6]),
      r[7],
      r[8],
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
