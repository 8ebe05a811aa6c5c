/**
 * Demand heat: per product, how hard viewers are asking for it right now. Each want (扣1, 想要, 已拍),
 * link (链接在哪, 上链接) and question signal adds to an exponentially decayed score (half-life default
 * 3 min), so the ranking follows the room within minutes and forgets old bursts. Per-minute counts are
 * kept too (bounded) for the console's sparkline and the recap.
 *
 * `suggestion()` proposes pinning the top product when it clearly beats the pinned one, with hysteresis:
 * a product must exceed the pinned one by `enterRatio` to be suggested and stays suggested until it
 * falls under `exitRatio`, and a different product replaces the current suggestion only by beating it by
 * `enterRatio` too; so the hint does not flicker between two close products.
 */
import type { ClassifiedComment } from '../chat/classify';

export type DemandKind = 'want' | 'link' | 'question';

export interface DemandHeatOptions {
  /** Half-life of the decay, ms (default 3 min). */
  halfLifeMs?: number;
  /** Weight of each signal kind in the heat (default want 1, link 1, question 0.5). */
  weights?: Partial<Record<DemandKind, number>>;
  /** Minutes of per-minute counts kept per product (default 180). */
  minutesKept?: number;
  /** Products tracked at most; the coldest is dropped beyond it (default 500). */
  maxProducts?: number;
  /** Heat the top product needs before anything is suggested (default 3). */
  minHeat?: number;
  /** Top must reach pinned heat x enterRatio to be suggested (default 1.5). */
  enterRatio?: number;
  /** A standing suggestion is withdrawn when it drops below pinned heat x exitRatio (default 1.1). */
  exitRatio?: number;
}

export interface HeatEntry {
  productId: string;
  /** decayed weighted score */
  heat: number;
  /** decayed signal counts per kind */
  want: number;
  link: number;
  question: number;
  /** estimated signals per minute now (heat x ln2 / half-life in minutes) */
  perMinute: number;
}

export interface MinuteCounts {
  /** minute start, ms since epoch */
  minute: number;
  want: number;
  link: number;
  question: number;
}

export interface PinSuggestion {
  productId: string;
  heat: number;
  pinnedProductId: string | null;
  pinnedHeat: number;
}

interface ProductState {
  t: number; // time the decayed values refer to
  want: number;
  link: number;
  question: number;
  minutes: MinuteCounts[]; // ascending, bounded
}

const MINUTE = 60_000;

/** The demand signal a classified comment carries, or null (praise, greeting, ... carry none). */
export function demandKindOf(c: ClassifiedComment): DemandKind | null {
  if (c.intent === 'want') return 'want';
  if (c.intent === 'link') return 'link';
  if (c.question) return 'question';
  return null;
}

export class DemandHeat {
  private readonly products = new Map<string, ProductState>();
  private readonly lambda: number; // per ms
  private readonly weights: Record<DemandKind, number>;
  private readonly opts: Required<Omit<DemandHeatOptions, 'weights'>>;
  private current: string | null = null;

  constructor(options: DemandHeatOptions = {}) {
    this.opts = {
      halfLifeMs: options.halfLifeMs ?? 3 * MINUTE,
      minutesKept: options.minutesKept ?? 180,
      maxProducts: options.maxProducts ?? 500,
      minHeat: options.minHeat ?? 3,
      enterRatio: options.enterRatio ?? 1.5,
      exitRatio: options.exitRatio ?? 1.1,
    };
    this.weights = { want: 1, link: 1, question: 0.5, ...options.weights };
    this.lambda = Math.LN2 / this.opts.halfLifeMs;
  }

