import { describe, expect, it } from 'vitest';
import type { Product, StudioState } from '../../../shared/contract';
import type { RadarGroup } from '../../../shared/radar';
import { clock, prompterModel } from './prompter-model';

const product = (n: number, facts?: Product['facts']): Product => ({
  productId: `P${n}`,
  sku: `S${n}`,
  title: `商品${n}`,
  price: { amount: 1000 * n, currency: 'CNY' },
  originalPrice: null,
  stock: 5,
  image: null,
  linkNo: n,
  ...(facts ? { facts } : {}),
});

const group = (id: string, productId: string | null, intent: RadarGroup['intent'], askers: number): RadarGroup => ({
  id,
  productId,
  intent,
  askers,
  asks: askers,
  firstAt: 0,
  lastAt: 0,
  context: ['?'],
  status: 'open',
  answeredAt: null,
  answeredBy: null,
  latencyMs: null,
});

describe('prompterModel', () => {
  const products = [product(1, { sizeChart: 'S/M/L', material: '真丝' }), product(2), product(3)];
  const state = {
    products,
    pin: { pinned: { productId: 'P1', since: 1000, version: 3 }, version: 3, countdownEndsAt: 9000, stockLimit: null },
    figures: {
      currentPin: { productId: 'P1', since: 1000, gmv: { amount: 5000, currency: 'CNY' }, units: 5 },
    },
    radar: {
      open: [
        group('g1', 'P1', 'size', 12),
        group('g2', 'P2', 'material', 4),
        group('g3', null, 'other', 3),
        group('g4', 'P3', 'price', 1),
      ],
    },
  } as unknown as Partial<StudioState>;

  it('shows the pinned product with its facts in catalogue order, the next product, sales and countdown', () => {
    const m = prompterModel(state, 'zh-CN');
    expect(m.pinned?.product.productId).toBe('P1');
    expect(m.pinned?.facts).toEqual([
      { key: 'sizeChart', text: 'S/M/L' },
      { key: 'material', text: '真丝' },
    ]);
    expect(m.pinned?.sales).toEqual({ gmv: { amount: 5000, currency: 'CNY' }, units: 5 });
    expect(m.next?.productId).toBe('P2');
    expect(m.countdownEndsAt).toBe(9000);
  });

  it('lists the top three questions with the catalogue answer, the missing fact, or nothing', () => {
    const m = prompterModel(state, 'zh-CN');
    expect(m.questions.map((q) => q.group.id)).toEqual(['g1', 'g2', 'g3']);
    expect(m.questions[0].answer).toEqual({ kind: 'catalogue', text: '1号 S/M/L', sources: ['sizeChart'] });
    expect(m.questions[1].answer).toEqual({ kind: 'missing', fact: 'material' });
    expect(m.questions[2].answer).toEqual({ kind: 'none' });
  });

  it('with nothing pinned, the next product is the first of the run-of-show', () => {
    const m = prompterModel(
      { ...state, pin: { pinned: null, version: 0, countdownEndsAt: null, stockLimit: null } },
      'en',
    );
    expect(m.pinned).toBeNull();
    expect(m.next?.productId).toBe('P1');
    expect(prompterModel(null, 'en')).toEqual({ pinned: null, next: null, questions: [], countdownEndsAt: null });
  });
});

describe('clock', () => {
  it('formats minutes and hours', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65_400)).toBe('1:05');
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(clock(-5)).toBe('0:00');
  });
});
