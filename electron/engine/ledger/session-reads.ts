/**
 * Reads of a session's record for stats, exports, the session list and the recap: the record of a
 * window read out of SQL (record.ts) and turned into figures by the pure functions of shared/metrics.
 * Read-only; the ledger owns the writes and the window of the running session.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionSummary } from '../../../shared/contract/session';
import { buildExport, type Reconciled, type SessionExport } from '../../../shared/metrics/export';
import { computeStats } from '../../../shared/metrics/stats';
import type { SessionRecord, SessionWindow } from '../../../shared/metrics/types';
import type { Money } from '../../../shared/money';
import { type StatsBody, view } from './ledger-types';
import type { ProductStore } from './products';
import { type ChatLine, readChatLinePages, readListTotals } from './recap-reads';
import type { ReconcileStore } from './reconcile-store';
import { readAnomalies, readRecord, summary } from './record';
import type { Session, SessionStore } from './sessions';

export interface AnswerMarkRow {
  productId: string | null;
  intent: string;
  at: number;
}

export interface SessionReadParts {
  db: DatabaseSync;
  sessions: SessionStore;
  products: ProductStore;
  reconciliations: ReconcileStore;
  /** the session's window at `now` (the running one's ends at its latest event) */
  windowOf: (s: Session, now: number) => SessionWindow;
}

export class SessionReads {
  constructor(private readonly p: SessionReadParts) {}

  recordOf(s: Session, now: number, chatRows = false): SessionRecord {
    return readRecord(this.p.db, {
      room: s.room,
      currency: s.currency,
      window: this.p.windowOf(s, now),
      skuMap: this.p.products.skuMap(),
      products: this.p.products.ids(),
      chatRows,
    });
  }

  /** The stats body and the record it was computed from, in one read (per-product units and refunds). */
  statsWithRecord(sessionId: string, now: number): { stats: StatsBody; record: SessionRecord } {
    const s = this.p.sessions.require(sessionId);
    const record = this.recordOf(s, now);
    return {
      stats: { session: view(s), window: record.window, ...computeStats(record), ...this.extras(s, record) },
      record,
    };
  }

  exportJson(sessionId: string, now: number): SessionExport {
    const s = this.p.sessions.require(sessionId);
    const record = this.recordOf(s, now, true);
    const { anomalies, reconciled } = this.extras(s, record);
    return buildExport(view(s), record, computeStats(record), anomalies, reconciled);
  }

  /** The session's last reconciliation (when, with which file), or null while its figures are provisional. */
  reconciled(sessionId: string): Reconciled | null {
    const last = this.p.reconciliations.last(sessionId);
    return last ? { at: last.at, source: last.source } : null;
  }

  private extras(s: Session, record: SessionRecord): Pick<StatsBody, 'anomalies' | 'reconciled'> {
    const anomalies = readAnomalies(this.p.db, s.room, record.window).map(({ seq: _seq, ...a }) => a);
    return { anomalies, reconciled: this.reconciled(s.id) };
  }

  listSessions(now: number): SessionSummary[] {
    return this.p.sessions.list().map((s) => {
      const sum = summary(this.p.db, s.room, this.p.windowOf(s, now));
      return {
        ...view(s),
        paidGmv: { amount: sum.paidGmv, currency: s.currency },
        orders: sum.orders,
        peakViewers: sum.peakViewers,
      };
    });
  }

  /** listSessions plus refunds and the last cumulative viewers (settled GMV and GPM in the list). */
  listSessionTotals(now: number): (SessionSummary & { refunds: Money; cumulativeViewers: number | null })[] {
    const list = this.listSessions(now);
    return this.p.sessions.list().map((s, i) => {
      const extra = readListTotals(this.p.db, s.room, this.p.windowOf(s, now));
      return {
        ...list[i],
        refunds: { amount: extra.refunds, currency: s.currency },
        cumulativeViewers: extra.cumulativeViewers,
      };
    });
  }

  /** The session's comments with text and actor, a page at a time in record order (the recap's question tables). */
  chatLinePages(sessionId: string, now: number): { window: SessionWindow; pages: Iterable<ChatLine[]> } {
    const s = this.p.sessions.require(sessionId);
    const window = this.p.windowOf(s, now);
    return { window, pages: readChatLinePages(this.p.db, s.room, window) };
  }

  /** The host's answer marks inside a session's window. */
  answerMarks(sessionId: string, now: number): AnswerMarkRow[] {
    const window = this.p.windowOf(this.p.sessions.require(sessionId), now);
    return (
      this.p.db
        .prepare('SELECT at, product_id, intent FROM answer_marks WHERE at >= ? AND at < ? ORDER BY at')
        .all(window.start, window.end) as { at: number; product_id: string | null; intent: string }[]
    ).map((r) => ({ productId: r.product_id, intent: r.intent, at: r.at }));
  }
}
