import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeByRules } from '../classify';
import { type LabelledComment, parseLabelledJsonl } from '../evaluation';
import { INTENTS } from '../intent';
import { classifyComment, createClassifier } from './classify';
import { FEATURE_BITS } from './features';
import storedModel from './intent-model.json' with { type: 'json' };
import { loadModel, ModelFileError, OUTPUTS, type StoredModel, storeModel } from './model';
import { trainModel } from './train';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'tests', 'fixtures');
const committed = storedModel as StoredModel;

const synthetic = (): LabelledComment[] => {
  const out: LabelledComment[] = [];
  for (const colour of ['红', '蓝', '白', '黑', '灰', '绿']) {
    out.push({ text: `${colour}色还有货吗`, intent: 'stock', product: null, question: true });
    out.push({ text: `${colour}色好漂亮`, intent: 'praise', product: null, question: false });
  }
  return out;
};

describe('training', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const a = storeModel(trainModel(synthetic(), { seed: 1, epochs: 5 }), { trainedOn: [], seed: 1, epochs: 5 });
    const b = storeModel(trainModel(synthetic(), { seed: 1, epochs: 5 }), { trainedOn: [], seed: 1, epochs: 5 });
    const c = storeModel(trainModel(synthetic(), { seed: 2, epochs: 5 }), { trainedOn: [], seed: 2, epochs: 5 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.weights)).not.toBe(JSON.stringify(c.weights));
  });

  it('learns what tells two intents apart, and generalises to unseen words around it', () => {
    const model = loadModel(
      storeModel(trainModel(synthetic(), { seed: 3, epochs: 20, minCount: 1 }), { trainedOn: [], seed: 3, epochs: 20 }),
    );
    const classify = createClassifier(model);
    expect(classify('紫色还有货吗').intent).toBe('stock');
    expect(classify('紫色好漂亮').intent).toBe('praise');
    expect(classify('紫色好漂亮').question).toBe(false);
  });

  it('the committed model is exactly what `npm run train:chat` produces from the listed sets', () => {
    const comments = committed.trainedOn.flatMap((f) => parseLabelledJsonl(readFileSync(join(fixtures, f), 'utf8')));
    expect(comments.length).toBeGreaterThan(1000);
    const again = storeModel(trainModel(comments, { seed: committed.seed, epochs: committed.epochs }), {
      trainedOn: committed.trainedOn,
      seed: committed.seed,
      epochs: committed.epochs,
    });
    expect(again.buckets).toEqual(committed.buckets);
    expect(again.weights).toEqual(committed.weights);
    expect(again.bias).toEqual(committed.bias);
  });

  it('never trains on the held-out sets', () => {
    expect(committed.trainedOn).not.toContain('chat-heldout-6.jsonl');
    expect(committed.trainedOn.some((f) => /heldout-([6-9]|\d\d)/.test(f))).toBe(false);
  });
});

describe('loading', () => {
  it('refuses a model that does not fit the code', () => {
    expect(() => loadModel({ ...committed, bits: FEATURE_BITS - 1 })).toThrow(ModelFileError);
    expect(() => loadModel({ ...committed, bias: committed.bias.slice(1) })).toThrow(ModelFileError);
    expect(() => loadModel({ ...committed, weights: committed.weights.slice(OUTPUTS) })).toThrow(ModelFileError);
  });
});

describe('the shipped classifier (model with rules)', () => {
  it('takes the link number from the rules, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (text) => {
        const expected = analyzeByRules(text).linkNo;
        return classifyComment(text).linkNo === expected;
      }),
      { numRuns: 500 },
    );
  });

  it('never calls a purchase signal, praise or a greeting a question', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (text) => {
        const r = classifyComment(text);
        return INTENTS.includes(r.intent) && !(r.question && ['want', 'praise', 'greeting'].includes(r.intent));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps explicit heights and weights as size questions', () => {
    expect(classifyComment('160 100斤穿什么码')).toMatchObject({ intent: 'size', question: true });
    expect(classifyComment('165cm 能穿吗')).toMatchObject({ intent: 'size', question: true });
  });

  it('reads want, greeting and praise that a stranger writes', () => {
    expect(classifyComment('想要3号')).toMatchObject({ intent: 'want', question: false, linkNo: 3 });
    expect(classifyComment('晚上好呀姐妹们')).toMatchObject({ intent: 'greeting', question: false });
    expect(classifyComment('主播今天好美')).toMatchObject({ intent: 'praise', question: false });
  });
});
