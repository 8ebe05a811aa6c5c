/** XLSX catalogues through exceljs: the first worksheet, row numbers as Excel shows them. */
import ExcelJS from 'exceljs';

type CellValue = ExcelJS.CellValue;

/** A cell as the text a person sees; numbers keep at most the two decimals a price has. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const cents = value * 100;
    return Math.abs(cents - Math.round(cents)) < 1e-6 ? String(Math.round(cents) / 100) : String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellText(value.result as CellValue); // formula
    if ('error' in value) return '';
  }
  return String(value);
}

export const isXlsx = (bytes: Uint8Array, contentType?: string): boolean =>
  (contentType ?? '').includes('spreadsheetml') ||
  (bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

export interface XlsxRows {
  /** The first `keep` non-empty rows of the first sheet. */
  rows: { line: number; cells: string[] }[];
  /** How many non-empty rows the sheet has in all. */
  total: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell of a platform's order export: dates as the wall-clock text Excel shows (exceljs hands them over
 * as UTC instants of the shown time, and the studio reads times without an offset in the machine's zone),
 * whole numbers as written (long order numbers).
 */
export function wallClockCellText(value: CellValue): string {
  if (value instanceof Date) {
    const d = value;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return cellText(value);
}

/** How cells become text: `catalogue` (cellText) or `export` (wallClockCellText). */
export type CellStyle = 'catalogue' | 'export';
const CELL_TEXT: Record<CellStyle, (value: CellValue) => string> = {
  catalogue: cellText,
  export: wallClockCellText,
};

export type XlsxRowReader = (bytes: Uint8Array, keep: number, cells?: CellStyle) => Promise<XlsxRows>;

/**
 * Reads the first worksheet in this thread (the engine runs catalogue imports in a worker: see
 * xlsx-in-worker.ts); `cells` says how each cell becomes text.
 */
export const parseXlsxRows: XlsxRowReader = async (bytes, keep, cells = 'catalogue') => {
  const text = CELL_TEXT[cells];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const out: XlsxRows = { rows: [], total: 0 };
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    out.total++;
    if (out.rows.length < keep)
      out.rows.push({ line, cells: Array.from((row.values as CellValue[]).slice(1), (v) => text(v)) });
  });
  return out;
};
