/** The 讲解 ledger: pin segments summed per product (METRICS.md segment keys), with GMV per pinned minute. */
import type { Segment } from '../metrics/types';
import { type Money, money } from '../money';
import { perPinnedMinute } from './format';

export interface PinLedgerRow {
  productId: string;
  pins: number;
  pinnedMs: number;
  gmvAll: Money;
  gmvProduct: Money;
  gmvTail: Money;
  orders: number;
  units: number;
  /** gmvProduct per minute pinned */
  perPinnedMinute: Money | null;
  questions: number;
}

export function pinLedger(segments: readonly Segment[], currency = 'CNY'): PinLedgerRow[] {
  const rows = new Map<string, PinLedgerRow>();
  for (const s of segments) {
    let r = rows.get(s.productId);
    if (!r) {
      const cur = s.gmvAll.currency ?? currency;
      r = {
        productId: s.productId,
        pins: 0,
        pinnedMs: 0,
        gmvAll: money(0, cur),
        gmvProduct: money(0, cur),
        gmvTail: money(0, cur),
        orders: 0,
        units: 0,
        perPinnedMinute: null,
        questions: 0,
      };
      rows.set(s.productId, r);
    }
    r.pins++;
    r.pinnedMs += s.durationMs;
    r.gmvAll = money(r.gmvAll.amount + s.gmvAll.amount, r.gmvAll.currency);
    r.gmvProduct = money(r.gmvProduct.amount + s.gmvProduct.amount, r.gmvProduct.currency);
    r.gmvTail = money(r.gmvTail.amount + s.gmvTail.amount, r.gmvTail.currency);
    r.orders += s.orders;
    r.units += s.units;
    r.questions += s.questions;
  }
  for (const r of rows.values()) r.perPinnedMinute = perPinnedMinute(r.gmvProduct, r.pinnedMs);
  return [...rows.values()].sort((a, b) => b.gmvProduct.amount - a.gmvProduct.amount);
}
