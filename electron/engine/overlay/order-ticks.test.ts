import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderTick } from '../../../shared/contract/feed';
import { appendCapped, maskName, toOverlayTicks } from './order-ticks';

const tick = (over: Partial<OrderTick>): OrderTick => ({
  id: 'e1',
  orderId: 'o1',
  at: 1,
  kind: 'paid',
  buyerName: '小鹿',
  items: [{ productId: 'p', title: '真丝衬衫', qty: 2 }],
  amount: { amount: 100, currency: 'CNY' },
  ...over,
});

describe('masked names on the ticker', () => {
  it('keeps the first character only', () => {
    expect(maskName('小鹿')).toBe('小*');
    expect(maskName('  Amy Chen ')).toBe('A*');
    expect(maskName('🦌鹿鹿')).toBe('🦌*');
    expect(maskName('')).toBe('*');
  });

  it('never lets more than the first character through, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 30, unit: 'grapheme' }), (name) => {
        const masked = maskName(name);
        const chars = Array.from(masked);
        expect(chars.length).toBeLessThanOrEqual(2);
        expect(masked.endsWith('*')).toBe(true);
      }),
    );
  });

  it('celebrates paid orders only, with the quantity summed', () => {
    const out = toOverlayTicks([
      tick({ id: 'a' }),
      tick({ id: 'b', kind: 'created', buyerName: '王大锤' }),
      tick({ id: 'c', kind: 'refunded' }),
      tick({ id: 'd', items: [] }),
    ]);
    expect(out).toEqual([
      { id: 'a', at: 1, name: '小*', qty: 2, title: '真丝衬衫' },
      { id: 'd', at: 1, name: '小*', qty: 1, title: null },
    ]);
  });

  it('appends without duplicates and keeps the newest', () => {
    const list = appendCapped([{ id: '1' }, { id: '2' }], [{ id: '2' }, { id: '3' }, { id: '3' }], 2);
    expect(list.map((x) => x.id)).toEqual(['2', '3']);
    const same = [{ id: '1' }];
    expect(appendCapped(same, [{ id: '1' }], 5)).toBe(same);
  });
});
