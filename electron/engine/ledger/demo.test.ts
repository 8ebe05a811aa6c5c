import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DIR, loadDemoCatalogue } from './demo';
import { openLedger } from './ledger';
import { tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('demo catalogue', () => {
  it('loads 24 products with link numbers 1..24, each with its own SVG image, once', async () => {
    const ledger = openLedger({ dataDir: dirs.make(), backups: 0 });
    expect(await loadDemoCatalogue(ledger)).toBe(24);
    expect(await loadDemoCatalogue(ledger)).toBe(0);
    const products = ledger.listProducts();
    expect(products.map((p) => p.linkNo)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(products.map((p) => p.title)).size).toBe(24);
    expect(products.some((p) => p.stock === 0)).toBe(true); // a sold-out product for the card's 已售罄 state
    for (const p of products) {
      const file = join(DEMO_DIR, p.image ?? '');
      expect(existsSync(file), file).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).not.toMatch(/<script|href=/i);
      expect(svg.length).toBeLessThan(3_000);
    }
    ledger.close();
  });
});
