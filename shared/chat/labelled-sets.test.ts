/**
 * The classifier against the labelled sets in tests/fixtures. Tuning sets (sample, tune, and since round 3
 * heldout-4) must meet the aims. The held-out sets are floors just under what was measured, so a
 * regression fails. The only figures measured on sets never tuned on are heldout-2 on rule set 1 (0.73) and
 * heldout-4 on rule set 2 (macro-F1 0.80, below the 0.85 aim). chat-heldout-5 was written just before round 3
 * and scored once after it was frozen (macro-F1 0.94), but by the same author who then widened the lexicon,
 * so it overstates generalisation. chat-heldout-6 was written blind by another author after round 3 was frozen
 * and scored once: macro-F1 0.93, link 1.00, question 0.98, the clean figure that meets the aims.
 * tests/fixtures/CHAT-SETS.md says how each set was used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledJsonl } from './evaluation';
import { classifyComment } from './index';

const fixtures = join(import.meta.dirname, '..', '..', 'tests', 'fixtures');

const score = (file: string) => {
  const labels = parseLabelledJsonl(readFileSync(join(fixtures, file), 'utf8'));
  return evaluate(
    labels,
    labels.map((l) => classifyComment(l.text)),
  );
};

describe('classifier on the labelled sets', () => {
  it.each([
    ['chat-sample.jsonl', 0.85, 0.95, 0.95],
    ['chat-tune.jsonl', 0.85, 0.95, 0.95],
    // held out for rule set 2 (0.80), its errors read in round 3
    ['chat-heldout-4.jsonl', 0.85, 0.95, 0.95],
  ])('%s (tuning) meets the aims', (file, f1, link, question) => {
    const r = score(file);
    expect(r.macroF1).toBeGreaterThanOrEqual(f1);
    expect(r.linkAccuracy).toBeGreaterThanOrEqual(link);
    expect(r.questionAccuracy).toBeGreaterThanOrEqual(question);
  });

  it.each([
    // written before the classifier, but its phrasing leaked into the first lexicon
    ['chat-heldout.jsonl', 0.95, 0.95, 0.95],
    // clean for the first rule set (0.73); its phrasing partly leaked into round two
    ['chat-heldout-2.jsonl', 0.9, 0.95, 0.95],
    // written before round two, whose vocabulary drew on it
    ['chat-heldout-3.jsonl', 0.9, 0.95, 0.95],
    // written before round 3, scored once after the rules were frozen (0.94 / 0.97 / 1.00); same author as round 3
    ['chat-heldout-5.jsonl', 0.92, 0.95, 0.95],
    // written blind by another author after rule set 3 was frozen, scored once: 0.93 / 1.00 / 0.98 (rules);
    // never trained on, scored once with the frozen learned model: 0.98 / 1.00 / 1.00
    ['chat-heldout-6.jsonl', 0.95, 0.97, 0.97],
    // written blind by a third author after the learned model was frozen, scored once: 0.89 / 1.00 / 0.92
    ['chat-heldout-7.jsonl', 0.87, 0.97, 0.9],
  ])('%s (held out) stays at its measured level', (file, f1, link, question) => {
    const r = score(file);
    expect(r.macroF1).toBeGreaterThanOrEqual(f1);
    expect(r.linkAccuracy).toBeGreaterThanOrEqual(link);
    expect(r.questionAccuracy).toBeGreaterThanOrEqual(question);
  });
});
