/**
 * The CSV export opens in Excel/WPS without running anything: a text cell starting with = + - @, a tab
 * or a CR gets a leading apostrophe (and one starting with an apostrophe gets another, so reading back
 * strips exactly one), while money in fen stays a plain number, negative numbers included.
 */
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeFormulaText, recordFromExportCsv } from '../../../shared/metrics/export-csv';
import { openLedger } from './ledger';
import { feed, T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const DANGEROUS = [
  '=HYPERLINK("http://evil.example","点我")',
  '+86 138',
  '-5块能便宜吗',
  '@所有人',
  '\tcmd',
  "'已引号",
];

describe('CSV export against formula injection', () => {
  it('prefixes formula-like text, keeps numbers numbers, and reads back the exact text', () => {
    const ledger = openLedger({ dataDir: dirs.make(), backups: 0, room: 'r1', now: () => T0 + 60_000 });
    const f = feed();
    const s = ledger.startSession({ title: '=1+1 周五专场', at: T0 });
    ledger.applyLiveEvents([
      ...DANGEROUS.map((buyer, i) =>
        f.paid(`o${i}`, T0 + 1_000 * (i + 1), 100, [{ sku: 'A', qty: 1, unit: 100 }], buyer),
      ),
      ...DANGEROUS.map((text, i) => f.chat(text, T0 + 20_000 + i)),
    ]);
    ledger.stopSession();
    const csv = ledger.exportCsv(s.id);
    const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flat();
    for (const c of cells) {
      if (/^-?\d+(\.\d+)?$/.test(c)) continue; // a number, negative ones included
      expect(c, JSON.stringify(c)).not.toMatch(/^[=+\-@\t\r]/);
    }
    for (const text of DANGEROUS) expect(cells).toContain(escapeFormulaText(text));
    expect(cells).toContain("'=1+1 周五专场");
    const back = recordFromExportCsv(csv);
    expect(back.orders.map((o) => o.buyerId)).toEqual(DANGEROUS);
  });

  it('leaves ordinary text alone and treats number-like text as text', () => {
    expect(escapeFormulaText('真丝衬衫')).toBe('真丝衬衫');
    expect(escapeFormulaText('-120')).toBe("'-120"); // text that looks like a number is still text
  });
});
