import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURE_LABELS, fill, INTENT_NAMES, REPORT_LABELS } from './labels';

const FIGURE_KEYS = [
  'paidGmv',
  'refunds',
  'settledGmv',
  'orders',
  'units',
  'buyers',
  'perBuyer',
  'aov',
  'perUnit',
  'refundRate',
  'peakViewers',
  'averageViewers',
  'cumulativeViewers',
  'gpm',
  'conversion',
  'chatRate',
];

describe('recap labels (one word per figure, console and report alike)', () => {
  it('names every figure of METRICS.md in both languages, and nothing else', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      expect(Object.keys(FIGURE_LABELS[lang]).sort()).toEqual([...FIGURE_KEYS].sort());
      for (const label of Object.values(FIGURE_LABELS[lang])) expect(label.trim()).not.toBe('');
    }
    expect(Object.keys(REPORT_LABELS.en).sort()).toEqual(Object.keys(REPORT_LABELS['zh-CN']).sort());
    expect(Object.keys(INTENT_NAMES.en).sort()).toEqual(Object.keys(INTENT_NAMES['zh-CN']).sort());
  });

  it('says the same as the glossary for every figure', () => {
    const glossary = readFileSync(join(__dirname, '../../docs/GLOSSARY.md'), 'utf8');
    for (const key of FIGURE_KEYS) {
      const row = glossary.split('\n').find((l) => l.startsWith(`| ${key} |`));
      expect(row, key).toBeDefined();
      const [, , zh, en] = (row as string).split('|').map((c) => c.trim());
      expect(FIGURE_LABELS['zh-CN'][key], key).toBe(zh);
      expect(FIGURE_LABELS.en[key], key).toBe(en);
    }
  });

  it('fills named blanks and leaves unknown ones as they are', () => {
    expect(fill('{n} 件 · {who}', { n: 3, who: '小红' })).toBe('3 件 · 小红');
    expect(fill('{missing}', {})).toBe('{missing}');
  });
});
