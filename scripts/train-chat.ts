/**
 * `npm run train:chat`: trains the learned chat intent model on the tuning sets and writes
 * shared/chat/learned/intent-model.json (deterministic: same sets, seed and options, same file).
 * `npm run train:chat -- --cv`: leave-one-set-out cross-validation on the training sets instead, the rules
 * alone beside the model, without writing anything (`--errors=FILE` lists that fold's misclassified comments). `--rate= --epochs= --l2= --min= --average --question-threshold=` override the
 * committed hyper-parameters (for the cross-validation that chooses them). The held-out sets are never
 * read here: score them with `npm run eval:chat -- FILE`, once, after the model is frozen.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyByRules } from '../shared/chat/classify';
import {
  evaluate,
  formatReport,
  type LabelledComment,
  type Prediction,
  parseLabelledJsonl,
} from '../shared/chat/evaluation';
import { createClassifier } from '../shared/chat/learned/classify';
import { loadModel, storeModel } from '../shared/chat/learned/model';
import { type TrainOptions, trainModel } from '../shared/chat/learned/train';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'tests', 'fixtures');

/**
 * Every labelled set that is tuning data (CHAT-SETS.md): the sets already tuned on or contaminated, the
 * blind sets 6 and 7 whose per-item errors were read for round 2 of the model, and the training sets
 * (chat-train-*.jsonl) written for it.
 */
export const TRAINING_SETS = [
  'chat-sample.jsonl',
  'chat-tune.jsonl',
  'chat-heldout.jsonl',
  'chat-heldout-2.jsonl',
  'chat-heldout-3.jsonl',
  'chat-heldout-4.jsonl',
  'chat-heldout-5.jsonl',
  'chat-heldout-6.jsonl',
  'chat-heldout-7.jsonl',
  ...readdirSync(fixtures)
    .filter((f) => /^chat-train-.+\.jsonl$/.test(f))
    .sort(),
];
/** The committed hyper-parameters, chosen by `--cv` (CHAT-SETS.md has the sweep). */
export const OPTIONS: TrainOptions = { seed: 20261205, epochs: 30, rate: 0.1, l2: 1e-4, minCount: 2 };
/** The question logit's threshold (model.ts), chosen by `--cv --question-threshold=`. */
export const QUESTION_THRESHOLD = 0;

const flag = (name: string): number | undefined => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
};
const options: TrainOptions = {
  seed: OPTIONS.seed,
  epochs: flag('epochs') ?? OPTIONS.epochs,
  rate: flag('rate') ?? OPTIONS.rate,
  l2: flag('l2') ?? OPTIONS.l2,
  minCount: flag('min') ?? OPTIONS.minCount,
  average: process.argv.includes('--average') || OPTIONS.average,
};
const questionThreshold = flag('question-threshold') ?? QUESTION_THRESHOLD;

const read = (file: string): LabelledComment[] => parseLabelledJsonl(readFileSync(join(fixtures, file), 'utf8'));
const fmt = (r: ReturnType<typeof evaluate>) =>
  `macroF1=${r.macroF1.toFixed(3)} questionAccuracy=${r.questionAccuracy.toFixed(3)} linkAccuracy=${r.linkAccuracy.toFixed(3)}`;

const sets = TRAINING_SETS.map((file) => ({ file, comments: read(file) }));
if (process.argv.includes('--cv')) {
  const pooled = { labels: [] as LabelledComment[], rules: [] as Prediction[], model: [] as Prediction[] };
  const blind = { labels: [] as LabelledComment[], model: [] as Prediction[] };
  for (const held of sets) {
    const train = sets.filter((s) => s !== held).flatMap((s) => s.comments);
    const model = loadModel(storeModel(trainModel(train, options), { trainedOn: [], ...options, questionThreshold }));
    const classify = createClassifier(model);
    const rules = held.comments.map((c) => classifyByRules(c.text));
    const learned = held.comments.map((c) => classify(c.text));
    pooled.labels.push(...held.comments);
    pooled.rules.push(...rules);
    pooled.model.push(...learned);
    // Sets whose authors never saw the rules: the folds that say most about a stranger's phrasing.
    if (/heldout-[67]|train-(?!self)/.test(held.file)) {
      blind.labels.push(...held.comments);
      blind.model.push(...learned);
    }
    if (process.argv.includes(`--errors=${held.file}`)) {
      console.log(formatReport(evaluate(held.comments, learned), { showErrors: true }));
    }
    console.log(
      `${held.file}\n  rules ${fmt(evaluate(held.comments, rules))}\n  model ${fmt(evaluate(held.comments, learned))}`,
    );
  }
  console.log(`options: ${JSON.stringify({ ...options, questionThreshold })}`);
  console.log(`pooled rules: ${fmt(evaluate(pooled.labels, pooled.rules))}`);
  const report = evaluate(pooled.labels, pooled.model);
  if (process.argv.includes('--report')) console.log(formatReport(report, { showErrors: false }));
  console.log(`pooled model: ${fmt(report)}`);
  const wrongQuestion = (asked: boolean) =>
    pooled.labels.filter((l, i) => l.question === asked && pooled.model[i].question !== asked).length;
  console.log(`pooled model question misses: ${wrongQuestion(true)} questions, ${wrongQuestion(false)} non-questions`);
  console.log(`blind folds model: ${fmt(evaluate(blind.labels, blind.model))}`);
} else {
  const trained = trainModel(
    sets.flatMap((s) => s.comments),
    options,
  );
  const stored = storeModel(trained, { trainedOn: TRAINING_SETS, ...options, questionThreshold });
  const out = join(root, 'shared', 'chat', 'learned', 'intent-model.json');
  writeFileSync(out, `${JSON.stringify(stored)}\n`);
  console.log(`wrote ${out}: ${stored.buckets.length} buckets, ${stored.weights.length} weights`);
}
