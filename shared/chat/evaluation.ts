/**
 * Evaluation maths for the chat classifier against a labelled file in the fixtures schema
 * ({"text", "intent", "product", "question"} per line). Pure: parsing takes the file's text, scoring takes
 * predictions; the command (scripts/eval-chat.ts) only reads the file and prints.
 */
import { INTENTS, type Intent, isIntent } from './intent';

export interface LabelledComment {
  text: string;
  intent: Intent;
  /** The link number written in the comment, or null. */
  product: number | null;
  question: boolean;
}

export interface Prediction {
  intent: Intent;
  question: boolean;
  linkNo: number | null;
}

export class LabelledFileError extends Error {
  readonly code = 'chat.labelled_file_invalid';
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'LabelledFileError';
  }
}

/** Parses JSONL in the label schema; throws LabelledFileError naming the 1-based line of the first fault. */
export function parseLabelledJsonl(content: string): LabelledComment[] {
  const out: LabelledComment[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LabelledFileError(line, 'not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new LabelledFileError(line, 'expected a JSON object');
    }
    const o = value as Record<string, unknown>;
    if (typeof o.text !== 'string') throw new LabelledFileError(line, '"text" must be a string');
    if (!isIntent(o.intent)) {
      throw new LabelledFileError(
        line,
        `"intent" must be one of ${INTENTS.join(', ')} (got ${JSON.stringify(o.intent)})`,
      );
    }
    if (!(o.product === null || (Number.isInteger(o.product) && (o.product as number) >= 1))) {
      throw new LabelledFileError(line, '"product" must be a positive integer or null');
    }
    if (typeof o.question !== 'boolean') throw new LabelledFileError(line, '"question" must be true or false');
    out.push({ text: o.text, intent: o.intent, product: o.product as number | null, question: o.question });
  }
  if (out.length === 0) throw new LabelledFileError(1, 'the file has no labelled comments');
  return out;
}

export interface IntentScore {
  intent: Intent;
  precision: number;
  recall: number;
  f1: number;
  /** Labelled comments of this intent. */
  support: number;
  predicted: number;
}

export interface EvaluationReport {
  total: number;
  perIntent: IntentScore[];
  /** Mean F1 over intents that occur in the labels or the predictions. */
  macroF1: number;
  intentAccuracy: number;
  questionAccuracy: number;
  linkAccuracy: number;
  /** confusion[label][predicted] = count */
  confusion: Record<Intent, Record<Intent, number>>;
  errors: { index: number; text: string; label: LabelledComment; predicted: Prediction }[];
}

/** Scores predictions against labels (same order, same length). */
export function evaluate(labels: readonly LabelledComment[], predictions: readonly Prediction[]): EvaluationReport {
  if (labels.length !== predictions.length) throw new Error('labels and predictions differ in length');
  const confusion = Object.fromEntries(
    INTENTS.map((a) => [a, Object.fromEntries(INTENTS.map((b) => [b, 0]))]),
  ) as Record<Intent, Record<Intent, number>>;
  let questionOk = 0;
  let linkOk = 0;
  let intentOk = 0;
  const errors: EvaluationReport['errors'] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    const p = predictions[i];
    confusion[l.intent][p.intent]++;
    const iOk = l.intent === p.intent;
    const qOk = l.question === p.question;
    const kOk = l.product === p.linkNo;
    if (iOk) intentOk++;
    if (qOk) questionOk++;
    if (kOk) linkOk++;
    if (!iOk || !qOk || !kOk) errors.push({ index: i, text: l.text, label: l, predicted: p });
  }
  const perIntent: IntentScore[] = [];
  for (const intent of INTENTS) {
    const tp = confusion[intent][intent];
    let support = 0;
    let predicted = 0;
    for (const other of INTENTS) {
      support += confusion[intent][other];
      predicted += confusion[other][intent];
    }
    if (support === 0 && predicted === 0) continue;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perIntent.push({ intent, precision, recall, f1, support, predicted });
  }
  const n = labels.length;
  return {
    total: n,
    perIntent,
    macroF1: perIntent.length === 0 ? 0 : perIntent.reduce((s, x) => s + x.f1, 0) / perIntent.length,
    intentAccuracy: n === 0 ? 0 : intentOk / n,
    questionAccuracy: n === 0 ? 0 : questionOk / n,
    linkAccuracy: n === 0 ? 0 : linkOk / n,
    confusion,
    errors,
  };
}

const f2 = (x: number): string => x.toFixed(2);

/** The most frequent label -> predicted confusions, e.g. "size->stock 3". */
export function topConfusions(
  report: EvaluationReport,
  limit = 10,
): { label: Intent; predicted: Intent; count: number }[] {
  const out: { label: Intent; predicted: Intent; count: number }[] = [];
  for (const label of INTENTS) {
    for (const predicted of INTENTS) {
      const count = report.confusion[label][predicted];
      if (label !== predicted && count > 0) out.push({ label, predicted, count });
    }
  }
  return out.sort((a, b) => b.count - a.count).slice(0, limit);
}

/** The printed report; its last line is `macroF1=0.xx questionAccuracy=0.xx linkAccuracy=0.xx`. */
export function formatReport(report: EvaluationReport, options: { showErrors?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`comments: ${report.total}`);
  lines.push('intent      precision  recall  f1    support  predicted');
  for (const s of report.perIntent) {
    lines.push(
      `${s.intent.padEnd(11)} ${f2(s.precision).padStart(9)}  ${f2(s.recall).padStart(6)}  ${f2(s.f1)}  ${String(s.support).padStart(7)}  ${String(s.predicted).padStart(9)}`,
    );
  }
  lines.push(`intentAccuracy=${f2(report.intentAccuracy)}`);
  const conf = topConfusions(report);
  lines.push(
    conf.length === 0
      ? 'confusions: none'
      : `confusions (label->predicted): ${conf.map((c) => `${c.label}->${c.predicted} ${c.count}`).join(', ')}`,
  );
  if (options.showErrors) {
    for (const e of report.errors) {
      const l = e.label;
      const p = e.predicted;
      lines.push(
        `  ${JSON.stringify(e.text)} label=${l.intent}/${l.question ? 'q' : '-'}/${l.product} predicted=${p.intent}/${p.question ? 'q' : '-'}/${p.linkNo}`,
      );
    }
  }
  lines.push(
    `macroF1=${f2(report.macroF1)} questionAccuracy=${f2(report.questionAccuracy)} linkAccuracy=${f2(report.linkAccuracy)}`,
  );
  return lines.join('\n');
}
