/**
 * Link numbers (3号链接) are what viewers see in the platform's cart: reordering the run-of-show, or
 * re-importing a file without the column, never renumbers a product whose number was imported or set
 * by hand. Products without one follow their run-of-show position.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger';
import { T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const csv = (text: string) => Buffer.from(text);

describe('link numbers', () => {
  it('imported and hand-set numbers survive reorders and re-imports; the others follow the position', async () => {
    const ledger = openLedger({ dataDir: dirs.make(), room: 'r1', now: () => T0 });
    try {
      await ledger.importProducts(
        csv('sku,title,price,linkNo\nA,甲,10.00,7\nB,乙,20.00,\nC,丙,30.00,\nD,丁,40.00,12\n'),
      );
      ledger.updateProduct('C', { linkNo: 5 });
      const links = () => Object.fromEntries(ledger.listProducts().map((p) => [p.productId, p.linkNo]));
      expect(links()).toEqual({ A: 7, B: 2, C: 5, D: 12 });

      ledger.reorderProducts(['D', 'C', 'B', 'A']);
      expect(ledger.listProducts().map((p) => p.productId)).toEqual(['D', 'C', 'B', 'A']);
      // B has no number of its own: it is now third in the run-of-show.
      expect(links()).toEqual({ D: 12, C: 5, B: 3, A: 7 });

      // A re-import without the link column (new prices) keeps every number.
      await ledger.importProducts(csv('sku,title,price\nA,甲,11.00\nC,丙,31.00\nD,丁,41.00\n'));
      expect(links()).toEqual({ D: 12, C: 5, B: 3, A: 7 });
      // One with the column changes it: the file says so.
      await ledger.importProducts(csv('sku,title,price,linkNo\nA,甲,11.00,8\n'));
      expect(links()).toMatchObject({ A: 8 });
    } finally {
      ledger.close();
    }
  });
});
