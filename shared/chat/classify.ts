/**
 * classifyComment: intent, question or not, and the link number of one live-chat comment. Pure, local,
 * rule-based (lexicon.ts), no allocation beyond the normalised string and one small score array.
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
const cueCount: Record<Cue, number> = { ask: 0, weakAsk: 0, request: 0, statement: 0, rhetorical: 0, help: 0 };

const onIntent = (hit: { intent: Intent; weight: number }): void => {
  scores[intentIndex.get(hit.intent)!] += hit.weight;
};
const onCue = (cue: Cue): void => {
  cueCount[cue]++;
};

const heightWeight = /(?<!\d)1[4-9]\d(?:cm)?\s{0,2}(?:\d{2,3}(?:斤|kg)?)(?!\d)|\d{2,3}(?:斤|kg)|1[4-9]\dcm/;
const hostHello = /^\s*主播(?:你|们)?好[呀啊鸭哇~!。\s]*$/;
const onlyOnes = /^\s*1{1,8}\s*$/;
const bareAmount = /(?<![\d.#])\d{2,4}(?![\d.号#%a-z]|cm|ml|斤|米|克|g|岁|天|小时|件|个)/;

/** Classifies one comment. Safe on any string (cost is linear in its length). */
export function classifyComment(text: string): ClassifiedComment {
  const t = normalizeChat(text);
  scores.fill(0);
  cueCount.ask = 0;
  cueCount.weakAsk = 0;
  cueCount.request = 0;
  cueCount.statement = 0;
  cueCount.rhetorical = 0;
  cueCount.help = 0;

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
  if (hostHello.test(t)) scores[intentIndex.get('greeting')!] += 3;
  if (onlyOnes.test(t)) scores[intentIndex.get('want')!] += 3;
  if (heightWeight.test(t)) scores[intentIndex.get('size')!] += 2;
  if (ask && mention === null && bareAmount.test(t)) scores[intentIndex.get('price')!] += 1;

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

  let question: boolean;
  if (intent === 'want' || intent === 'praise' || intent === 'greeting') question = false;
  else if (intent === 'complaint') question = cueCount.help > 0;
  else if (cueCount.rhetorical > 0) question = false;
  else if (intent === 'other') question = ask || cueCount.request > 0;
  else if (INFO_INTENTS.has(intent)) question = ask || (cueCount.statement === 0 && !linkStatement);
  else question = ask;
  return { intent, question, linkNo };
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
