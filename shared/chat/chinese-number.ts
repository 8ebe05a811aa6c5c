const digitOf: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Reads a Chinese numeral up to 999 ("五" 5, "十二" 12, "二十" 20, "三十五" 35, "一百零八" 108,
 * "二一" 21 digit by digit). Returns null for anything that is not a well-formed number.
 */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0 || s.length > 6) return null;
  let total = 0;
  let pending = -1; // a digit waiting for its unit
  let lastUnit = 1000;
  let sawUnit = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const d = digitOf[ch];
    if (d === 0 && sawUnit && pending < 0) continue; // "一百零八"
    if (d !== undefined) {
      if (pending >= 0) {
        if (sawUnit) return null; // "十二三"
        // Digit-by-digit form ("二一" = 21).
        pending = pending * 10 + d;
        if (pending > 99) return null;
      } else pending = d;
      continue;
    }
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 0;
    if (unit === 0 || unit >= lastUnit) return null;
    sawUnit = true;
    total += (pending < 0 ? (unit === 10 ? 1 : -1) : pending) * unit;
    if (pending < 0 && unit === 100) return null; // "百" without a count
    if (pending > 9) return null;
    pending = -1;
    lastUnit = unit;
  }
  if (pending >= 0) total += pending;
  return total > 0 ? total : null;
}
