/**
 * The classifier against the labelled sets in tests/fixtures. Since model round 2 every set here is
 * training data (heldout-6 and heldout-7 became tuning data once their per-item errors were read), so
 * these are regression floors just under the in-sample scores, not measures of generalisation: those are
 * the leave-one-set-out cross-validation figures and the blind sets scored once, both recorded in
 * tests/fixtures/CHAT-SETS.md. A blind set is never listed here before it has been scored once; heldout-8,
 * scored once and never trained on, is held at the targets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseLabelledJsonl } from './evaluation';
import { classifyComment } from './index';
import storedModel from './learned/intent-model.json' with { type: 'json' };

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
    // tuning sets of the rules (rounds 1 to 3)
    ['chat-sample.jsonl', 0.95, 0.97, 0.97],
    ['chat-tune.jsonl', 0.97, 0.97, 0.97],
    ['chat-heldout-4.jsonl', 0.97, 0.97, 0.97],
    // contaminated held-out sets of the rules
    ['chat-heldout.jsonl', 0.97, 0.97, 0.97],
    ['chat-heldout-2.jsonl', 0.97, 0.97, 0.97],
    ['chat-heldout-3.jsonl', 0.97, 0.97, 0.97],
    ['chat-heldout-5.jsonl', 0.97, 0.97, 0.97],
    // blind sets, scored once each (heldout-6: rules 0.93, model 0.98; heldout-7: model 0.89 / q 0.92), then tuning
    ['chat-heldout-6.jsonl', 0.95, 0.97, 0.97],
    ['chat-heldout-7.jsonl', 0.95, 0.97, 0.97],
    // written for training in model round 2
    ['chat-train-a.jsonl', 0.95, 0.97, 0.97],
    ['chat-train-b.jsonl', 0.95, 0.97, 0.97],
    ['chat-train-self.jsonl', 0.95, 0.97, 0.97],
  ])('%s (trained on) stays at its in-sample level', (file, f1, link, question) => {
    expect((storedModel as { trainedOn: string[] }).trainedOn).toContain(file);
    const r = score(file);
    expect(r.macroF1).toBeGreaterThanOrEqual(f1);
    expect(r.linkAccuracy).toBeGreaterThanOrEqual(link);
    expect(r.questionAccuracy).toBeGreaterThanOrEqual(question);
  });

  // Held out (never trained on, errors never read): scored once after the round-2 freeze at 0.95 / q 0.99 /
  // link 0.99 (CHAT-SETS.md); the floor is the target, so a later model that generalises worse fails.
  it('chat-heldout-8.jsonl (blind, not trained on) stays at the issue 20 targets', () => {
    expect((storedModel as { trainedOn: string[] }).trainedOn).not.toContain('chat-heldout-8.jsonl');
    const r = score('chat-heldout-8.jsonl');
    expect(r.macroF1).toBeGreaterThanOrEqual(0.92);
    expect(r.questionAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(r.linkAccuracy).toBeGreaterThanOrEqual(0.98);
  });
});
