/**
 * Leftmost-longest dictionary matching without regex: entries are bucketed by their first character,
 * longest first, so each text position costs one Map lookup and a few startsWith calls. Greedy
 * longest match lets "贵气" (praise) win over "贵" (complaint) and "冲泡" (usage) over "冲" (want).
 * ASCII words only match on word boundaries ("hi" is not in "ship").
 */
export interface KeywordEntry<T> {
  word: string;
  value: T;
}

export interface KeywordMatcher<T> {
  /** Calls `hit` for each match, left to right, non-overlapping. */
  scan(text: string, hit: (value: T, start: number, end: number) => void): void;
}

const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

export function createKeywordMatcher<T>(entries: readonly KeywordEntry<T>[]): KeywordMatcher<T> {
  const buckets = new Map<string, { word: string; value: T; ascii: boolean }[]>();
  for (const { word, value } of entries) {
    if (word.length === 0) continue;
    const list = buckets.get(word[0]) ?? [];
    list.push({ word, value, ascii: isAsciiLetter(word.charCodeAt(0)) });
    buckets.set(word[0], list);
  }
  for (const list of buckets.values()) list.sort((a, b) => b.word.length - a.word.length);

  return {
    scan(text, hit) {
      let i = 0;
      while (i < text.length) {
        const list = buckets.get(text[i]);
        let advanced = false;
        if (list !== undefined) {
          for (const e of list) {
            if (!text.startsWith(e.word, i)) continue;
            const end = i + e.word.length;
            if (e.ascii && (isAsciiLetter(text.charCodeAt(i - 1)) || isAsciiLetter(text.charCodeAt(end)))) continue;
            hit(e.value, i, end);
            i = end;
            advanced = true;
            break;
          }
        }
        if (!advanced) i++;
      }
    },
  };
}
