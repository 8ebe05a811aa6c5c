/**
 * Catalogue imports cannot exhaust the engine: an XLSX whose zip directory says it inflates past ~50 MB
 * is refused before anything is inflated (a zip bomb built here: a tiny workbook with a 64 MB run of
 * zeros inside), a workbook that would take more heap than the reader's worker may have ends that
 * worker with a clear error while the engine goes on, more than 5,000 product rows are refused whole,
 * and at most 100 line errors are reported. Each refusal changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { readZipDirectory } from '../../../shared/catalogue/zip-limits';
import { type Ledger, openLedger } from './ledger';
import { xlsxWorkerReader } from './xlsx-in-worker';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(() => {
  for (const l of ledgers.splice(0)) l.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ledger(options: Partial<Parameters<typeof openLedger>[0]> = {}): Ledger {
  const dataDir = mkdtempSync(join(tmpdir(), 'maishou-import-'));
  dirs.push(dataDir);
  const l = openLedger({ dataDir, backups: 0, ...options });
  ledgers.push(l);
  return l;
}

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('商品');
  sheet.addRow(['sku', 'title', 'price']);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the import was accepted');
    },
    (error: { code?: string; status?: number; path?: string; message: string }) => error,
  );

describe('catalogue import limits', () => {
  it('refuses a zip bomb from its directory, before inflating it, and imports nothing', async () => {
    const zip = await JSZip.loadAsync(await workbook([['A-1', '衬衫', 99]]));
    zip.file('xl/media/image1.png', new Uint8Array(64 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024); // small on the wire
    expect(readZipDirectory(bomb).uncompressedBytes).toBeGreaterThan(64 * 1024 * 1024);
    const l = ledger();
    const error = await refusal(l.importProducts(bomb));
    expect(error).toMatchObject({ code: 'file_too_large', status: 413, path: 'body' });
    expect(error.message).toMatch(/64 MB.*at most 50 MB/);
    expect(l.listProducts()).toEqual([]);
  });

  it('a workbook heavier than the worker may hold ends the worker, not the engine', async () => {
    // 200,000 rows: about 13 MB of sheet XML, under the directory limit, but far past a 48 MB heap
    const zip = await JSZip.loadAsync(await workbook([]));
    const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c></row>'];
    for (let r = 2; r <= 200_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>S${r}</t></is></c></row>`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
    const heavy = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const l = ledger({ readXlsx: xlsxWorkerReader({ heapMb: 48 }) });
    const error = await refusal(l.importProducts(heavy));
    expect(error).toMatchObject({ code: 'file_too_large', status: 413 });
    // the engine thread is fine and the same ledger still imports a normal workbook (in a worker too)
    const ok = await l.importProducts(await workbook([['A-1', '衬衫', 99]]));
    expect(ok).toEqual({ imported: 1, errors: [] });
  }, 120_000);

  it('refuses more than 5,000 product rows, CSV or XLSX, and takes exactly 5,000', async () => {
    const l = ledger();
    const csv = (n: number) =>
      Buffer.from(['sku,title,price', ...Array.from({ length: n }, (_, i) => `S-${i},商品 ${i},9.9`)].join('\n'));
    const tooMany = await refusal(l.importProducts(csv(5_001)));
    expect(tooMany).toMatchObject({ code: 'too_many_rows', status: 413, path: 'body' });
    expect(tooMany.message).toContain('5001');
    const xlsx = await workbook(Array.from({ length: 5_001 }, (_, i) => [`X-${i}`, `商品 ${i}`, 9.9]));
    expect(await refusal(l.importProducts(xlsx))).toMatchObject({ code: 'too_many_rows' });
    expect(l.listProducts()).toEqual([]);
    expect((await l.importProducts(csv(5_000))).imported).toBe(5_000);
  }, 120_000);

  it('reports at most 100 line errors and says how many more there were', async () => {
    const l = ledger();
    const lines = ['sku,title,price', ...Array.from({ length: 300 }, (_, i) => `S-${i},商品 ${i},not-a-price`)];
    const { imported, errors } = await l.importProducts(Buffer.from(lines.join('\n')));
    expect(imported).toBe(0);
    expect(errors).toHaveLength(101);
    expect(errors[99].line).toBe(101);
    expect(errors[100]).toEqual({
      line: 102,
      message: expect.stringMatching(/^200 more rows have errors \(from line 102\)/),
    });
  });
});
