/**
 * Training of the learned intent model: multinomial logistic regression (softmax over intents) plus a
 * logistic "is a question" output, on the features of features.ts, by AdaGrad with L2 decay. Pure and
 * deterministic: the same comments, seed and epochs give the same weights, bit for bit.
 */

import { mulberry32 } from '../../random';
import { analyzeByRules } from '../classify';
import type { LabelledComment } from '../evaluation';
import { INTENTS } from '../intent';
import { visitFeatures } from './features';
import { OUTPUTS, QUESTION_OUTPUT, type TrainOptions } from './model';

export type { TrainOptions } from './model';

export interface TrainedModel {
  bias: Float64Array;
  rows: Map<number, Float64Array>;
}

interface Example {
  buckets: number[];
  values: number[];
  intent: number;
  question: number;
}

/** The shuffling PRNG (seeded: training is deterministic). */
export const seededRandom = mulberry32;

function toExample(c: LabelledComment): Example {
  const buckets: number[] = [];
  const values: number[] = [];
  visitFeatures(analyzeByRules(c.text), (b, v) => {
    buckets.push(b);
    values.push(v);
  });
  return { buckets, values, intent: INTENTS.indexOf(c.intent), question: c.question ? 1 : 0 };
}

/** Trains on labelled comments; see TrainOptions. */
export function trainModel(comments: readonly LabelledComment[], options: TrainOptions): TrainedModel {
  const rate = options.rate ?? 0.1;
  const l2 = options.l2 ?? 1e-4;
  const minCount = options.minCount ?? 2;
  const examples = comments.map(toExample);
  const seen = new Map<number, number>();
  for (const ex of examples) for (const b of new Set(ex.buckets)) seen.set(b, (seen.get(b) ?? 0) + 1);
  for (const ex of examples) {
    const keep = ex.buckets.map((b) => (seen.get(b) ?? 0) >= minCount);
    ex.buckets = ex.buckets.filter((_, i) => keep[i]);
    ex.values = ex.values.filter((_, i) => keep[i]);
  }
  const rows = new Map<number, Float64Array>();
  const squares = new Map<number, Float64Array>();
  const bias = new Float64Array(OUTPUTS);
  const biasSquares = new Float64Array(OUTPUTS).fill(1e-8);
  const row = (b: number) => {
    let r = rows.get(b);
    if (r === undefined) {
      r = new Float64Array(OUTPUTS);
      rows.set(b, r);
      squares.set(b, new Float64Array(OUTPUTS).fill(1e-8));
    }
    return r;
  };
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const logits = new Float64Array(OUTPUTS);
  const grad = new Float64Array(OUTPUTS);
  const K = INTENTS.length;
  const sums = new Map<number, Float64Array>();
  const biasSum = new Float64Array(OUTPUTS);
  let snapshots = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const ex = examples[index];
      logits.set(bias);
      for (let f = 0; f < ex.buckets.length; f++) {
        const r = row(ex.buckets[f]);
        const v = ex.values[f];
        for (let k = 0; k < OUTPUTS; k++) logits[k] += r[k] * v;
      }
      // softmax over intents; gradient of cross-entropy is p - y
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        grad[k] = Math.exp(logits[k] - max);
        sum += grad[k];
      }
      for (let k = 0; k < K; k++) grad[k] = grad[k] / sum - (k === ex.intent ? 1 : 0);
      grad[QUESTION_OUTPUT] = 1 / (1 + Math.exp(-logits[QUESTION_OUTPUT])) - ex.question;

      for (let k = 0; k < OUTPUTS; k++) {
        biasSquares[k] += grad[k] * grad[k];
        bias[k] -= (rate * grad[k]) / Math.sqrt(biasSquares[k]);
      }
      for (let f = 0; f < ex.buckets.length; f++) {
        const r = rows.get(ex.buckets[f])!;
        const s = squares.get(ex.buckets[f])!;
        const v = ex.values[f];
        for (let k = 0; k < OUTPUTS; k++) {
          const g = grad[k] * v + l2 * r[k];
          s[k] += g * g;
          r[k] -= (rate * g) / Math.sqrt(s[k]);
        }
      }
    }
    if (options.average === true && epoch >= Math.floor(options.epochs / 2)) {
      snapshots++;
      for (let k = 0; k < OUTPUTS; k++) biasSum[k] += bias[k];
      for (const [b, r] of rows) {
        const sum = sums.get(b) ?? new Float64Array(OUTPUTS);
        sums.set(b, sum);
        for (let k = 0; k < OUTPUTS; k++) sum[k] += r[k];
      }
    }
  }
  if (snapshots === 0) return { bias, rows };
  for (const sum of sums.values()) for (let k = 0; k < OUTPUTS; k++) sum[k] /= snapshots;
  for (let k = 0; k < OUTPUTS; k++) biasSum[k] /= snapshots;
  return { bias: biasSum, rows: sums };
}
