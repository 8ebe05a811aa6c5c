/**
 * CSV catalogues: bytes decoded as UTF-8 when they are valid UTF-8, else as GBK (GB18030, its superset,
 * which Excel on Chinese Windows writes), unless the caller names a charset; then parsed with papaparse.
 * Line numbers are the spreadsheet's row numbers: the header is line 1.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { ImportError } from './columns';

export function decodeCsv(bytes: Uint8Array, charset?: string): string {
  const name = charset?.trim().toLowerCase();
  let text: string;
  if (name && name !== 'utf-8' && name !== 'utf8') {
    const encoding = name === 'gbk' || name === 'gb2312' ? 'gb18030' : name;
    if (!iconv.encodingExists(encoding)) throw new Error(`Unknown charset "${charset}"`);
    text = iconv.decode(Buffer.from(bytes), encoding);
  } else if (name) {
    text = new TextDecoder('utf-8').decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = iconv.decode(Buffer.from(bytes), 'gb18030');
    }
  }
  return text.replace(/^\uFEFF/, '');
}

/** Rows of cells with their line numbers; a malformed quote is reported on its row and the row dropped. */
export function parseCsvRows(text: string): { rows: { line: number; cells: string[] }[]; errors: ImportError[] } {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: '' });
  const bad = new Map<number, string>();
  for (const e of parsed.errors) {
    if (e.row !== undefined && e.code !== 'UndetectableDelimiter') bad.set(e.row, e.message);
  }
  const rows: { line: number; cells: string[] }[] = [];
  const errors: ImportError[] = [];
  parsed.data.forEach((cells, i) => {
    const line = i + 1;
    const message = bad.get(i);
    if (message) errors.push({ line, message: `Could not read this line as CSV: ${message}` });
    else rows.push({ line, cells });
  });
  return { rows, errors };
}
