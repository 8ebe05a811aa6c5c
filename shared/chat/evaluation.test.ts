import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, LabelledFileError, type Prediction, parseLabelledJsonl } from './evaluation';

const file = [
  '{"text": "3号多少钱", "intent": "price", "product": 3, "question": true}',
  '',
  '{"text": "扣1", "intent": "want", "product": null, "question": false}',
  '{"text": "好看", "intent": "praise", "product": null, "question": false}',
  '{"text": "几天发货", "intent": "shipping", "product": null, "question": true}',
].join('\n');

describe('parseLabelledJsonl', () => {
  it('reads the fixtures schema, skipping blank lines', () => {
    const rows = parseLabelledJsonl(file);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ text: '3号多少钱', intent: 'price', product: 3, question: true });
  });

  it.each([
    ['{"text": "a", "intent": "price", "product": null, "question": true}\n{bad', 2, 'not valid JSON'],
    ['{"text": "a", "intent": "pricing", "product": null, "question": true}', 1, '"intent" must be one of'],
    ['{"text": "a", "intent": "price", "product": "3", "question": true}', 1, '"product"'],
    ['{"text": "a", "intent": "price", "product": 0, "question": true}', 1, '"product"'],
    ['{"text": "a", "intent": "price", "product": null}', 1, '"question"'],
    ['[1]', 1, 'JSON object'],
    ['\n\n', 1, 'no labelled comments'],
  ])('names the line of a malformed file', (content, line, detail) => {
    try {
      parseLabelledJsonl(content);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LabelledFileError);
      expect((error as LabelledFileError).line).toBe(line);
      expect((error as Error).message).toContain(detail);
    }
  });
});

describe('evaluate', () => {
  const labels = parseLabelledJsonl(file);

  it('gives 1.00 everywhere for perfect predictions', () => {
    const perfect: Prediction[] = labels.map((l) => ({ intent: l.intent, question: l.question, linkNo: l.product }));
    const r = evaluate(labels, perfect);
    expect(r.macroF1).toBe(1);
    expect(r.questionAccuracy).toBe(1);
    expect(r.linkAccuracy).toBe(1);
    expect(formatReport(r).split('\n').at(-1)).toBe('macroF1=1.00 questionAccuracy=1.00 linkAccuracy=1.00');
  });

  it('computes per-intent precision and recall, macro-F1 and the accuracies', () => {
    const preds: Prediction[] = [
      { intent: 'price', question: true, linkNo: null }, // link wrong
      { intent: 'want', question: false, linkNo: null },
      { intent: 'want', question: true, linkNo: null }, // praise -> want, question wrong
      { intent: 'shipping', question: true, linkNo: null },
    ];
    const r = evaluate(labels, preds);
    const want = r.perIntent.find((s) => s.intent === 'want')!;
    expect(want.precision).toBe(0.5);
    expect(want.recall).toBe(1);
    expect(want.f1).toBeCloseTo(2 / 3);
    const praise = r.perIntent.find((s) => s.intent === 'praise')!;
    expect(praise).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    // price 1, want 2/3, praise 0, shipping 1
    expect(r.macroF1).toBeCloseTo((1 + 2 / 3 + 0 + 1) / 4);
    expect(r.questionAccuracy).toBe(0.75);
    expect(r.linkAccuracy).toBe(0.75);
    expect(r.confusion.praise.want).toBe(1);
    const last = formatReport(r).split('\n').at(-1);
    expect(last).toBe('macroF1=0.67 questionAccuracy=0.75 linkAccuracy=0.75');
    expect(formatReport(r)).toContain('praise->want 1');
  });
});
