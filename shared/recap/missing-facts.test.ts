import { describe, expect, it } from 'vitest';
import type { Product } from '../contract/products';
import { QuestionCollector } from './questions';

const product = (n: number, extra: Partial<Product> = {}): Product => ({
  productId: `P${n}`,
  sku: `S${n}`,
  title: n === 1 ? '真丝缎面衬衫' : '羊绒围巾',
  price: { amount: 29900, currency: 'CNY' },
  originalPrice: null,
  stock: null,
  image: null,
  linkNo: n,
  ...extra,
});

describe('the recap lists the facts to add before the next show', () => {
  it('ranks questions the catalogue could not answer, per product and fact, and leaves answered ones out', () => {
    const products = [product(1, { facts: { sizeChart: 'S/M/L' }, stock: 5 }), product(2)];
    const collector = new QuestionCollector(
      products.map((p) => ({ productId: p.productId, title: p.title, linkNo: p.linkNo })),
      [],
      [],
      products,
    );
    const lines: [string, string][] = [
      ['u1', '2号什么材质'],
      ['u2', '2号是什么面料'],
      ['u2', '2号面料是什么'],
      ['u3', '2号还有货吗'],
      ['u4', '1号什么尺码'], // answered by the size chart
      ['u5', '1号是什么材质的'],
      ['u6', '主播哪里人'], // no product: nothing the catalogue could say
    ];
    for (const [i, [actorId, text]] of lines.entries()) collector.add({ at: 1000 + i, actorId, text });
    const { missingFacts } = collector.finish();
    expect(
      missingFacts.map(({ productId, fact, questions, askers }) => ({ productId, fact, questions, askers })),
    ).toEqual([
      { productId: 'P2', fact: 'material', questions: 3, askers: 2 },
      { productId: 'P1', fact: 'material', questions: 1, askers: 1 },
      { productId: 'P2', fact: 'stock', questions: 1, askers: 1 },
    ]);
    expect(missingFacts[0].example).toBe('2号面料是什么');
  });

  it('is empty without the catalogue', () => {
    const collector = new QuestionCollector([{ productId: 'P2', title: '羊绒围巾', linkNo: 2 }], []);
    collector.add({ at: 1, actorId: 'u1', text: '2号什么材质' });
    expect(collector.finish().missingFacts).toEqual([]);
  });
});
