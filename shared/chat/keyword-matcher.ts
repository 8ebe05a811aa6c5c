/**
 * Leftmost-longest dictionary matching without regex: entries are bucketed by their first character
 * (a table indexed by UTF-16 code unit, so a text position costs one array read), longest first, and
 * tried with startsWith. Greedy longest match lets "贵气" (praise) win over "贵" (complaint) and "冲泡"
 * (usage) over "冲" (want). ASCII words only match on word boundaries ("hi" is not in "ship").
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

interface Candidate<T> {
  word: string;
  value: T;
  ascii: boolean;
}

export function createKeywordMatcher<T>(entries: readonly KeywordEntry<T>[]): KeywordMatcher<T> {
  const lists: Candidate<T>[][] = [];
  // First code unit → index into lists + 1 (0: no entry starts with it).
  const first = new Uint16Array(0x10000);
  for (const { word, value } of entries) {
    if (word.length === 0) continue;
    const c = word.charCodeAt(0);
    if (first[c] === 0) first[c] = lists.push([]);
    lists[first[c] - 1].push({ word, value, ascii: isAsciiLetter(c) });
  }
  for (const list of lists) list.sort((a, b) => b.word.length - a.word.length);

  return {
    scan(text, hit) {
      let i = 0;
      while (i < text.length) {
        const slot = first[text.charCodeAt(i)];
        let advanced = false;
        if (slot !== 0) {
          for (const e of lists[slot - 1]) {
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
