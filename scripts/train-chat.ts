/**
 * `npm run train:chat`: trains the learned chat intent model on the tuning sets and writes
 * shared/chat/learned/intent-model.json (deterministic: same sets, seed and epochs, same file).
 * `npm run train:chat -- --cv`: leave-one-set-out cross-validation on the training sets instead, the rules
 * alone beside the model, without writing anything. The held-out sets (TRAINING_SETS excludes them) are
 * never read here: score them with `npm run eval:chat -- FILE`, once, after the model is frozen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyByRules } from '../shared/chat/classify';
import { evaluate, type LabelledComment, type Prediction, parseLabelledJsonl } from '../shared/chat/evaluation';
import { createClassifier } from '../shared/chat/learned/classify';
import { loadModel, storeModel } from '../shared/chat/learned/model';
import { trainModel } from '../shared/chat/learned/train';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures');

/** Every labelled set that was already tuning data or contaminated when the model was built (CHAT-SETS.md). */
export const TRAINING_SETS = [
  'chat-sample.jsonl',
  'chat-tune.jsonl',
  'chat-heldout.jsonl',
  'chat-heldout-2.jsonl',
  'chat-heldout-3.jsonl',
  'chat-heldout-4.jsonl',
  'chat-heldout-5.jsonl',
];
export const SEED = 20261205;
export const EPOCHS = 30;

const read = (file: string): LabelledComment[] => parseLabelledJsonl(readFileSync(join(fixtures, file), 'utf8'));
const fmt = (r: ReturnType<typeof evaluate>) =>
  `macroF1=${r.macroF1.toFixed(3)} questionAccuracy=${r.questionAccuracy.toFixed(3)} linkAccuracy=${r.linkAccuracy.toFixed(3)}`;

const sets = TRAINING_SETS.map((file) => ({ file, comments: read(file) }));
if (process.argv.includes('--cv')) {
  const pooled = { labels: [] as LabelledComment[], rules: [] as Prediction[], model: [] as Prediction[] };
  for (const held of sets) {
    const train = sets.filter((s) => s !== held).flatMap((s) => s.comments);
    const model = loadModel(
      storeModel(trainModel(train, { seed: SEED, epochs: EPOCHS }), { trainedOn: [], seed: SEED, epochs: EPOCHS }),
    );
    const classify = createClassifier(model);
    const rules = held.comments.map((c) => classifyByRules(c.text));
    const learned = held.comments.map((c) => classify(c.text));
    pooled.labels.push(...held.comments);
    pooled.rules.push(...rules);
    pooled.model.push(...learned);
    console.log(
      `${held.file}\n  rules ${fmt(evaluate(held.comments, rules))}\n  model ${fmt(evaluate(held.comments, learned))}`,
    );
  }
  console.log(`pooled rules: ${fmt(evaluate(pooled.labels, pooled.rules))}`);
  console.log(`pooled model: ${fmt(evaluate(pooled.labels, pooled.model))}`);
} else {
  const trained = trainModel(
    sets.flatMap((s) => s.comments),
    { seed: SEED, epochs: EPOCHS },
  );
  const stored = storeModel(trained, { trainedOn: TRAINING_SETS, seed: SEED, epochs: EPOCHS });
  const out = join(root, 'shared', 'chat', 'learned', 'intent-model.json');
  writeFileSync(out, `${JSON.stringify(stored)}\n`);
  console.log(`wrote ${out}: ${stored.buckets.length} buckets, ${stored.weights.length} weights`);
}
