/**
 * Recap (复盘) figures from the question radar's point of view, computed from the session's classified
 * chat records and its pin segments alone (so they can be rebuilt from an export): top questions per
 * product, time to answer, and demand vs pins ("viewers asked for 8号 most, it was pinned 2 minutes").
 */
import type { Intent } from '../chat/intent';
import { type DemandKind, demandKindOf } from './demand-heat';
import { QuestionRadar } from './question-radar';

export interface ChatRecord {
  at: number;
  actorId: string | null;
  text: string;
  intent: Intent;
  question: boolean;
  linkNo: number | null;
  /** resolved with resolveProduct at the time (pinned fallback included) */
  productId: string | null;
}

/** A pin segment [start, end) as in METRICS.md. */
export interface PinSpan {
  productId: string;
  start: number;
  end: number;
}

/** A click on "answered" recorded by the console. */
export interface AnswerMark {
  productId: string | null;
  intent: Intent;
  at: number;
}

export interface TopQuestion {
  intent: Intent;
  askers: number;
  asks: number;
  /** most asked texts, at most 3 */
  examples: string[];
}

export interface ProductQuestionRecap {
  productId: string | null;
  questions: number;
  topQuestions: TopQuestion[];
}

export interface AnswerTimes {
  groups: number;
  answered: number;
  answeredByHost: number;
  answeredByPin: number;
  unanswered: number;
  medianMs: number | null;
  p90Ms: number | null;
  maxMs: number | null;
}

export interface DemandVsPin {
  productId: string;
  demand: Record<DemandKind, number>;
  demandTotal: number;
  /** signals that arrived while the product was pinned */
  demandWhilePinned: number;
  /** share of all demand signals, 0..1 */
  demandShare: number;
  pins: number;
  pinnedMs: number;
  /** share of all pinned time, 0..1 */
  pinShare: number;
  /** demandShare - pinShare: positive = asked for more than it was shown */
  gap: number;
}

export interface QuestionRecap {
  perProduct: ProductQuestionRecap[];
  answerTimes: AnswerTimes;
  demandVsPins: DemandVsPin[];
}

export interface RecapOptions {
  /** as QuestionRadarOptions.autoAnswerAfterMs (default 10 s) */
  autoAnswerAfterMs?: number;
  /** top questions kept per product (default 5) */
  topN?: number;
  answers?: readonly AnswerMark[];
}

/** Builds the recap's question and demand figures. Records and pins may come in any order. */
export function recapQuestions(
  records: readonly ChatRecord[],
  pins: readonly PinSpan[],
  options: RecapOptions = {},
): QuestionRecap {
  return {
    perProduct: topQuestionsPerProduct(records, options.topN ?? 5),
    answerTimes: answerTimes(records, pins, options),
    demandVsPins: demandVsPins(records, pins),
  };
}

/** Questions grouped per product and intent, most distinct askers first. */
export function topQuestionsPerProduct(records: readonly ChatRecord[], topN = 5): ProductQuestionRecap[] {
  const byProduct = new Map<
    string | null,
    {
      questions: number;
      byIntent: Map<Intent, { askers: Set<string>; anon: number; asks: number; texts: Map<string, number> }>;
    }
  >();
  for (const r of records) {
    if (!r.question) continue;
    let p = byProduct.get(r.productId);
    if (p === undefined) {
      p = { questions: 0, byIntent: new Map() };
      byProduct.set(r.productId, p);
    }
    p.questions++;
    let q = p.byIntent.get(r.intent);
    if (q === undefined) {
      q = { askers: new Set(), anon: 0, asks: 0, texts: new Map() };
      p.byIntent.set(r.intent, q);
    }
    q.asks++;
    if (r.actorId === null) q.anon++;
    else q.askers.add(r.actorId);
    const text = r.text.trim();
    q.texts.set(text, (q.texts.get(text) ?? 0) + 1);
  }
  const out: ProductQuestionRecap[] = [];
  for (const [productId, p] of byProduct) {
    const topQuestions = [...p.byIntent]
      .map(([intent, q]) => ({
        intent,
        askers: q.askers.size + q.anon,
        asks: q.asks,
        examples: [...q.texts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([t]) => t),
      }))
      .sort((a, b) => b.askers - a.askers || b.asks - a.asks)
      .slice(0, topN);
    out.push({ productId, questions: p.questions, topQuestions });
  }
  return out.sort((a, b) => b.questions - a.questions);
}

