/** Small readable record for the hand-computed figure tests (see figures.test.ts for the arithmetic). */
import { money } from '../money';
import type { RecordOrder, SessionRecord } from './types';

export const T0 = 1_764_064_800_000;
export const MIN = 60_000;
const yuan = (fen: number) => money(fen, 'CNY');
const line = (productId: string, qty: number, unit: number) => ({
  sku: `sku-${productId}`,
  productId,
  qty,
  unitPrice: yuan(unit),
});
const order = (
  orderId: string,
  paidAt: number,
  buyerId: string | null,
  total: number | null,
  lines: RecordOrder['lines'],
) => ({
  orderId,
  paidAt,
  buyerId,
  channel: 'live',
  total: total === null ? null : yuan(total),
  lines,
});

export function handRecord(): SessionRecord {
  return {
    window: { start: T0, end: T0 + 10 * MIN },
    currency: 'CNY',
    orders: [
      order('o1', T0 + 30_000, 'b1', 29_900, [line('A', 1, 29_900)]),
      order('o2', T0 + 90_000, 'b1', 59_800, [line('A', 2, 29_900)]),
      order('o3', T0 + 150_000, null, 15_900, [line('B', 1, 15_900)]),
      order('o4', T0 - 1_000, 'b3', 10_000, [line('C', 1, 10_000)]),
      order('o5', T0 + 8 * MIN, 'b2', null, [line('B', 1, 15_900)]),
    ],
    refunds: [
      { orderId: 'o1', refundId: 'r1', amount: yuan(10_000), at: T0 + 20 * MIN },
      { orderId: 'o4', refundId: 'r2', amount: yuan(5_000), at: T0 + MIN },
    ],
    viewers: [
      { at: T0, seq: 1, current: 100, cumulative: 100 },
      { at: T0 + 2 * MIN, seq: 5, current: 300, cumulative: 500 },
      { at: T0 + 6 * MIN, seq: 9, current: 200, cumulative: null },
    ],
    chat: [
      { at: T0 + MIN, question: true },
      { at: T0 + 3 * MIN, question: true },
      { at: T0 + 5.5 * MIN, question: false },
      { at: T0 + 11 * MIN, question: true },
    ],
    likes: [
      { at: T0 + 10_000, count: 5 },
      { at: T0 + 70_000, count: 3 },
    ],
    pins: [
      { at: T0 - 5 * MIN, productId: 'A' },
      { at: T0 + 2 * MIN, productId: 'B' },
      { at: T0 + 7 * MIN, productId: null },
      { at: T0 + 9 * MIN, productId: 'A' },
    ],
    gaps: [{ from: T0 + 4 * MIN + 10_000, to: T0 + 4 * MIN + 50_000 }],
    products: ['A', 'B', 'C'],
  };
}
