/**
 * classifyComment: the intent, question or not, and link number of one live-chat comment, by the learned
 * model (model.ts) over character n-grams and the rule set's own signals, combined with the rules where
 * they are sure: the link number is always the rules' (link-number.ts parses every way viewers write it),
 * and a comment with an explicit height or weight that the rules read as size stays size.
 * Pure and local: no network, no downloaded model; the weights are committed beside this file.
 */
import { analyzeByRules, type ClassifiedComment } from '../classify';
import { INTENTS } from '../intent';
import { visitFeatures } from './features';
import storedModel from './intent-model.json' with { type: 'json' };
import { type LoadedModel, loadModel, NO_ROW, OUTPUTS, QUESTION_OUTPUT, type StoredModel } from './model';

const K = INTENTS.length;
const logits = new Float32Array(OUTPUTS);

/** A classifier bound to one model (the committed one by default; training scripts pass their own). */
export function createClassifier(model: LoadedModel): (text: string) => ClassifiedComment {
  const { rowOf, weights, bias, questionThreshold } = model;
  const add = (bucket: number, value: number): void => {
    const row = rowOf[bucket];
    if (row === NO_ROW) return;
    const base = row * OUTPUTS;
    if (value === 1) for (let k = 0; k < OUTPUTS; k++) logits[k] += weights[base + k];
    else for (let k = 0; k < OUTPUTS; k++) logits[k] += weights[base + k] * value;
  };
  return (text) => {
    const s = analyzeByRules(text);
    logits.set(bias);
    visitFeatures(s, add);
    let best = 0;
    for (let k = 1; k < K; k++) if (logits[k] > logits[best]) best = k;
    const intent = INTENTS[best];
    // Purchase signals, praise and greetings never ask the host anything (the labelling schema says so).
    const question =
      intent !== 'want' && intent !== 'praise' && intent !== 'greeting' && logits[QUESTION_OUTPUT] > questionThreshold;
    return { intent, question, linkNo: s.linkNo };
  };
}

/** Classifies one comment with the committed model. Safe on any string (linear in its length). */
export const classifyComment = createClassifier(loadModel(storedModel as StoredModel));
