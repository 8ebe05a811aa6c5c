/**
 * What the recap routes answer (electron/engine/recap) and the console and the printable report read.
 * Figures, segments, products and minutes are the stats of METRICS.md unchanged; the rest is added here.
 */
import type { FactKey } from '../catalogue/facts';
import type { Intent } from '../chat/intent';
import type { SessionInfo } from '../contract/session';
import type { ChannelFigures, ProductChannels, SharerFigures } from '../metrics/channels';
import type { Reconciled } from '../metrics/export';
import type { Completeness, Figures, MinuteRow, ProductFigures, Segment, SessionWindow } from '../metrics/types';
import type { Money } from '../money';
import type { AnswerTimes, DemandVsPin, TopQuestion } from '../radar/recap';

export interface RecapProduct {
  productId: string;
  title: string;
  linkNo: number | null;
}

/** Units and refunds per product over the session's paid orders (refunds spread over an order's lines by value). */
export interface ProductSales {
  productId: string;
  units: number;
  refunds: Money;
}

/** Refunds of the session's orders that arrived after it ended: settled figures moved after the show. */
export interface LateRefunds {
  count: number;
  /** each refund with its date, and whether the feed or a reconciled export brought it */
  list: { orderId: string; refundId: string; amount: Money; at: number; source: 'feed' | 'export' }[];
  amount: Money;
  /** settled GMV as it stood when the show ended */
  settledAtEnd: Money;
}

/** `GET /sessions/:id/recap` */
export interface RecapBody {
  session: SessionInfo;
  window: SessionWindow;
  figures: Figures;
  segments: Segment[];
  products: ProductFigures[];
  minutes: MinuteRow[];
  incomplete: Completeness;
  anomalies: { kind: string; orderId: string; at: number; message: string }[];
  /** the catalogue's names for the product ids above (ids no longer in the catalogue are absent) */
  catalogue: RecapProduct[];
  productSales: ProductSales[];
  lateRefunds: LateRefunds;
  /** the session is still running: every figure is provisional */
  running: boolean;
  /** who sold it: the session per channel, the top 推客, each product per channel */
  channels: ChannelFigures[];
  sharers: SharerFigures[];
  productChannels: ProductChannels[];
  /** the last reconciliation with the platform's export; null: the figures are the feed's, provisional */
  reconciled: Reconciled | null;
}

export type HeadlineKey =
  | 'paidGmv'
  | 'settledGmv'
  | 'orders'
  | 'units'
  | 'buyers'
  | 'aov'
  | 'peakViewers'
  | 'averageViewers'
  | 'cumulativeViewers'
  | 'gpm'
  | 'conversion'
  | 'refundRate'
  | 'chatRate';

/** One headline figure against a baseline: `change` is (value - base) / base, null without a base. */
export interface FigureComparison {
  value: number | null;
  base: number | null;
  change: number | null;
}

export interface Baseline {
  /** sessions the baseline is made of (0: nothing to compare with) */
  sessions: number;
  ids: string[];
  title: string | null;
  figures: Partial<Record<HeadlineKey, number | null>>;
}

/** `GET /sessions/:id/recap/compare` */
export interface CompareBody {
  previous: Baseline;
  last7: Baseline;
  /** rehearsals (彩排) are part of the baselines (only when asked: `?rehearsals=include`) */
  rehearsals: boolean;
}

export interface QuestionShare {
  productId: string | null;
  questions: number;
  /** questions about this product asked while it was pinned */
  whilePinned: number;
  topQuestions: TopQuestion[];
}

/** `GET /sessions/:id/recap/questions` */
export interface QuestionsBody {
  comments: number;
  questions: number;
  /** most asked questions over the whole session, by intent */
  top: TopQuestion[];
  perProduct: QuestionShare[];
  demandVsPins: DemandVsPin[];
  answerTimes: AnswerTimes;
  /** Facts to add before the next show: questions the catalogue could not answer, most asked first. */
  missingFacts: MissingFact[];
}

/** A fact the catalogue lacked when viewers asked (shared/radar/answers.ts `missing`). */
export interface MissingFact {
  productId: string;
  fact: FactKey | 'stock';
  questions: number;
  /** distinct viewers who asked */
  askers: number;
  /** the most recent question, as written */
  example: string;
}

/** `GET /recap/sessions`: the list with the totals it shows. */
export interface SessionListRow extends SessionInfo {
  paidGmv: Money;
  refunds: Money;
  settledGmv: Money;
  orders: number;
  peakViewers: number | null;
  cumulativeViewers: number | null;
  gpm: Money | null;
}

export type { Intent };
