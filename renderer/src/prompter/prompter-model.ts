/**
 * What the prompter shows, from the state every seat has: the pinned product and its facts, the next
 * product of the run-of-show, the top open questions with the catalogue's answers, the 讲解 timer and
 * sales, the 秒杀 countdown. Pure, so it is tested without a browser.
 */
import { FACT_KEYS, type FactKey } from '../../../shared/catalogue/facts';
import type { Product, StudioState } from '../../../shared/contract';
import type { Language } from '../../../shared/language';
import type { Money } from '../../../shared/money';
import type { RadarGroup } from '../../../shared/radar';
import { type SuggestedAnswer, suggestAnswer } from '../../../shared/radar/answers';

export interface PrompterQuestion {
  group: RadarGroup;
  product: Product | null;
  answer: SuggestedAnswer;
}

export interface PrompterModel {
  pinned: {
    product: Product;
    since: number;
    facts: { key: FactKey; text: string }[];
    /** Paid GMV and units since the pin (null outside a session). */
    sales: { gmv: Money; units: number } | null;
  } | null;
  next: Product | null;
  questions: PrompterQuestion[];
  countdownEndsAt: number | null;
}

export const PROMPTER_QUESTIONS = 3;

export function prompterModel(state: Partial<StudioState> | null, language: Language): PrompterModel {
  const products = state?.products ?? [];
  const byId = new Map(products.map((p) => [p.productId, p]));
  const pin = state?.pin?.pinned ?? null;
  const pinnedProduct = pin ? (byId.get(pin.productId) ?? null) : null;
  const index = pinnedProduct ? products.indexOf(pinnedProduct) : -1;
  const current = state?.figures?.currentPin;
  const facts = pinnedProduct?.facts ?? {};
  return {
    pinned:
      pin && pinnedProduct
        ? {
            product: pinnedProduct,
            since: pin.since,
            facts: FACT_KEYS.filter((k) => facts[k] !== undefined).map((key) => ({ key, text: facts[key]! })),
            sales: current && current.productId === pin.productId ? { gmv: current.gmv, units: current.units } : null,
          }
        : null,
    next: products[index + 1] ?? null,
    questions: (state?.radar?.open ?? []).slice(0, PROMPTER_QUESTIONS).map((group) => {
      const product = group.productId ? (byId.get(group.productId) ?? null) : null;
      return { group, product, answer: suggestAnswer(group.intent, product, language) };
    }),
    countdownEndsAt: state?.pin?.countdownEndsAt ?? null,
  };
}

/** "12:05" / "1:02:05" for a duration in ms (negative counts as 0). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
