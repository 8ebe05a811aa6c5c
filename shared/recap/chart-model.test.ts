import { describe, expect, it } from 'vitest';
import type { MinuteRow, Segment } from '../metrics/types';
import { chartModel, productLabel } from './chart-model';
import type { RecapProduct } from './types';

const T0 = 1_764_936_000_000;
const MIN = 60_000;
const cny = (amount: number) => ({ amount, currency: 'CNY' });

function minute(i: number, over: Partial<MinuteRow> = {}): MinuteRow {
  return {
    start: T0 + i * MIN,
    paidGmv: cny(12_345),
    orders: 1,
    units: 1,
    refunds: cny(0),
    chat: 10 + i,
    likes: 0,
    viewers: 100 + i,
    pinnedProductId: null,
    incomplete: false,
    ...over,
  };
}

function segment(productId: string, start: number, end: number): Segment {
  const zero = cny(0);
  return {
    productId,
    start,
    end,
    durationMs: end - start,
    gmvAll: zero,
    gmvProduct: zero,
    gmvTail: zero,
    orders: 0,
    units: 0,
    questions: 0,
    gmvProductSettled: zero,
  } as Segment;
}

const catalogue: RecapProduct[] = [
  { productId: 'p1', title: '真丝缎面衬衫', linkNo: 3 },
  { productId: 'p2', title: '一条名字特别特别长的羊绒围巾', linkNo: null },
];

describe('productLabel', () => {
  it('names a product by link number and title, cut at the title limit, and an unknown one by its id', () => {
    expect(productLabel('p1', catalogue)).toBe('3号 真丝缎面衬衫');
    expect(productLabel('p2', catalogue)).toBe('一条名字特别特别…');
    expect(productLabel('p2', catalogue, 100)).toBe('一条名字特别特别长的羊绒围巾');
    expect(productLabel('SKU-X', catalogue)).toBe('未知商品 SKU-X');
    expect(productLabel('SKU-X', catalogue, 8, 'unknown product')).toBe('unknown product SKU-X');
  });
});

describe('chartModel', () => {
  it('draws an incomplete minute as a gap in every series, and merges adjacent gap minutes into one band', () => {
    const rows = [minute(0), minute(1, { incomplete: true }), minute(2, { incomplete: true }), minute(3)];
    const m = chartModel(rows, [], catalogue);
    expect(m.starts).toEqual(rows.map((r) => r.start));
    expect(m.gmv).toEqual([123.45, null, null, 123.45]);
    expect(m.viewers).toEqual([100, null, null, 103]);
    expect(m.chat).toEqual([10, null, null, 13]);
    expect(m.gaps).toEqual([{ from: 1, to: 3 }]);
  });

  it('keeps two separate gaps apart and a minute without viewers as null, not zero', () => {
    const rows = [minute(0, { incomplete: true }), minute(1, { viewers: null }), minute(2, { incomplete: true })];
    const m = chartModel(rows, [], catalogue);
    expect(m.gaps).toEqual([
      { from: 0, to: 1 },
      { from: 2, to: 3 },
    ]);
    expect(m.viewers).toEqual([null, null, null]);
    expect(m.gmv[1]).toBe(123.45);
  });

  it('places pin bands at fractional minutes from the first row, labelled like the tables', () => {
    const rows = [minute(0), minute(1), minute(2), minute(3)];
    const m = chartModel(
      rows,
      [segment('p1', T0 + 30_000, T0 + 2 * MIN), segment('SKU-X', T0 + 2 * MIN, T0 + 3 * MIN + 15_000)],
      catalogue,
    );
    expect(m.pins).toEqual([
      { from: 0.5, to: 2, label: '3号 真丝缎面衬衫', productId: 'p1' },
      { from: 2, to: 3.25, label: '未知商品 SKU-X', productId: 'SKU-X' },
    ]);
  });

  it('draws nothing for a session without minutes', () => {
    expect(chartModel([], [], catalogue)).toEqual({ starts: [], gmv: [], viewers: [], chat: [], pins: [], gaps: [] });
  });
});
