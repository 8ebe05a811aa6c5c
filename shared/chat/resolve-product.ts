/**
 * Which catalogue product a classified comment refers to: the link number it writes, else a product
 * name or short name it contains (longest, least ambiguous match), else the pinned product when the
 * comment is a question (or a purchase signal like 扣1) with no other referent.
 */
import type { ClassifiedComment } from './classify';
import { createKeywordMatcher, type KeywordMatcher } from './keyword-matcher';
import { normalizeChat } from './normalize';
import { deriveShortNames } from './product-names';

export interface CatalogueEntry {
  productId: string;
  title: string;
  /** 1-based link number (row of the run-of-show); null when not on the run-of-show. */
  linkNo: number | null;
  /** Extra names viewers use; derived ones are added automatically. */
  shortNames?: readonly string[];
}

export interface ProductIndex {
  readonly byLinkNo: ReadonlyMap<number, string>;
  readonly names: KeywordMatcher<readonly string[]>;
  /** name -> products it can mean, for inspection and tests */
  readonly nameTable: ReadonlyMap<string, readonly string[]>;
}

export interface ResolveOptions {
  /**
   * When the pinned product stands in for a comment with no referent: 'questions' (the rule),
   * or 'questions-and-wants' (default: 扣1 / 想要 during a pin is demand for the pinned product).
   */
  pinnedFallback?: 'questions' | 'questions-and-wants' | 'never';
}

/** Builds the name index once per catalogue (use it for every comment of a show). */
export function buildProductIndex(catalogue: readonly CatalogueEntry[]): ProductIndex {
  const byLinkNo = new Map<number, string>();
  const nameTable = new Map<string, string[]>();
  for (const p of catalogue) {
    if (p.linkNo !== null && !byLinkNo.has(p.linkNo)) byLinkNo.set(p.linkNo, p.productId);
    const title = normalizeChat(p.title);
    const names = new Set([...deriveShortNames(title), ...(p.shortNames ?? []).map(normalizeChat)]);
    for (const name of names) {
      if (name.length < 2 && name.charCodeAt(0) < 0x80) continue; // one ASCII letter is no name
      const list = nameTable.get(name) ?? [];
      if (!list.includes(p.productId)) list.push(p.productId);
      nameTable.set(name, list);
    }
  }
  const names = createKeywordMatcher(
    [...nameTable].map(([word, value]) => ({ word, value: value as readonly string[] })),
  );
  return { byLinkNo, names, nameTable };
}

const indexCache = new WeakMap<readonly CatalogueEntry[], ProductIndex>();

/**
 * Resolves the product a comment refers to. `catalogue` may be the catalogue array (its index is built
 * once and cached per array) or a prebuilt ProductIndex.
 */
export function resolveProduct(
  classified: ClassifiedComment,
  text: string,
  catalogue: readonly CatalogueEntry[] | ProductIndex,
  pinnedProductId: string | null,
  options: ResolveOptions = {},
): string | null {
  let index: ProductIndex;
  if (Array.isArray(catalogue)) {
    const list = catalogue as readonly CatalogueEntry[];
    index = indexCache.get(list) ?? buildProductIndex(list);
    indexCache.set(list, index);
  } else index = catalogue as ProductIndex;

  if (classified.linkNo !== null) {
    const byLink = index.byLinkNo.get(classified.linkNo);
    if (byLink !== undefined) return byLink;
  }
  const byName = matchName(index, normalizeChat(text), pinnedProductId);
  if (byName !== null) return byName;

  const fallback = options.pinnedFallback ?? 'questions-and-wants';
  if (pinnedProductId === null || fallback === 'never') return null;
  if (classified.question) return pinnedProductId;
  if (fallback === 'questions-and-wants' && classified.intent === 'want') return pinnedProductId;
  return null;
}

function matchName(index: ProductIndex, t: string, pinned: string | null): string | null {
  // Each matched name votes for the products it can mean: a unique name counts fully (longer names more),
  // an ambiguous one ("项链" for two necklaces) splits its vote, so "珍珠项链" lands on the product both
  // words share. The pinned product wins ties.
  let votes: Map<string, number> | null = null;
  index.names.scan(t, (ids, start, end) => {
    votes ??= new Map();
    const weight = ids.length === 1 ? 10 + (end - start) : 1 / ids.length;
    for (const id of ids) votes.set(id, (votes.get(id) ?? 0) + weight);
  });
  if (votes === null) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const [id, score] of votes as Map<string, number>) {
    if (score > bestScore || (score === bestScore && id === pinned)) {
      best = id;
      bestScore = score;
    }
  }
  // A lone ambiguous word decides nothing unless one of its meanings is pinned.
  if (bestScore < 1 && best !== pinned) {
    const tied = [...(votes as Map<string, number>)].filter(([, s]) => s === bestScore).length;
    if (tied > 1) return pinned !== null && (votes as Map<string, number>).has(pinned) ? pinned : null;
  }
  return best;
}
