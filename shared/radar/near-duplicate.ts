/**
 * Near-duplicate text for grouping free-form questions: Dice similarity of character bigrams after
 * dropping spaces and punctuation ("主播哪里人" ~ "主播是哪里人呀"). Bigram sets are small (comments are
 * short) and computed once per group context, not per comparison.
 */
const skip = /[\s\p{P}\p{S}]/u;

export function bigrams(text: string): Set<string> {
  const chars: string[] = [];
  for (const ch of text.toLowerCase()) if (!skip.test(ch)) chars.push(ch);
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]);
  for (let i = 0; i + 1 < chars.length && out.size < 64; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** Dice coefficient of two bigram sets, 0..1. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}
