/**
 * The rule set's reading of one live-chat comment: intent scores, question cues and the link number.
 * Pure, local (lexicon.ts), no allocation beyond the normalised string. The learned model
 * (learned/classify.ts) takes these signals as features and gives the final verdict.
 */
import { INFO_INTENTS, INTENTS, type Intent } from './intent';
import { createKeywordMatcher } from './keyword-matcher';
import { type Cue, cueEntries, intentEntries } from './lexicon';
import { findLinkMention } from './link-number';
import { normalizeChat } from './normalize';

export interface ClassifiedComment {
  intent: Intent;
  question: boolean;
  linkNo: number | null;
}

const intentMatcher = createKeywordMatcher(intentEntries);
const cueMatcher = createKeywordMatcher(cueEntries);
const intentIndex = new Map<Intent, number>(INTENTS.map((intent, i) => [intent, i]));
const OTHER = intentIndex.get('other')!;

// Ties go to the more specific, more actionable intent (INTENTS order: price first, other last).
const scores = new Float64Array(INTENTS.length);
const cueCount: Record<Cue, number> = {
  ask: 0,
  weakAsk: 0,
  request: 0,
  statement: 0,
  rhetorical: 0,
  help: 0,
  toViewers: 0,
  experience: 0,
  reassure: 0,
};
const cueKeys = Object.keys(cueCount) as Cue[];

const onIntent = (hit: { intent: Intent; weight: number }): void => {
  scores[intentIndex.get(hit.intent)!] += hit.weight;
};
const onCue = (cue: Cue): void => {
  cueCount[cue]++;
};

const anyDigit = /\d/;
const heightWeight = /(?<!\d)1[4-9]\d(?:cm)?\s{0,2}(?:\d{2,3}(?:斤|kg)?)(?!\d)|\d{2,3}(?:斤|kg)|1[4-9]\dcm/;
const hostHello = /^\s*主播(?:你|们)?好[呀啊鸭哇~!。\s]*$/;
const onlyOnes = /^\s*1{1,8}\s*$/;
const bareAmount = /(?<![\d.#])\d{2,4}(?![\d.号#%a-z]|cm|ml|斤|米|克|g|岁|天|小时|件|个)/;

/**
 * What the rules see in one comment. `classifyComment` (the combined classifier in learned/) feeds these
 * signals to the model as features; `classifyByRules` turns them into a verdict alone. The returned object
 * is reused by the next call (the hot path allocates nothing): read it before classifying another comment.
 */
export interface RuleSignals {
  /** The normalised text (normalizeChat). */
  text: string;
  /** Rule score per intent, in INTENTS order. */
  scores: Float64Array;
  cues: Readonly<Record<Cue, number>>;
  /** A question by form: an ask cue, A-not-A, or a trailing 没. */
  ask: boolean;
  /** The repeated character of an A-not-A question, or 0. */
  aNotA: number;
  linkNo: number | null;
  /** "21号是毯子吗": the comment says which product a number is. */
  linkStatement: boolean;
  /** "160 100斤", "165cm": an explicit height or weight. */
  heightWeight: boolean;
  /** The rules' own verdict. */
  intent: Intent;
  question: boolean;
}

const signals: RuleSignals = {
  text: '',
  scores,
  cues: cueCount,
  ask: false,
  aNotA: 0,
  linkNo: null,
  linkStatement: false,
  heightWeight: false,
  intent: 'other',
  question: false,
};

/** Runs the rule set over one comment. Safe on any string (cost is linear in its length). */
export function analyzeByRules(text: string): RuleSignals {
  const t = normalizeChat(text);
  scores.fill(0);
  for (let i = 0; i < cueKeys.length; i++) cueCount[cueKeys[i]] = 0;

  intentMatcher.scan(t, onIntent);
  cueMatcher.scan(t, onCue);
  const xNotX = aNotA(t);
  if (xNotX !== 0) {
    const boost = aNotABoost.get(xNotX);
    if (boost !== undefined) scores[intentIndex.get(boost)!] += 2;
  }
  let ask = cueCount.ask > 0 || xNotX !== 0 || endsWithMei(t);

  const mention = findLinkMention(t);
  const linkNo = mention?.linkNo ?? null;
  let linkStatement = false;
  if (mention !== null) {
    // "21号是毯子吗", "27号就是白T", "平安扣是25号": which product a number is.
    const after = t.charCodeAt(mention.end);
    if (after === 0x662f /* 是 */ || t.startsWith('就是', mention.end) || t.charCodeAt(mention.start - 1) === 0x662f) {
      scores[intentIndex.get('link')!] += 2;
      linkStatement = true;
    }
    // "要5", "要3号": a purchase signal
    if (t.charCodeAt(mention.start) === 0x8981 /* 要 */ || t.charCodeAt(mention.start - 1) === 0x8981) {
      scores[intentIndex.get('want')!] += 3;
    }
    // A bare link number with nothing else ("link 3?", "3号?") asks for that link.
    scores[intentIndex.get('link')!] += 0.5;
  }
  const digits = anyDigit.test(t);
  const explicitSize = digits && heightWeight.test(t);
  if (hostHello.test(t)) scores[intentIndex.get('greeting')!] += 3;
  if (onlyOnes.test(t)) scores[intentIndex.get('want')!] += 3;
  if (explicitSize) scores[intentIndex.get('size')!] += 2;
  if (ask && digits && mention === null && bareAmount.test(t)) scores[intentIndex.get('price')!] += 1;

  let best = OTHER;
  let bestScore = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > bestScore) {
      best = i;
      bestScore = scores[i];
    }
  }
  const intent = INTENTS[best];
  if (cueCount.weakAsk > 0 && !ask) ask = true;

  signals.text = t;
  signals.ask = ask;
  signals.aNotA = xNotX;
  signals.linkNo = linkNo;
  signals.linkStatement = linkStatement;
  signals.heightWeight = explicitSize;
  signals.intent = intent;
  signals.question = questionFor(intent, signals);
  return signals;
}

