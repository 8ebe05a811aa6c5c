/**
 * The learned intent model: a linear model over hashed features (features.ts) with one output per intent
 * (softmax) and one for "is a question" (sigmoid). Stored as a small JSON file (intent-model.json, made by
 * `npm run train:chat`): the buckets that carry weight and their weights as integers over `scale`.
 * Loaded into typed arrays once, so scoring one comment is a table lookup and 14 additions per feature.
 */
import { INTENTS } from '../intent';
import { FEATURE_BITS } from './features';

/** The outputs, in order: every intent, then the question logit. */
export const OUTPUTS = INTENTS.length + 1;
export const QUESTION_OUTPUT = INTENTS.length;

/** How a model is trained (train.ts); the model file records them. */
export interface TrainOptions {
  seed: number;
  epochs: number;
  /** AdaGrad's base step. */
  rate?: number;
  /** L2 decay per update of a weight. */
  l2?: number;
  /** Features seen in fewer training comments are left out (they would only learn their one comment). */
  minCount?: number;
  /**
   * Returns the mean of the weights at the end of each epoch of the last half of training instead of the
   * last weights (Polyak averaging): steadier on phrasing unlike the training comments.
   */
  average?: boolean;
}

/** The committed file's shape. */
export interface StoredModel extends TrainOptions {
  version: 1;
  bits: number;
  scale: number;
  /** What it was trained on, for the record. */
  trainedOn: string[];
  /** The question logit must exceed this (0 when absent), chosen by cross-validation like the rest. */
  questionThreshold?: number;
  /** OUTPUTS integers. */
  bias: number[];
  /** Buckets with any weight, ascending. */
  buckets: number[];
  /** buckets.length × OUTPUTS integers, row by row. */
  weights: number[];
}

export interface LoadedModel {
  /** bucket → row, or NO_ROW (16 bits: the table stays small enough for the CPU's cache). */
  rowOf: Uint16Array;
  weights: Float32Array;
  bias: Float32Array;
  questionThreshold: number;
}

/** rowOf's value for a bucket without weights. */
export const NO_ROW = 0xffff;

export class ModelFileError extends Error {
  readonly code = 'chat.model_invalid';
}

/** Checks and loads a stored model; throws ModelFileError naming what is wrong. */
export function loadModel(stored: StoredModel): LoadedModel {
  if (stored.version !== 1) throw new ModelFileError(`unknown model version ${String(stored.version)}`);
  if (stored.bits !== FEATURE_BITS)
    throw new ModelFileError(`model has ${stored.bits} feature bits, code ${FEATURE_BITS}`);
  if (stored.bias.length !== OUTPUTS)
    throw new ModelFileError(`model has ${stored.bias.length} outputs, code ${OUTPUTS}`);
  if (stored.weights.length !== stored.buckets.length * OUTPUTS)
    throw new ModelFileError('weights do not match buckets');
  if (stored.buckets.length >= NO_ROW)
    throw new ModelFileError(`model has too many buckets (${stored.buckets.length})`);
  const rowOf = new Uint16Array(1 << FEATURE_BITS).fill(NO_ROW);
  stored.buckets.forEach((bucket, row) => {
    rowOf[bucket] = row;
  });
  const weights = Float32Array.from(stored.weights, (w) => w / stored.scale);
  const bias = Float32Array.from(stored.bias, (w) => w / stored.scale);
  return { rowOf, weights, bias, questionThreshold: stored.questionThreshold ?? 0 };
}

/** Rounds a trained dense model to the stored form, dropping weights that round to zero. */
export function storeModel(
  trained: { bias: Float64Array; rows: Map<number, Float64Array> },
  meta: Pick<
    StoredModel,
    'trainedOn' | 'seed' | 'epochs' | 'rate' | 'l2' | 'minCount' | 'average' | 'questionThreshold'
  >,
  scale = 100,
): StoredModel {
  const buckets: number[] = [];
  const weights: number[] = [];
  for (const bucket of [...trained.rows.keys()].sort((a, b) => a - b)) {
    const row = Array.from(trained.rows.get(bucket)!, (w) => Math.round(w * scale));
    if (row.every((w) => w === 0)) continue;
    buckets.push(bucket);
    weights.push(...row.map((w) => w + 0)); // + 0 turns -0 into 0
  }
  return {
    version: 1,
    bits: FEATURE_BITS,
    scale,
    ...meta,
    bias: Array.from(trained.bias, (w) => Math.round(w * scale) + 0),
    buckets,
    weights,
  };
}
