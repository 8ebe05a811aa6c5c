/**
 * Features of one comment for the learned intent model: hashed character n-grams (1 to 3, with the
 * comment's start and end as characters of their own) and the rule set's signals (its score per intent,
 * its verdict, question cues, link number, explicit size). Hashing (FNV-1a into 2^18 buckets) keeps the
 * model a flat table and lets the hot path visit features without building a single string.
 */

import type { RuleSignals } from '../classify';
import { INTENTS } from '../intent';
import { type Cue, cueEntries } from '../lexicon';

export const FEATURE_BITS = 16;
const MASK = (1 << FEATURE_BITS) - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const START = 0x02;
const END = 0x03;

/** Called once per feature with its bucket and value (1 for presence, graded for rule scores). */
export type FeatureVisitor = (bucket: number, value: number) => void;

/** The bucket of a named feature ("rule:price"); n-grams never collide with names by construction of the seed. */
export function namedBucket(name: string): number {
  let h = FNV_OFFSET ^ 0x5a;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return (h >>> 0) & MASK;
}

const ruleScoreBucket = INTENTS.map((i) => namedBucket(`rule:${i}`));
const ruleVerdictBucket = INTENTS.map((i) => namedBucket(`rule=${i}`));
const cueNames = [...new Set(cueEntries.map((e) => e.value))] as Cue[];
const cueBucket = cueNames.map((c) => namedBucket(`cue:${c}`));
const askBucket = namedBucket('ask');
const aNotABucket = namedBucket('a-not-a');
const linkBucket = namedBucket('link-number');
const linkStatementBucket = namedBucket('link-statement');
const heightWeightBucket = namedBucket('height-weight');
const ruleQuestionBucket = namedBucket('rule-question');
const longNoAskBucket = namedBucket('long-without-ask');
const lengthBuckets = [1, 3, 6, 11, 21].map((n) => namedBucket(`length>=${n}`));
const lengthFloors = [1, 3, 6, 11, 21];

/** Visits every feature of a comment, given the rules' signals for it (analyzeByRules). */
export function visitFeatures(s: RuleSignals, visit: FeatureVisitor): void {
  const t = s.text;
  const n = t.length;
  // n-grams over [START, ...t, END]; a code of -1 stands for "before the start".
  let c1 = -1; // the character before the current one
  let c2 = -1; // the one before that
  for (let i = 0; i <= n + 1; i++) {
    const c = i === 0 ? START : i === n + 1 ? END : t.charCodeAt(i - 1);
    if (c !== START && c !== END && c !== 0x20) visit(gram1(c), 1);
    if (c1 !== -1) visit(gram2(c1, c), 1);
    if (c2 !== -1) visit(gram3(c2, c1, c), 1);
    c2 = c1;
    c1 = c;
  }
  const scores = s.scores;
  for (let i = 0; i < scores.length; i++) if (scores[i] > 0) visit(ruleScoreBucket[i], Math.min(scores[i], 4) / 2);
  visit(ruleVerdictBucket[INTENTS.indexOf(s.intent)], 1);
  for (let i = 0; i < cueNames.length; i++) if (s.cues[cueNames[i]] > 0) visit(cueBucket[i], 1);
  if (s.ask) visit(askBucket, 1);
  if (s.aNotA !== 0) visit(aNotABucket, 1);
  if (s.linkNo !== null) visit(linkBucket, 1);
  if (s.linkStatement) visit(linkStatementBucket, 1);
  if (s.heightWeight) visit(heightWeightBucket, 1);
  if (s.question) visit(ruleQuestionBucket, 1);
  // A long comment with no question form is usually a viewer telling the room something.
  if (!s.ask && n >= 11) visit(longNoAskBucket, 1);
  for (let i = lengthFloors.length - 1; i >= 0; i--) {
    if (n >= lengthFloors[i]) {
      visit(lengthBuckets[i], 1);
      break;
    }
  }
}

function gram1(a: number): number {
  return (Math.imul(Math.imul(FNV_OFFSET ^ 1, FNV_PRIME) ^ a, FNV_PRIME) >>> 0) & MASK;
}
function gram2(a: number, b: number): number {
  const h = Math.imul(Math.imul(FNV_OFFSET ^ 2, FNV_PRIME) ^ a, FNV_PRIME);
  return (Math.imul(h ^ b, FNV_PRIME) >>> 0) & MASK;
}
function gram3(a: number, b: number, c: number): number {
  let h = Math.imul(Math.imul(FNV_OFFSET ^ 3, FNV_PRIME) ^ a, FNV_PRIME);
  h = Math.imul(h ^ b, FNV_PRIME);
  return (Math.imul(h ^ c, FNV_PRIME) >>> 0) & MASK;
}