/** Replays the session through a QuestionRadar (pins auto-answer, clicks answer) and measures latency. */
export function answerTimes(
  records: readonly ChatRecord[],
  pins: readonly PinSpan[],
  options: Pick<RecapOptions, 'autoAnswerAfterMs' | 'answers'> = {},
): AnswerTimes {
  const radar = new QuestionRadar({
    autoAnswerAfterMs: options.autoAnswerAfterMs ?? 10_000,
    staleAfterMs: Number.POSITIVE_INFINITY,
    maxOpenGroups: Number.MAX_SAFE_INTEGER,
    maxAnswered: Number.MAX_SAFE_INTEGER,
  });
  // Order at equal times: a pin ends, then starts, then chat arrives, then clicks.
  type Step =
    | { at: number; order: 0; pinEnd: true }
    | { at: number; order: 1; pin: PinSpan }
    | { at: number; order: 2; record: ChatRecord }
    | { at: number; order: 3; answer: AnswerMark };
  const steps: Step[] = [];
  for (const p of pins) {
    steps.push({ at: p.start, order: 1, pin: p });
    steps.push({ at: p.end, order: 0, pinEnd: true });
  }
  for (const r of records) if (r.question) steps.push({ at: r.at, order: 2, record: r });
  for (const a of options.answers ?? []) steps.push({ at: a.at, order: 3, answer: a });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);

  let pinned: PinSpan | null = null;
  for (const s of steps) {
    radar.tick(s.at);
    if ('pinEnd' in s) {
      if (pinned !== null && pinned.end <= s.at) {
        pinned = null;
        radar.onPinned(null, s.at);
      }
    } else if ('pin' in s) {
      pinned = s.pin;
      radar.onPinned(s.pin.productId, s.pin.start);
    } else if ('record' in s) {
      const r = s.record;
      radar.add({ at: r.at, actorId: r.actorId, productId: r.productId, intent: r.intent, text: r.text });
    } else {
      const group = radar
        .snapshot()
        .open.find((g) => g.productId === s.answer.productId && g.intent === s.answer.intent);
      if (group !== undefined) radar.markAnswered(group.id, s.at, 'host');
    }
  }
  const snap = radar.snapshot();
  const lat = snap.answered.map((g) => g.latencyMs ?? 0).sort((a, b) => a - b);
  const pick = (p: number): number | null =>
    lat.length === 0 ? null : lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)];
  return {
    groups: snap.answered.length + snap.open.length,
    answered: snap.answered.length,
    answeredByHost: snap.answered.filter((g) => g.answeredBy === 'host').length,
    answeredByPin: snap.answered.filter((g) => g.answeredBy === 'pin').length,
    unanswered: snap.open.length,
    medianMs: pick(0.5),
    p90Ms: pick(0.9),
    maxMs: lat.length === 0 ? null : lat[lat.length - 1],
  };
}

/** Demand signals per product against its pinned time, biggest under-pinned gap first. */
export function demandVsPins(records: readonly ChatRecord[], pins: readonly PinSpan[]): DemandVsPin[] {
  const rows = new Map<string, DemandVsPin>();
  const row = (productId: string): DemandVsPin => {
    let r = rows.get(productId);
    if (r === undefined) {
      r = {
        productId,
        demand: { want: 0, link: 0, question: 0 },
        demandTotal: 0,
        demandWhilePinned: 0,
        demandShare: 0,
        pins: 0,
        pinnedMs: 0,
        pinShare: 0,
        gap: 0,
      };
      rows.set(productId, r);
    }
    return r;
  };
  const spans = new Map<string, PinSpan[]>();
  let totalPinned = 0;
  for (const p of pins) {
    const r = row(p.productId);
    r.pins++;
    const d = Math.max(0, p.end - p.start);
    r.pinnedMs += d;
    totalPinned += d;
    const list = spans.get(p.productId) ?? [];
    list.push(p);
    spans.set(p.productId, list);
  }
  let totalDemand = 0;
  for (const rec of records) {
    if (rec.productId === null) continue;
    const kind = demandKindOf(rec);
    if (kind === null) continue;
    const r = row(rec.productId);
    r.demand[kind]++;
    r.demandTotal++;
    totalDemand++;
    if ((spans.get(rec.productId) ?? []).some((s) => rec.at >= s.start && rec.at < s.end)) r.demandWhilePinned++;
  }
  for (const r of rows.values()) {
    r.demandShare = totalDemand === 0 ? 0 : r.demandTotal / totalDemand;
    r.pinShare = totalPinned === 0 ? 0 : r.pinnedMs / totalPinned;
    r.gap = r.demandShare - r.pinShare;
  }
  return [...rows.values()].sort((a, b) => b.gap - a.gap || (a.productId < b.productId ? -1 : 1));
}
