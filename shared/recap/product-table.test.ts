import { describe, expect, it } from 'vitest';
import type { ProductFigures } from '../metrics/types';
import { productTableRows } from './product-table';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const figures = (productId: string, pins: number, pinned: number, notPinned: number): ProductFigures => ({
  productId,
  pins,
  pinnedMs: pins * 60_000,
  gmvPinned: cny(pinned),
  gmvNotPinned: cny(notPinned),
  paidGmv: cny(pinned + notPinned),
  refunds: cny(0),
  settledGmv: cny(pinned + notPinned),
  units: 0,
});

describe('productTableRows (stats products joined with units and refunds)', () => {
  it('joins by product, keeps sold-only products, leaves out products with nothing', () => {
    const rows = productTableRows({
      figures: { paidGmv: cny(0) } as never,
      products: [figures('A', 2, 30_000, 5_000), figures('B', 0, 0, 0), figures('C', 1, 0, 0)],
      productSales: [
        { productId: 'A', units: 4, refunds: cny(1_000) },
        { productId: 'UNKNOWN', units: 1, refunds: cny(0) },
      ],
    });
    expect(rows).toEqual([
      { productId: 'A', gmvPinned: 30_000, gmvNotPinned: 5_000, units: 4, refunds: 1_000, currency: 'CNY' },
      { productId: 'C', gmvPinned: 0, gmvNotPinned: 0, units: 0, refunds: 0, currency: 'CNY' },
      { productId: 'UNKNOWN', gmvPinned: 0, gmvNotPinned: 0, units: 1, refunds: 0, currency: 'CNY' },
    ]);
  });

  it('takes the session currency for every row', () => {
    const rows = productTableRows({
      figures: { paidGmv: { amount: 0, currency: 'USD' } } as never,
      products: [],
      productSales: [{ productId: 'A', units: 1, refunds: { amount: 0, currency: 'USD' } }],
    });
    expect(rows.map((r) => r.currency)).toEqual(['USD']);
  });
});
