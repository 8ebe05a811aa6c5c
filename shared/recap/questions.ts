/**
 * The recap's question tables from the chat record: each comment classified (shared/chat), resolved to
 * a product with the pin standing when it was written (as the live radar did), then grouped by
 * shared/radar/recap. Fed line by line so the engine can yield between chunks of a 200,000-comment show.
 */
import { buildProductIndex, type CatalogueEntry, classifyComment, type ProductIndex, resolveProduct } from '../chat';
import type { Product } from '../contract/products';
import { suggestAnswer } from '../radar/answers';
import { type AnswerMark, type ChatRecord, type PinSpan, recapQuestions, topQuestionsPerProduct } from '../radar/recap';
import type { MissingFact, QuestionsBody } from './types';

/** At most this many facts to add are listed. */
export const MISSING_FACTS_SHOWN = 20;

export class QuestionCollector {
  private readonly index: ProductIndex;
  private readonly spans: PinSpan[];
  private readonly records: ChatRecord[] = [];
  private comments = 0;
  private spanAt = 0;

  constructor(
    catalogue: readonly CatalogueEntry[],
    spans: readonly PinSpan[],
    /** The host's "answered" marks during the show (the live radar's), for the time to answer. */
    private readonly answers: readonly AnswerMark[] = [],
    /** The catalogue as it is now, with its facts: which questions it could not answer. */
    private readonly products: readonly Product[] = [],
  ) {
    this.index = buildProductIndex(catalogue);
    this.spans = [...spans].sort((a, b) => a.start - b.start);
  }

  /** Lines must come in time order. */
  add(line: { at: number; actorId: string | null; text: string }): void {
    this.comments++;
    while (this.spanAt < this.spans.length && this.spans[this.spanAt].end <= line.at) this.spanAt++;
    const span = this.spans[this.spanAt];
    const pinned = span !== undefined && span.start <= line.at ? span.productId : null;
    const c = classifyComment(line.text);
    const productId = resolveProduct(c, line.text, this.index, pinned);
    // Only what the recap groups is kept: questions and demand signals (want, link).
    if (!c.question && c.intent !== 'want' && c.intent !== 'link') return;
    this.records.push({
      at: line.at,
      actorId: line.actorId,
      text: line.text,
      intent: c.intent,
      question: c.question,
      linkNo: c.linkNo,
      productId,
    });
  }

  finish(): QuestionsBody {
    const base = recapQuestions(this.records, this.spans, { answers: this.answers });
    const whilePinned = new Map<string, number>();
    for (const r of this.records) {
      if (!r.question || r.productId === null) continue;
      if (this.spans.some((s) => s.productId === r.productId && r.at >= s.start && r.at < s.end)) {
        whilePinned.set(r.productId, (whilePinned.get(r.productId) ?? 0) + 1);
      }
    }
    const questions = this.records.filter((r) => r.question);
    return {
      comments: this.comments,
      questions: questions.length,
      top:
        topQuestionsPerProduct(
          questions.map((r) => ({ ...r, productId: null })),
          10,
        )[0]?.topQuestions ?? [],
      perProduct: base.perProduct.map((p) => ({
        productId: p.productId,
        questions: p.questions,
        whilePinned: p.productId === null ? 0 : (whilePinned.get(p.productId) ?? 0),
        topQuestions: p.topQuestions,
      })),
      demandVsPins: base.demandVsPins,
      answerTimes: base.answerTimes,
      missingFacts: missingFacts(questions, this.products),
    };
  }
}

/** Questions about a product whose answer needs a fact the catalogue lacks, per (product, fact), ranked. */
function missingFacts(questions: readonly ChatRecord[], products: readonly Product[]): MissingFact[] {
  const byId = new Map(products.map((p) => [p.productId, p]));
  const found = new Map<string, MissingFact & { viewers: Set<string> }>();
  for (const q of questions) {
    const product = q.productId === null ? undefined : byId.get(q.productId);
    if (product === undefined) continue;
    const answer = suggestAnswer(q.intent, product);
    if (answer.kind !== 'missing') continue;
    const key = `${product.productId}\u0000${answer.fact}`;
    let entry = found.get(key);
    if (!entry) {
      entry = {
        productId: product.productId,
        fact: answer.fact,
        questions: 0,
        askers: 0,
        example: q.text,
        viewers: new Set(),
      };
      found.set(key, entry);
    }
    entry.questions++;
    entry.example = q.text;
    entry.viewers.add(q.actorId ?? `anonymous:${entry.questions}`);
  }
  return [...found.values()]
    .map(({ viewers, ...m }) => ({ ...m, askers: viewers.size }))
    .sort((a, b) => b.questions - a.questions || b.askers - a.askers || a.productId.localeCompare(b.productId))
    .slice(0, MISSING_FACTS_SHOWN);
}
