/**
 * The question radar: open viewer questions, grouped and deduplicated so the host sees
 * "12 人问 3号 尺码" instead of a flood. Pure and incremental: the engine feeds classified questions,
 * pins and clock ticks; seats get `snapshot()`.
 *
 * Grouping: one open group per (productId, intent) for information intents (price, size, stock, ...);
 * questions of intent `other` ("主播哪里人", "讲讲20号") are further split by near-duplicate text.
 * Each viewer counts once per group (distinct askers); repeats refresh the context only.
 *
 * Answering: `markAnswered` (the host clicked), or automatically when a product has been pinned for
 * `autoAnswerAfterMs`: groups about that product that were open by then are answered at that moment.
 * Questions asked later during the same pin stay open (the host has not necessarily covered them).
 * Latency = answeredAt - first ask.
 *
 * Memory is bounded: at most `maxOpenGroups` open groups (the least asked, then oldest, is dropped),
 * open groups silent for `staleAfterMs` expire, and only `maxAnswered` answered groups are kept.
 */
import type { Intent } from '../chat/intent';
import { bigrams, similarity } from './near-duplicate';

export interface RadarQuestionInput {
  /** ms since epoch */
  at: number;
  /** Viewer id from the platform; null counts every ask as a different viewer. */
  actorId: string | null;
  /** Resolved product (resolveProduct), or null when the question names none. */
  productId: string | null;
  intent: Intent;
  text: string;
}

export interface RadarGroup {
  id: string;
  productId: string | null;
  intent: Intent;
  /** distinct viewers who asked */
  askers: number;
  /** all asks, repeats included */
  asks: number;
  firstAt: number;
  lastAt: number;
  /** newest texts first, distinct, at most `contextSize` */
  context: string[];
  status: 'open' | 'answered' | 'expired';
  answeredAt: number | null;
  answeredBy: 'host' | 'pin' | null;
  /** answeredAt - firstAt */
  latencyMs: number | null;
}

export interface RadarSnapshot {
  /** open groups, most askers first, then most recent */
  open: RadarGroup[];
  /** answered groups, most recently answered first */
  answered: RadarGroup[];
  stats: RadarStats;
}

export interface RadarStats {
  questions: number;
  answeredGroups: number;
  expiredGroups: number;
  droppedGroups: number;
  /** median and mean answer latency over answered groups kept, ms (null when none) */
  medianLatencyMs: number | null;
  meanLatencyMs: number | null;
}

export interface QuestionRadarOptions {
  /** Auto-answer after a product has been pinned this long (default 10 s). 0 or less disables it. */
  autoAnswerAfterMs?: number;
  /** Open groups without a new ask for this long expire (default 10 min). */
  staleAfterMs?: number;
  maxOpenGroups?: number;
  maxAnswered?: number;
  contextSize?: number;
  /** Dice similarity at or above which two `other` questions are the same question (default 0.5). */
  duplicateThreshold?: number;
  /** Distinct askers remembered per group; beyond it each ask counts as a new asker (default 5000). */
  maxAskersTracked?: number;
}

interface GroupState extends RadarGroup {
  key: string;
  askerIds: Set<string>;
  grams: Set<string> | null;
}

const defaults = {
  autoAnswerAfterMs: 10_000,
  staleAfterMs: 10 * 60_000,
  maxOpenGroups: 300,
  maxAnswered: 300,
  contextSize: 3,
  duplicateThreshold: 0.5,
  maxAskersTracked: 5000,
};

export class QuestionRadar {
  private readonly opts: typeof defaults;
  private readonly open = new Map<string, GroupState>(); // id -> group
  private readonly openByKey = new Map<string, GroupState[]>(); // (productId, intent) -> groups
  private answered: RadarGroup[] = [];
  private nextId = 1;
  private pin: { productId: string; since: number; done: boolean } | null = null;
  private readonly counters = { questions: 0, answeredGroups: 0, expiredGroups: 0, droppedGroups: 0 };

  constructor(options: QuestionRadarOptions = {}) {
    this.opts = { ...defaults, ...options };
  }

  /** Adds one question; returns its group (new or existing) as it is now. */
  add(q: RadarQuestionInput): RadarGroup {
    this.counters.questions++;
    const key = `${q.productId ?? ''}\u0000${q.intent}`;
    const grams = q.intent === 'other' ? bigrams(q.text) : null;
    let group = this.findGroup(key, grams);
    const created = group === undefined;
    if (group === undefined) {
      group = {
        id: `q${this.nextId++}`,
        key,
        productId: q.productId,
        intent: q.intent,
        askers: 0,
        asks: 0,
        firstAt: q.at,
        lastAt: q.at,
        context: [],
        status: 'open',
        answeredAt: null,
        answeredBy: null,
        latencyMs: null,
        askerIds: new Set(),
        grams,
      };
      this.open.set(group.id, group);
      const list = this.openByKey.get(key);
      if (list === undefined) this.openByKey.set(key, [group]);
      else list.push(group);
    }
    group.asks++;
    if (q.at > group.lastAt) group.lastAt = q.at;
    if (q.at < group.firstAt) group.firstAt = q.at;
    if (q.actorId === null || group.askerIds.size >= this.opts.maxAskersTracked) group.askers++;
    else if (!group.askerIds.has(q.actorId)) {
      group.askerIds.add(q.actorId);
      group.askers++;
    }
    const text = q.text.trim();
    const at = group.context.indexOf(text);
    if (at !== 0) {
      if (at > 0) group.context.splice(at, 1);
      group.context.unshift(text);
      if (group.context.length > this.opts.contextSize) group.context.length = this.opts.contextSize;
    }
    if (created) this.enforceCap(group);
    return publicView(group);
  }

