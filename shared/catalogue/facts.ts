/**
 * Product facts (商品知识): what the host would otherwise answer from memory — the size chart, fit,
 * material, care, shipping, origin, what is in the box, coupon rules. Optional per product, imported with
 * the catalogue (extra columns, headers in Chinese or English) or edited in the products view. The radar's
 * suggested answers (shared/radar/answers.ts) quote them and never add words of their own.
 */
import { z } from 'zod';
import type { Intent } from '../chat/intent';

export const FACT_KEYS = ['sizeChart', 'fit', 'material', 'care', 'shipping', 'origin', 'inBox', 'coupon'] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type ProductFacts = Partial<Record<FactKey, string>>;

/** Catalogue header names of each fact (the first is the English key). */
export const FACT_HEADERS: Readonly<Record<FactKey, readonly string[]>> = {
  sizeChart: ['sizeChart', '尺码表', '尺码', 'size chart', 'sizes'],
  fit: ['fit', '版型', '尺码建议', '码数建议'],
  material: ['material', '材质', '面料', '成分', 'materials'],
  care: ['care', '洗护', '用法', '使用方法', '保养', 'usage'],
  shipping: ['shipping', '发货', '发货时间', '快递', '物流'],
  origin: ['origin', '产地'],
  inBox: ['inBox', '包装清单', '包装内容', '清单', 'in the box'],
  coupon: ['coupon', '优惠', '优惠规则', '优惠券', 'coupons'],
};

export const FACT_LABELS: Readonly<Record<FactKey, { zh: string; en: string }>> = {
  sizeChart: { zh: '尺码表', en: 'Size chart' },
  fit: { zh: '版型', en: 'Fit' },
  material: { zh: '材质', en: 'Material' },
  care: { zh: '洗护/用法', en: 'Care and use' },
  shipping: { zh: '发货', en: 'Shipping' },
  origin: { zh: '产地', en: 'Origin' },
  inBox: { zh: '包装清单', en: 'In the box' },
  coupon: { zh: '优惠规则', en: 'Coupon rules' },
};

export const MAX_FACT_LENGTH = 300;

const factText = z.string().trim().min(1).max(MAX_FACT_LENGTH);
/** A facts object: every key optional; `null` for a key removes that fact (in a patch). */
export const factsSchema = z.strictObject(
  Object.fromEntries(FACT_KEYS.map((k) => [k, factText.optional()])) as Record<FactKey, z.ZodOptional<typeof factText>>,
);
export const factsPatchSchema = z.strictObject(
  Object.fromEntries(FACT_KEYS.map((k) => [k, factText.nullable().optional()])) as Record<
    FactKey,
    z.ZodOptional<z.ZodNullable<typeof factText>>
  >,
);
export type FactsPatch = z.infer<typeof factsPatchSchema>;

/** Which facts answer a question of each intent, most relevant first (intents without facts: none). */
export const FACTS_FOR_INTENT: Readonly<Partial<Record<Intent, readonly FactKey[]>>> = {
  size: ['sizeChart', 'fit'],
  material: ['material'],
  usage: ['care', 'inBox'],
  shipping: ['shipping', 'origin'],
  discount: ['coupon'],
};

/** Applies a patch: strings set, nulls remove, absent keys stay. Returns a new object. */
export function patchFacts(current: ProductFacts, patch: FactsPatch): ProductFacts {
  const next: ProductFacts = { ...current };
  for (const key of FACT_KEYS) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

/** Maps a normalised header cell to its fact, or null. */
export function factOfHeader(normalisedHeader: string, normalise: (h: string) => string): FactKey | null {
  for (const key of FACT_KEYS) if (FACT_HEADERS[key].some((h) => normalise(h) === normalisedHeader)) return key;
  return null;
}
