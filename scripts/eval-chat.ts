/**
 * `npm run eval:chat -- FILE [--errors]`: scores the chat classifier against a labelled JSONL file
 * (fixtures schema) and prints per-intent precision/recall/F1, question and link accuracy, the main
 * confusions, and last the line `macroF1=0.xx questionAccuracy=0.xx linkAccuracy=0.xx`.
 * `--errors` lists every misclassified comment (use it on tuning files only, never on the held-out set).
 */
import { readFileSync } from 'node:fs';
import { classifyComment } from '../shared/chat';
import { evaluate, formatReport, LabelledFileError, parseLabelledJsonl } from '../shared/chat/evaluation';

const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const file = args.find((a) => !a.startsWith('--'));
if (file === undefined) {
  process.stderr.write('usage: npm run eval:chat -- FILE.jsonl [--errors]\n');
  process.exit(2);
}

let content: string;
try {
  content = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`eval:chat: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
  process.exit(2);
}

try {
  const labels = parseLabelledJsonl(content);
  const report = evaluate(
    labels,
    labels.map((l) => classifyComment(l.text)),
  );
  process.stdout.write(`${formatReport(report, { showErrors })}\n`);
} catch (error) {
  if (error instanceof LabelledFileError) {
    process.stderr.write(`eval:chat: ${file} ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
