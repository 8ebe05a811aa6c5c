/**
 * The recap's product table: each product's GMV while pinned and not (stats `products`) joined with its
 * units and refunds (productSales). A product appears when it was pinned, sold while pinned or not, or
 * has sales; products with none of these are left out. Amounts in minor units of the session's currency.
 */
import type { RecapBody } from './types';

export interface ProductTableRow {
  productId: string;
  gmvPinned: number;
  gmvNotPinned: number;
  units: number;
  refunds: number;
  currency: string;
}

export function productTableRows(recap: Pick<RecapBody, 'figures' | 'products' | 'productSales'>): ProductTableRow[] {
  const currency = recap.figures.paidGmv.currency;
  const rows = new Map<string, ProductTableRow>();
  const row = (productId: string) => {
    let r = rows.get(productId);
    if (!r) {
      r = { productId, gmvPinned: 0, gmvNotPinned: 0, units: 0, refunds: 0, currency };
      rows.set(productId, r);
    }
    return r;
  };
  for (const p of recap.products) {
    if (p.pins === 0 && p.gmvPinned.amount === 0 && p.gmvNotPinned.amount === 0) continue;
    const r = row(p.productId);
    r.gmvPinned = p.gmvPinned.amount;
    r.gmvNotPinned = p.gmvNotPinned.amount;
  }
  for (const s of recap.productSales) {
    const r = row(s.productId);
    r.units = s.units;
    r.refunds = s.refunds.amount;
  }
  return [...rows.values()];
}