  /** Adds one signal for a product at time `at` (ms). Signals may arrive slightly out of order. */
  add(productId: string, kind: DemandKind, at: number, count = 1): void {
    let p = this.products.get(productId);
    if (p === undefined) {
      p = { t: at, want: 0, link: 0, question: 0, minutes: [] };
      this.products.set(productId, p);
      if (this.products.size > this.opts.maxProducts) this.dropColdest(at, productId);
    }
    if (at >= p.t) this.decayTo(p, at);
    // A late signal is decayed to the state's time instead of moving the clock back.
    const f = at >= p.t ? 1 : Math.exp(-this.lambda * (p.t - at));
    p[kind] += count * f;

    const minute = at - (at % MINUTE);
    const last = p.minutes.at(-1);
    let row: MinuteCounts | undefined;
    if (last !== undefined && last.minute === minute) row = last;
    else if (last === undefined || minute > last.minute) {
      row = { minute, want: 0, link: 0, question: 0 };
      p.minutes.push(row);
      if (p.minutes.length > this.opts.minutesKept) p.minutes.shift();
    } else row = p.minutes.find((m) => m.minute === minute);
    if (row !== undefined) row[kind] += count;
  }

  /** Adds what a classified comment signals for its resolved product (nothing for null/none). */
  addComment(productId: string | null, classified: ClassifiedComment, at: number): void {
    if (productId === null) return;
    const kind = demandKindOf(classified);
    if (kind !== null) this.add(productId, kind, at);
  }

  /** Products by heat at `now`, hottest first ("viewers are asking for"). */
  ranking(now: number, limit = 10): HeatEntry[] {
    const out: HeatEntry[] = [];
    for (const [productId, p] of this.products) out.push(this.entry(productId, p, now));
    out.sort((a, b) => b.heat - a.heat || (a.productId < b.productId ? -1 : 1));
    return out.slice(0, limit).filter((e) => e.heat > 1e-6);
  }

  /** The heat of one product at `now` (0 if unknown). */
  heatOf(productId: string, now: number): number {
    const p = this.products.get(productId);
    return p === undefined ? 0 : this.entry(productId, p, now).heat;
  }

  /** Per-minute counts of a product, oldest first. */
  minutes(productId: string): MinuteCounts[] {
    return (this.products.get(productId)?.minutes ?? []).map((m) => ({ ...m }));
  }

  /**
   * Suggest pinning the hottest product when it clearly differs from the pinned one; null otherwise.
   * Stateful (hysteresis): call it on each console refresh with the current time and pin.
   */
  suggestion(now: number, pinnedProductId: string | null): PinSuggestion | null {
    const pinnedHeat = pinnedProductId === null ? 0 : this.heatOf(pinnedProductId, now);
    const top = this.ranking(now, 2).find((e) => e.productId !== pinnedProductId);
    const { minHeat, enterRatio, exitRatio } = this.opts;
    const cur = this.current;
    if (cur !== null) {
      const curHeat = this.heatOf(cur, now);
      const stays = cur !== pinnedProductId && curHeat >= minHeat / 2 && curHeat >= pinnedHeat * exitRatio;
      if (!stays) this.current = null;
      else if (top !== undefined && top.productId !== cur && top.heat >= curHeat * enterRatio)
        this.current = top.productId;
    }
    if (this.current === null && top !== undefined && top.heat >= minHeat && top.heat >= pinnedHeat * enterRatio) {
      this.current = top.productId;
    }
    if (this.current === null) return null;
    return { productId: this.current, heat: this.heatOf(this.current, now), pinnedProductId, pinnedHeat };
  }

  private entry(productId: string, p: ProductState, now: number): HeatEntry {
    const f = now > p.t ? Math.exp(-this.lambda * (now - p.t)) : 1;
    const want = p.want * f;
    const link = p.link * f;
    const question = p.question * f;
    const heat = want * this.weights.want + link * this.weights.link + question * this.weights.question;
    return { productId, heat, want, link, question, perMinute: heat * this.lambda * MINUTE };
  }

  private decayTo(p: ProductState, at: number): void {
    if (at <= p.t) return;
    const f = Math.exp(-this.lambda * (at - p.t));
    p.want *= f;
    p.link *= f;
    p.question *= f;
    p.t = at;
  }

  private dropColdest(now: number, keep: string): void {
    let victim: string | null = null;
    let coldest = Number.POSITIVE_INFINITY;
    for (const [id, p] of this.products) {
      if (id === keep) continue;
      const h = this.entry(id, p, now).heat;
      if (h < coldest) {
        coldest = h;
        victim = id;
      }
    }
    if (victim !== null) this.products.delete(victim);
  }
}
