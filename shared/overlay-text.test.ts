import { describe, expect, it } from 'vitest';
import type { ProductCard } from './contract/overlay';
import { clip, countdownText, goalPermille, priceText, stockLine, yuanShort } from './overlay-text';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const card = (over: Partial<ProductCard>): ProductCard => ({
  productId: 'p',
  title: 't',
  image: null,
  linkNo: 1,
  price: cny(100),
  originalPrice: null,
  discount: null,
  stock: 100,
  sold: 0,
  stockLimit: null,
  countdownEndsAt: null,
  pinVersion: 1,
  pinnedAt: 0,
  ...over,
});

describe('overlay words', () => {
  it('writes prices the way live rooms do', () => {
    expect(yuanShort(cny(69900))).toBe('699');
    expect(yuanShort(cny(5990))).toBe('59.9');
    expect(yuanShort(cny(5999))).toBe('59.99');
    expect(yuanShort(cny(129950))).toBe('1,299.5');
    expect(priceText(cny(100000000))).toBe('¥1,000,000');
    expect(priceText({ amount: 1000, currency: 'USD' })).toBe('$10');
  });

  it('says sold out, limited, few left, sold and stock', () => {
    expect(stockLine(card({ stock: 0 }), 'zh-CN')).toEqual({ text: '已售罄', tone: 'out' });
    expect(stockLine(card({ stockLimit: 50, sold: 45 }), 'zh-CN')).toEqual({ text: '限量50件 · 仅剩5件', tone: 'low' });
    expect(stockLine(card({ stockLimit: 50, sold: 60 }), 'zh-CN').tone).toBe('out');
    expect(stockLine(card({ stock: 8 }), 'zh-CN')).toEqual({ text: '仅剩8件', tone: 'low' });
    expect(stockLine(card({ sold: 37, stock: 120 }), 'zh-CN').text).toBe('已抢37件 · 库存120件');
    expect(stockLine(card({ stock: 120 }), 'en').text).toBe('120 in stock');
  });

  it('counts down in whole seconds, rounding up', () => {
    expect(countdownText(10_000 + 299_000, 10_000)).toBe('04:59');
    expect(countdownText(1_200, 1_000)).toBe('00:01');
    expect(countdownText(0, 5_000)).toBe('00:00');
    expect(countdownText(3_723_000, 0)).toBe('1:02:03');
  });

  it('measures goal progress with integers, capped at 100%', () => {
    expect(goalPermille({ target: cny(5_000_000), current: cny(1_234_500), title: '' })).toBe(246);
    expect(goalPermille({ target: cny(3), current: cny(1), title: '' })).toBe(333);
    expect(goalPermille({ target: cny(100), current: cny(250), title: '' })).toBe(1000);
    expect(goalPermille({ target: null, current: cny(250), title: '' })).toBe(0);
  });

  it('clips by character without splitting an emoji', () => {
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
    expect(clip('短', 3)).toBe('短');
  });
});
