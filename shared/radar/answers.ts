/**
 * Suggested answers for the question radar, from the catalogue only: for a group of viewers asking about
 * a product ("12 人问 1号 尺码"), the text the catalogue supports ("1号 S/M/L，155/45kg 建议 S，偏大半码"),
 * or which fact is missing so the host can add it in one click. It quotes the product's own fields and
 * facts and never writes a claim of its own: a question the catalogue cannot answer gets no answer.
 */
import { FACTS_FOR_INTENT, type FactKey } from '../catalogue/facts';
import type { Intent } from '../chat/intent';
import type { Product } from '../contract/products';
import type { Language } from '../language';
import { priceText } from '../overlay-text';

/** Where an answer's words come from: a fact, or one of the product's own fields. */
export type AnswerSource = FactKey | 'price' | 'stock' | 'title';

export type SuggestedAnswer =
  /** Text quoted from the catalogue ("from the catalogue"). */
  | { kind: 'catalogue'; text: string; sources: AnswerSource[] }
  /** The catalogue could answer this kind of question, but the product has no such fact yet: add `fact`. */
  | { kind: 'missing'; fact: FactKey | 'stock' }
  /** Nothing the catalogue could say (no product named, or not a question about the product). */
  | { kind: 'none' };

const WORDS = {
  'zh-CN': {
    link: (n: number) => `${n}号`,
    linkTitle: (n: number, title: string) => `${n}号链接：${title}`,
    was: (price: string) => `（原价 ${price}）`,
    soldOut: '已售罄',
    inStock: (n: number) => `库存 ${n} 件`,
    join: '，',
    space: ' ',
  },
  en: {
    link: (n: number) => `No. ${n}:`,
    linkTitle: (n: number, title: string) => `Link ${n}: ${title}`,
    was: (price: string) => ` (was ${price})`,
    soldOut: 'sold out',
    inStock: (n: number) => `${n} in stock`,
    join: '; ',
    space: ' ',
  },
} as const;

/** The catalogue's answer to a question of `intent` about `product` (null: no product named). */
export function suggestAnswer(intent: Intent, product: Product | null, language: Language = 'zh-CN'): SuggestedAnswer {
  if (product === null) return { kind: 'none' };
  const w = WORDS[language];
  const head = w.link(product.linkNo);
  switch (intent) {
    case 'price': {
      const was = product.originalPrice && product.originalPrice.amount > product.price.amount;
      const text = `${head}${w.space}${priceText(product.price)}${was ? w.was(priceText(product.originalPrice!)) : ''}`;
      return { kind: 'catalogue', text, sources: ['price'] };
    }
    case 'stock': {
      if (product.stock === null) return { kind: 'missing', fact: 'stock' };
      const text = `${head}${w.space}${product.stock === 0 ? w.soldOut : w.inStock(product.stock)}`;
      return { kind: 'catalogue', text, sources: ['stock'] };
    }
    case 'link':
      return { kind: 'catalogue', text: w.linkTitle(product.linkNo, product.title), sources: ['title'] };
    default: {
      const keys = FACTS_FOR_INTENT[intent];
      if (keys === undefined) return { kind: 'none' };
      const facts = product.facts ?? {};
      const present = keys.filter((k) => facts[k] !== undefined);
      if (present.length === 0) return { kind: 'missing', fact: keys[0] };
      return {
        kind: 'catalogue',
        text: `${head}${w.space}${present.map((k) => facts[k]).join(w.join)}`,
        sources: present,
      };
    }
  }
}
