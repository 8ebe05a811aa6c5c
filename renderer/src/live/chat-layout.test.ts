import { describe, expect, it } from 'vitest';
import { MAX_LINES, rowHeight, rowLines, textEms } from './chat-layout';

describe('chat row layout', () => {
  it('counts CJK as full width and Latin as about half', () => {
    expect(textEms('主播好美')).toBe(4);
    expect(textEms('abcd')).toBeCloseTo(2);
    expect(textEms('3号')).toBeCloseTo(1.5);
  });

  it('gives long comments more lines, up to the clamp', () => {
    expect(rowLines('主播好美', 30)).toBe(1);
    expect(rowLines('好'.repeat(45), 30)).toBe(2);
    expect(rowLines('好'.repeat(500), 30)).toBe(MAX_LINES);
    expect(rowHeight(2)).toBeGreaterThan(rowHeight(1));
  });
});
