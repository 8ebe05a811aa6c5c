import { describe, expect, it } from 'vitest';
import { createKeywordMatcher } from './keyword-matcher';

const hits = (words: string[], text: string): string[] => {
  const out: string[] = [];
  createKeywordMatcher(words.map((word) => ({ word, value: word }))).scan(text, (value, start, end) => {
    expect(text.slice(start, end)).toBe(value);
    out.push(value);
  });
  return out;
};

describe('keyword matcher', () => {
  it('takes the longest entry at the leftmost position, without overlaps', () => {
    expect(hits(['贵', '贵气', '冲', '冲泡'], '好贵气 冲泡 好贵 冲')).toEqual(['贵气', '冲泡', '贵', '冲']);
    expect(hits(['不用蹲', '蹲'], '不用蹲了 蹲价')).toEqual(['不用蹲', '蹲']);
  });

  it('matches ASCII words on word boundaries only', () => {
    expect(hits(['hi', 'ship'], 'hi ship this')).toEqual(['hi', 'ship']);
    expect(hits(['no'], 'nothing no')).toEqual(['no']);
  });

  it('handles characters outside the basic plane, empty words and empty text', () => {
    expect(hits(['🔥冲', '冲', ''], '🔥冲 😀冲')).toEqual(['🔥冲', '冲']);
    expect(hits(['a'], '')).toEqual([]);
  });
});
