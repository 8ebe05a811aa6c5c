/**
 * The studio reads chat so the host does not have to: every comment is classified (intent, question,
 * link number), resolved to a product (link number, then name, then the pinned product), fed to the
 * question radar and demand heat, and the result is published to seats about once a second.
 */

import { buildProductIndex, type ProductIndex, resolveProduct } from '../../../shared/chat';
import type { Intent } from '../../../shared/chat/intent';
import type { Product, RadarState } from '../../../shared/contract';
import { EMPTY_RADAR } from '../../../shared/contract/radar';
import { DemandHeat, QuestionRadar } from '../../../shared/radar';
import type { ChatClassification } from '../feed/from-live-event';
import { CommentClassifier } from './comment-classifier';

export interface ChatIntelOptions {
  /** How long a product must stay pinned before its open questions count as answered. */
  autoAnswerAfterMs?: number;
  publish: (state: RadarState) => void;
  /** The host marked a group answered (kept by the ledger for the recap's time to answer). */
  onAnswered?: (mark: { productId: string | null; intent: Intent; at: number }) => void;
  now?: () => number;
  /** The classifier the ledger shares (one classification per comment); its own otherwise. */
  classifier?: CommentClassifier;
}

export class ChatIntel {
  private index: ProductIndex = buildProductIndex([]);
  private pinned: string | null = null;
  private readonly radar: QuestionRadar;
  private readonly heat = new DemandHeat();
  private dirty = false;
  private readonly classifier: CommentClassifier;
  private readonly now: () => number;

  constructor(private readonly options: ChatIntelOptions) {
    this.radar = new QuestionRadar({ autoAnswerAfterMs: options.autoAnswerAfterMs ?? 10_000 });
    this.now = options.now ?? Date.now;
    this.classifier = options.classifier ?? new CommentClassifier();
  }

  setProducts(products: readonly Product[]): void {
    this.index = buildProductIndex(products.map((p) => ({ productId: p.productId, title: p.title, linkNo: p.linkNo })));
  }

  setPinned(productId: string | null, since: number): void {
    this.pinned = productId;
    this.radar.onPinned(productId, since);
    this.dirty = true;
  }

  /** Classifies one comment and records it in the radar and heat; cheap enough for 5,000/s. */
  observe(text: string, actorId: string | null, at: number): ChatClassification {
    const classified = this.classifier.classify(text);
    const productId = resolveProduct(classified, text, this.index, this.pinned);
    if (classified.question) {
      this.radar.add({ at, actorId, productId, intent: classified.intent, text });
      this.dirty = true;
    }
    if (productId && (classified.intent === 'want' || classified.intent === 'link' || classified.question)) {
      this.heat.addComment(productId, classified, at);
      this.dirty = true;
    }
    return { intent: classified.intent, question: classified.question, linkNo: classified.linkNo, productId };
  }

  markAnswered(groupId: string): boolean {
    const at = this.now();
    const group = this.radar.markAnswered(groupId, at, 'host');
    if (!group) return false;
    this.options.onAnswered?.({ productId: group.productId, intent: group.intent, at });
    this.publish();
    return true;
  }

  /** Called about once a second: auto-answers by pin, decays heat, publishes when something moved. */
  tick(): void {
    const answered = this.radar.tick(this.now());
    if (answered.length > 0 || this.dirty) this.publish();
  }

  snapshot(): RadarState {
    const now = this.now();
    const snap = this.radar.snapshot();
    return {
      open: snap.open.slice(0, 30),
      answeredRecent: snap.answered.slice(0, 10),
      stats: snap.stats,
      demand: this.heat.ranking(now, 10),
      suggestion: this.heat.suggestion(now, this.pinned),
    };
  }

  private publish(): void {
    this.dirty = false;
    this.options.publish(this.snapshot());
  }

  static empty(): RadarState {
    return EMPTY_RADAR;
  }
}
