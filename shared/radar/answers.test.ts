import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACT_KEYS } from '../catalogue/facts';
import { INTENTS } from '../chat/intent';
import type { Product } from '../contract/products';
import { suggestAnswer } from './answers';

const shirt: Product = {
  productId: 'P1',
  sku: 'XHS-01',
  title: '真丝缎面衬衫',
  price: { amount: 29900, currency: 'CNY' },
  originalPrice: { amount: 39900, currency: 'CNY' },
  stock: 8,
  image: null,
  linkNo: 1,
  facts: { sizeChart: 'S/M/L，155/45kg 建议 S', fit: '偏大半码', material: '22姆米桑蚕丝' },
};

describe('suggestAnswer', () => {
  it('quotes the size chart and fit for a size question', () => {
    expect(suggestAnswer('size', shirt)).toEqual({
      kind: 'catalogue',
      text: '1号 S/M/L，155/45kg 建议 S，偏大半码',
      sources: ['sizeChart', 'fit'],
    });
  });

  it('answers price, stock and link from the product itself, in both languages', () => {
    expect(suggestAnswer('price', shirt).kind === 'catalogue' && suggestAnswer('price', shirt)).toMatchObject({
      text: '1号 ¥299（原价 ¥399）',
    });
    expect(suggestAnswer('stock', shirt)).toMatchObject({ text: '1号 库存 8 件' });
    expect(suggestAnswer('stock', { ...shirt, stock: 0 })).toMatchObject({ text: '1号 已售罄' });
    expect(suggestAnswer('link', shirt)).toMatchObject({ text: '1号链接：真丝缎面衬衫' });
    expect(suggestAnswer('material', shirt, 'en')).toMatchObject({ text: 'No. 1: 22姆米桑蚕丝' });
  });

  it('names the missing fact instead of answering when the catalogue has none', () => {
    expect(suggestAnswer('shipping', shirt)).toEqual({ kind: 'missing', fact: 'shipping' });
    expect(suggestAnswer('usage', { ...shirt, facts: undefined })).toEqual({ kind: 'missing', fact: 'care' });
    expect(suggestAnswer('stock', { ...shirt, stock: null })).toEqual({ kind: 'missing', fact: 'stock' });
  });

  it('says nothing without a product, or for chatter', () => {
    expect(suggestAnswer('size', null)).toEqual({ kind: 'none' });
    for (const intent of ['want', 'greeting', 'praise', 'complaint', 'other'] as const) {
      expect(suggestAnswer(intent, shirt)).toEqual({ kind: 'none' });
    }
  });

  it('never writes words that are not in the catalogue (beyond the link number and fixed labels)', () => {
    // facts in letters only, so whatever letters an answer holds must have been quoted from them
    const fact = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...INTENTS),
        fc.record(Object.fromEntries(FACT_KEYS.map((k) => [k, fact])), { requiredKeys: [] }),
        (intent, facts) => {
          const answer = suggestAnswer(intent, { ...shirt, facts });
          if (answer.kind !== 'catalogue') return true;
          const quoted = [...Object.values(facts), shirt.title]
            .filter((q): q is string => q !== undefined)
            .sort((a, b) => b.length - a.length);
          let rest = answer.text;
          for (const q of quoted) rest = rest.split(q).join('');
          // what remains is the link number, prices, stock words and separators
          return /^[\d号链接：¥（原价）库存件已售罄，. ]*$/.test(rest);
        },
      ),
      { numRuns: 300 },
    );
  });
});
