/**
 * Finds the link number (1号链接 = row 1 of the run-of-show) a comment names, in the ways viewers write
 * it: 3号, 链接5, 五号链接, ⑤号, 6️⃣号, 7#, #3, No.25, 第六个链接, 要5, 围巾在11, "link 3", "number 6".
 * Numbers that are not link numbers are rejected: 扣1, 666, 165/52kg, 1.5米, 48小时, 12号之前 (a date),
 * 双11, 925银, 18K, 拍了2件, prices.
 *
 * One precompiled regex, every quantifier bounded, lookarounds of one character or a fixed word: linear
 * on hostile input. Input must already be normalised (normalizeChat).
 */
import { parseChineseNumber } from './chinese-number';

const CN = '[零〇一二两三四五六七八九十百]';
// A number must not continue a longer number, a decimal, a fraction or a date ("11月12号").
const NOT_AFTER = `(?<![\\d.\\/月${CN.slice(1, -1)}])`;
const NUM = `(\\d{1,3}|${CN}{1,5})`;

const linkPattern = new RegExp(
  [
    // 链接5, 链接 五, 链接第5
    `链接\\s?第?\\s?(?:(\\d{1,3})(?![\\d.%])|(${CN}{1,5})(?![下个直起样般定些点会]))`,
    // English and symbols: link 3, no.25, number 6, item 4, #3
    `(?<![a-z])(?:link|no\\.|no|number|item|num)\\s?#?\\s?(\\d{1,3})(?![\\d.%a-z])`,
    `#\\s?(\\d{1,3})(?![\\d.%])`,
    // 第六个(链接), 第3个
    `第\\s?${NUM}\\s?个`,
    // 3号, 二十一号, 7#  (not 12号之前: a date; not 3号线; not 12号圈口: a ring size)
    `${NOT_AFTER}${NUM}\\s?(?:号|#)(?!之前|以前|前|之后|以后|后|左右|截止|当天|线|楼|码|圈|到货)`,
    // 要5 (not 只要99 / 需要3天 / 要2件)
    `(?<![只需主重不])要\\s?(\\d{1,2})(?![\\d.%件个条只套块元米斤克码号岁天gkm])`,
    // 冷泡茶在29 (not 现在99 / 我在15 / 在1楼 / 在12点 / 在30天内)
    `(?<![现存实正好所我你他她])在\\s?(\\d{1,2})(?![\\d.%件个条只套块元米斤克码号岁天楼点度分秒层gkm:])`,
  ].join('|'),
  'g',
);

export interface LinkMention {
  linkNo: number;
  /** Index in the normalised text where the mention starts and ends (exclusive). */
  start: number;
  end: number;
}

// Every way of writing a link number has a digit or a Chinese numeral: without one, skip the big pattern.
const numeral = new RegExp(`[\\d${CN.slice(1, -1)}]`);

/** The first link number named in normalised text, with where it was written; null when none. */
export function findLinkMention(normalized: string): LinkMention | null {
  if (!numeral.test(normalized)) return null;
  linkPattern.lastIndex = 0;
  let m: RegExpExecArray | null = linkPattern.exec(normalized);
  while (m !== null) {
    for (let g = 1; g < m.length; g++) {
      const raw = m[g];
      if (raw === undefined) continue;
      const n = raw.charCodeAt(0) <= 0x39 ? Number(raw) : parseChineseNumber(raw);
      if (n !== null && n >= 1 && n <= 999) return { linkNo: n, start: m.index, end: m.index + m[0].length };
      break;
    }
    m = linkPattern.exec(normalized);
  }
  return null;
}

/** The link number named in normalised text, or null. */
export function extractLinkNo(normalized: string): number | null {
  return findLinkMention(normalized)?.linkNo ?? null;
}