  /** The host answered a group (a click). Returns the answered group, or null if it is not open. */
  markAnswered(groupId: string, at: number, by: 'host' | 'pin' = 'host'): RadarGroup | null {
    const group = this.open.get(groupId);
    if (group === undefined) return null;
    this.close(group, 'answered');
    group.answeredAt = Math.max(at, group.firstAt);
    group.answeredBy = by;
    group.latencyMs = group.answeredAt - group.firstAt;
    this.counters.answeredGroups++;
    const view = publicView(group);
    this.answered.unshift(view);
    if (this.answered.length > this.opts.maxAnswered) this.answered.length = this.opts.maxAnswered;
    return view;
  }

  /** The pinned product changed (null: nothing pinned). `since` is when this pin started. */
  onPinned(productId: string | null, since: number): void {
    this.pin = productId === null ? null : { productId, since, done: false };
  }

  /**
   * Advances the clock: auto-answers groups of a product pinned long enough, expires stale groups.
   * Returns the groups answered by this tick.
   */
  tick(now: number): RadarGroup[] {
    const out: RadarGroup[] = [];
    const pin = this.pin;
    if (
      pin !== null &&
      !pin.done &&
      this.opts.autoAnswerAfterMs > 0 &&
      now - pin.since >= this.opts.autoAnswerAfterMs
    ) {
      pin.done = true;
      const at = pin.since + this.opts.autoAnswerAfterMs;
      for (const group of [...this.open.values()]) {
        if (group.productId === pin.productId && group.firstAt <= at) {
          const answered = this.markAnswered(group.id, at, 'pin');
          if (answered !== null) out.push(answered);
        }
      }
    }
    for (const group of [...this.open.values()]) {
      if (now - group.lastAt >= this.opts.staleAfterMs) {
        this.close(group, 'expired');
        this.counters.expiredGroups++;
      }
    }
    return out;
  }

  /** Open groups (most askers first), answered ones, and counters: the whole state for a seat. */
  snapshot(): RadarSnapshot {
    const open = [...this.open.values()].map(publicView).sort((a, b) => b.askers - a.askers || b.lastAt - a.lastAt);
    return { open, answered: this.answered.slice(), stats: this.stats() };
  }

  stats(): RadarStats {
    const lat = this.answered.map((g) => g.latencyMs ?? 0).sort((a, b) => a - b);
    const median = lat.length === 0 ? null : lat[Math.floor((lat.length - 1) / 2)];
    const mean = lat.length === 0 ? null : lat.reduce((s, x) => s + x, 0) / lat.length;
    return { ...this.counters, medianLatencyMs: median, meanLatencyMs: mean };
  }

  get openCount(): number {
    return this.open.size;
  }

  private findGroup(key: string, grams: Set<string> | null): GroupState | undefined {
    const list = this.openByKey.get(key);
    if (list === undefined) return undefined;
    if (grams === null) return list[0];
    let best: GroupState | undefined;
    let bestSim = this.opts.duplicateThreshold;
    for (const g of list) {
      const s = g.grams === null ? 0 : similarity(grams, g.grams);
      if (s >= bestSim) {
        best = g;
        bestSim = s;
      }
    }
    return best;
  }

  private close(group: GroupState, status: 'answered' | 'expired'): void {
    group.status = status;
    this.open.delete(group.id);
    const list = this.openByKey.get(group.key);
    if (list !== undefined) {
      const i = list.indexOf(group);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.openByKey.delete(group.key);
    }
  }

  private enforceCap(keep: GroupState): void {
    while (this.open.size > this.opts.maxOpenGroups) {
      let victim: GroupState | undefined;
      for (const g of this.open.values()) {
        if (g === keep) continue;
        if (
          victim === undefined ||
          g.askers < victim.askers ||
          (g.askers === victim.askers && g.lastAt < victim.lastAt)
        ) {
          victim = g;
        }
      }
      if (victim === undefined) return;
      this.close(victim, 'expired');
      this.counters.droppedGroups++;
    }
  }
}

function publicView(g: GroupState | RadarGroup): RadarGroup {
  return {
    id: g.id,
    productId: g.productId,
    intent: g.intent,
    askers: g.askers,
    asks: g.asks,
    firstAt: g.firstAt,
    lastAt: g.lastAt,
    context: g.context.slice(),
    status: g.status,
    answeredAt: g.answeredAt,
    answeredBy: g.answeredBy,
    latencyMs: g.latencyMs,
  };
}
