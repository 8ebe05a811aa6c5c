import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger';
import { T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const csv = (text: string) => new TextEncoder().encode(text);

describe('ledger: product facts', () => {
  it('keeps facts from the import, merges a re-import, edits and removes one, and survives a reopen', async () => {
    const dataDir = dirs.make();
    let ledger = openLedger({ dataDir, room: 'r', now: () => T0 });
    await ledger.importProducts(csv('sku,title,price,尺码表,材质\nA1,衬衫,299.00,S/M/L,真丝\nA2,茶,99.00,,\n'));
    expect(ledger.listProducts().map((p) => p.facts)).toEqual([{ sizeChart: 'S/M/L', material: '真丝' }, undefined]);

    // a file without the material column keeps it; a filled cell replaces
    await ledger.importProducts(csv('sku,title,price,尺码表\nA1,衬衫,299.00,XS/S/M/L\n'));
    expect(ledger.listProducts()[0].facts).toEqual({ sizeChart: 'XS/S/M/L', material: '真丝' });

    ledger.updateProduct('A1', { facts: { fit: '偏大半码', material: null } });
    ledger.updateProduct('A2', { facts: { coupon: '满300减30' } });
    ledger.close();
    ledger = openLedger({ dataDir, room: 'r', now: () => T0 });
    expect(ledger.listProducts().map((p) => p.facts)).toEqual([
      { sizeChart: 'XS/S/M/L', fit: '偏大半码' },
      { coupon: '满300减30' },
    ]);
    ledger.close();
  });

  it('refuses an unknown fact or an over-long one and changes nothing', async () => {
    const ledger = openLedger({ dataDir: dirs.make(), room: 'r', now: () => T0 });
    await ledger.importProducts(csv('sku,title,price,material\nA1,衬衫,299.00,真丝\n'));
    expect(() => ledger.updateProduct('A1', { facts: { colour: '红' } })).toThrow(/colour|Unrecognized/i);
    expect(() => ledger.updateProduct('A1', { facts: { material: 'x'.repeat(301) } })).toThrow();
    expect(ledger.listProducts()[0].facts).toEqual({ material: '真丝' });
    ledger.close();
  });
});