/** Whether a comment of this intent, with these cues, wants an answer from the host. */
function questionFor(intent: Intent, s: Pick<RuleSignals, 'cues' | 'ask' | 'linkStatement'>): boolean {
  if (intent === 'want' || intent === 'praise' || intent === 'greeting') return false;
  if (intent === 'complaint') return s.cues.help > 0;
  if (s.cues.rhetorical > 0) return false;
  if (intent === 'other') return s.ask || s.cues.request > 0;
  if (INFO_INTENTS.has(intent)) return s.ask || (s.cues.statement === 0 && !s.linkStatement);
  return s.ask;
}

/** Classifies one comment by the rules alone. */
export function classifyByRules(text: string): ClassifiedComment {
  const s = analyzeByRules(text);
  return { intent: s.intent, question: s.question, linkNo: s.linkNo };
}

/** "贵不贵", "透不透", "长不长": an A-not-A question; returns the repeated character's code, or 0. */
function aNotA(t: string): number {
  let i = t.indexOf('不', 1);
  while (i > 0 && i < t.length - 1) {
    const c = t.charCodeAt(i - 1);
    if (c === t.charCodeAt(i + 1)) return c;
    i = t.indexOf('不', i + 1);
  }
  return 0;
}

// The adjective of an A-not-A question says what is asked: 长不长 is about size, 透不透 about material.
const aNotABoost = new Map<number, Intent>();
for (const ch of '长大小宽高重松紧胖瘦短深') aNotABoost.set(ch.charCodeAt(0), 'size');
for (const ch of '热闷透厚薄软硬扎皱掉起缩褪滑凉亮油黏粘暖') aNotABoost.set(ch.charCodeAt(0), 'material');
for (const ch of '贵') aNotABoost.set(ch.charCodeAt(0), 'price');
for (const ch of '补') aNotABoost.set(ch.charCodeAt(0), 'stock');
for (const ch of '发寄') aNotABoost.set(ch.charCodeAt(0), 'shipping');

/** "开价没", "挂了没": a question ending in 没. */
function endsWithMei(t: string): boolean {
  let end = t.length - 1;
  while (end >= 0 && (t[end] === ' ' || t[end] === '?' || t[end] === '!')) end--;
  return end > 0 && t.charCodeAt(end) === 0x6ca1; /* 没 */
}
