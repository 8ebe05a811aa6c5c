/**
 * An order export file as a table: CSV (UTF-8 or GBK) or XLSX, then the header row found below any title
 * rows the platform puts above it (merged "订单导出 2026-12-05" banners, filter notes).
 */
import { decodeCsv, parseCsvRows } from '../catalogue/csv';
import { charsetOf } from '../catalogue/import';
import { isXlsx, parseXlsxRows, type XlsxRowReader } from '../catalogue/xlsx';
import { assertXlsxWithinLimits } from '../catalogue/zip-limits';
import { StudioError } from '../errors';
import { fieldOfHeader } from './fields';

export interface ExportTable {
  header: string[];
  /** the header's row number in the file (1 = first) */
  headerLine: number;
  rows: { line: number; cells: string[] }[];
}

/** How many of the first rows may be titles above the header. */
const HEADER_SEARCH_ROWS = 30;

/** The header: the first row naming an order id column and at least one other known column. */
export function findHeader(rows: readonly { line: number; cells: string[] }[]): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const fields = rows[i].cells.map(fieldOfHeader).filter((f) => f !== undefined);
    if (fields.includes('orderId') && fields.length >= 2) return i;
  }
  return -1;
}

export async function readExportTable(
  bytes: Uint8Array,
  options: { contentType?: string; charset?: string; readXlsx?: XlsxRowReader } = {},
): Promise<ExportTable> {
  if (bytes.length === 0)
    throw new StudioError('empty_body', 'Send the order export (CSV or XLSX) as the request body');
  let rows: { line: number; cells: string[] }[];
  if (isXlsx(bytes, options.contentType)) {
    // Sizes from the zip directory before anything is inflated; the engine reads in a heap-limited worker.
    assertXlsxWithinLimits(bytes);
    try {
      rows = (await (options.readXlsx ?? parseXlsxRows)(bytes, Number.POSITIVE_INFINITY, 'export')).rows;
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('invalid_file', `Could not read the XLSX file: ${(error as Error).message}`);
    }
  } else {
    let text: string;
    try {
      text = decodeCsv(bytes, options.charset ?? charsetOf(options.contentType));
    } catch (error) {
      throw new StudioError('invalid_charset', (error as Error).message, { path: 'charset' });
    }
    const parsed = parseCsvRows(text);
    if (parsed.errors.length > 0) {
      const e = parsed.errors[0];
      throw new StudioError('invalid_file', e.message, { path: `line ${e.line}` });
    }
    rows = parsed.rows;
  }
  rows = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const at = findHeader(rows);
  if (at < 0) {
    throw new StudioError(
      'no_header',
      'No header row with an order number column (订单号, 订单编号, 主订单编号 or orderId) was found in the first 30 rows',
      { path: 'line 1' },
    );
  }
  return { header: rows[at].cells.map((c) => c.trim()), headerLine: rows[at].line, rows: rows.slice(at + 1) };
}
