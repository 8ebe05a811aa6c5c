import { describe, expect, it } from 'vitest';
import type { OverlayOrderTick } from '../../shared/contract/overlay';
import { TickerQueue } from './ticker-queue';

const tick = (n: number, name = `${n}*`, qty = 1): OverlayOrderTick => ({
  id: `o${n}`,
  at: n,
  name,
  qty,
  title: `商品${n}`,
});

describe('TickerQueue', () => {
  it('gives one order per row when orders come slowly', () => {
    const q = new TickerQueue();
    q.push([tick(1, '小*', 2)]);
    expect(q.next()).toEqual({ id: 'o1', names: ['小*'], orders: 1, qty: 2, title: '商品1' });
    expect(q.next()).toBeNull();
  });

  it('puts everything queued since the last row into the next one: no order is lost or counted twice', () => {
    const q = new TickerQueue();
    let counted = 0;
    let qty = 0;
    for (let second = 0; second < 60; second++) {
      // 10 orders a second, the page repeating the last 20 on each patch; a row every 700 ms.
      const all = Array.from({ length: (second + 1) * 10 }, (_, i) => tick(i, `${i % 5}*`, 1 + (i % 3)));
      q.push(all.slice(-20));
      const row = q.next();
      if (row) {
        counted += row.orders;
        qty += row.qty;
        expect(row.names.length).toBeLessThanOrEqual(2);
        expect(new Set(row.names).size).toBe(row.names.length);
      }
    }
    expect(q.length).toBe(0);
    expect(counted).toBe(600);
    expect(qty).toBe(Array.from({ length: 600 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0));
  });

  it('ignores ticks remembered when the page connected', () => {
    const q = new TickerQueue();
    q.remember([tick(1), tick(2)]);
    expect(q.push([tick(1), tick(2), tick(3)])).toBe(1);
    expect(q.next()?.id).toBe('o3');
  });
});
