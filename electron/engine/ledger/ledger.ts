/**
 * The session ledger: every order, refund, pin and minute recorded locally in SQLite (node:sqlite), and
 * the figures of METRICS.md. One transaction per applied batch, live counters updated after each commit,
 * recap figures computed from the record by the pure functions of shared/metrics.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { XlsxRowReader } from '../../../shared/catalogue/xlsx';
import type { SessionInfo, SessionSummary } from '../../../shared/contract/session';
import { StudioError } from '../../../shared/errors';
import type { LiveEvent } from '../../../shared/events';
import type { Reconciled, SessionExport } from '../../../shared/metrics/export';
import { exportCsv } from '../../../shared/metrics/export-csv';
import type { LiveFigures } from '../../../shared/metrics/live-figures';
import type { Figures, SessionRecord, SessionWindow } from '../../../shared/metrics/types';
import { DEFAULT_CURRENCY, type Money } from '../../../shared/money';
import type { ExportPreview, ReconcileAnswer } from '../../../shared/reconcile/types';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { Applier, type ApplyResult } from './apply';
import { BackupSchedule } from './backup-schedule';
import { Catalogue, type ImportAnswer } from './catalogue';
import { type OpenReport, openDatabase, openEmptyInMemory } from './db';
import { recoverOpenSessions } from './last-activity';
import { type LedgerOptions, type StatsBody, view } from './ledger-types';
import { type Product, ProductStore } from './products';
import { RecapParts } from './recap-parts';
import type { ChatLine } from './recap-reads';
import { ReconcileStore } from './reconcile-store';
import { RecordingStore } from './recordings';
import { RunningSession, type StartInput } from './running-session';
import { type AnswerMarkRow, SessionReads } from './session-reads';
import { previewExport, type ReconcileOptions, reconcileSession } from './session-reconcile';
import { type SessionReason, SessionStore } from './sessions';
import { xlsxWorkerReader } from './xlsx-in-worker';

export type { SessionInfo, SessionSummary } from '../../../shared/contract/session';
export type { ApplyResult } from './apply';
export type { LedgerOptions, StatsBody } from './ledger-types';
export { DEMO_ROOM } from './ledger-types';
export type { Product } from './products';
export type { RecapPart, RecapStamp } from './recap-parts';
export type { ChatLine } from './recap-reads';
export type { Session } from './sessions';

export class Ledger {
  readonly report: OpenReport;
  private readonly db: DatabaseSync;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly applier: Applier;
  private readonly sessions: SessionStore;
  private readonly products: ProductStore;
  /** OBS recordings on the studio clock (electron/engine/recordings keeps it up to date). */
  readonly recordings: RecordingStore;
  private readonly reconciliations: ReconcileStore;
  /** The crashed session that went on by itself at open (within the resume window), if any. */
  readonly autoResumed: SessionInfo | null = null;
  private closed = false;
  /** Set when the file could not be opened: every write is refused with it. */
  readonly refusal: { code: string; message: string } | null;
  private readonly catalogue: Catalogue;
  /** XLSX files (catalogues, order exports) are read in a heap-limited worker. */
  private readonly readXlsx: XlsxRowReader;
  private readonly backups: BackupSchedule;
  private readonly reads: SessionReads;
  private readonly running: RunningSession;
  /** What is kept of ended sessions' recaps (recap-parts.ts): the recap service computes and keeps it. */
  readonly keptRecaps: RecapParts;

  constructor(options: LedgerOptions) {
    this.logger = options.logger ?? silentLogger();
    const currency = options.currency ?? DEFAULT_CURRENCY;
    this.now = options.now ?? Date.now;
    this.refusal = options.refuseWrites ?? null;
    const { db, report } = this.refusal
      ? openEmptyInMemory(options.dataDir)
      : openDatabase({
          dataDir: options.dataDir,
          logger: this.logger,
          backups: options.backups ?? 10,
          synchronous: options.synchronous,
          now: this.now(),
        });
    this.db = db;
    this.report = report;
    this.sessions = new SessionStore(db);
    this.keptRecaps = new RecapParts(db, this.sessions, this.now);
    this.applier = new Applier(db, {
      currency,
      classifyQuestion: options.classifyQuestion ?? (() => false),
      beforeCommit: (effects, anomalies, rooms) => this.keptRecaps.invalidateApplied(effects, anomalies, rooms),
    });
    this.products = new ProductStore(db, currency);
    this.recordings = new RecordingStore(db);
    this.reconciliations = new ReconcileStore(db);
    this.readXlsx = options.readXlsx ?? xlsxWorkerReader();
    this.catalogue = new Catalogue({
      products: this.products,
      readXlsx: this.readXlsx,
      logger: this.logger,
      now: this.now,
      changed: () => this.running.catalogueChanged(),
    });
    this.backups = new BackupSchedule({
      db,
      dataDir: options.dataDir,
      keep: options.backups ?? 10,
      everyMs: options.backupEveryMs ?? 30 * 60_000,
      logger: this.logger,
      now: this.now,
    });
    this.reads = new SessionReads({
      db,
      sessions: this.sessions,
      products: this.products,
      reconciliations: this.reconciliations,
      windowOf: (s, now) => this.running.windowOf(s, now),
    });
    const found = recoverOpenSessions({
      db,
      applier: this.applier,
      sessions: this.sessions,
      now: this.now(),
      resumeWindowMs: options.resumeWindowMs ?? 10 * 60_000,
      logger: this.logger,
    });
    const { applier, sessions, products, backups, logger, now } = this;
    this.running = new RunningSession(
      { db, applier, sessions, products, backups, logger, now, currency, defaultRoom: options.room ?? null },
      found,
    );
    if (found.kind === 'resume') this.autoResumed = view(found.session);
  }

  // ---- live events -------------------------------------------------------------------------------

  /** Applies a deduplicated, seq-ordered batch in one transaction; returns once it is durable. */
  applyLiveEvents(events: readonly LiveEvent[]): ApplyResult {
    this.assertOpen();
    if (events.length === 0) return { applied: 0, duplicates: 0, lastSeq: {}, anomalies: [], fresh: [] };
    const { result, effects } = this.applier.apply(events);
    this.running.feed(effects);
    for (const a of result.anomalies) this.logger.warn({ anomaly: a.kind, orderId: a.orderId }, a.message);
    return result;
  }

  /** The live room changed: sessions started from now on are recorded in `room` (and are rehearsals in the demo's). */
  followRoom(room: string): void {
    this.running.setDefaultRoom(room);
  }

  lastAppliedSeq(room: string): number {
    return this.applier.lastAppliedSeq(room);
  }

  /** Last seq of the room's local lane (shared/live/seq-lane.ts): local bridges number their events after it. */
  lastLocalSeq(room: string): number {
    return this.applier.lastLocalSeq(room);
  }

  /** The gateway reported a resync: seqs fromSeq..toSeq will never come; the minutes they covered are marked incomplete. */
  markGap(room: string, fromSeq: number, toSeq: number, at = this.now()): void {
    this.assertOpen();
    if (toSeq < fromSeq) return;
    this.applier.markGap(room, fromSeq, toSeq, at);
    this.logger.warn({ room, fromSeq, toSeq }, 'live feed gap recorded');
  }

  // ---- pins ----------------------------------------------------------------------------------------

  /** Records that `productId` is pinned from `at` (the engine's pin module owns pin authority and versions). */
  pin(productId: string, at = this.now()): void {
    this.assertOpen();
    this.db.prepare('INSERT INTO pins (at, product_id) VALUES (?, ?)').run(at, productId);
  }

  unpin(at = this.now()): void {
    this.assertOpen();
    this.db.prepare('INSERT INTO pins (at, product_id) VALUES (?, NULL)').run(at);
  }

  // ---- sessions (running-session.ts) ---------------------------------------------------------------

  startSession(input: StartInput = {}): SessionInfo {
    this.assertOpen();
    return this.running.start(input);
  }

  stopSession(input: { at?: number; reason?: SessionReason } = {}): SessionInfo {
    this.assertOpen();
    return view(this.running.stop(input));
  }

  currentSession(): SessionInfo | null {
    const s = this.running.session();
    return s ? view(s) : null;
  }

  /** A session left open by a crash, found at open, until it is resumed or closed. */
  interruptedSession(): SessionInfo | null {
    const s = this.running.interruptedSession();
    return s ? view(s) : null;
  }

  /** Continues the interrupted session as the current one; events that arrived meanwhile are already in it. */
  resumeSession(id: string): SessionInfo {
    this.assertOpen();
    return this.running.resume(id);
  }

  /**
   * Ends the interrupted session at `at` (default: its last event recorded before the engine stopped, else
   * its start; events arriving after the restart are not pulled into it).
   */
  closeInterrupted(id: string, at?: number): SessionInfo {
    this.assertOpen();
    return this.running.closeInterrupted(id, at);
  }

  /** Called with the id of each session that ends (stopped, or an interrupted one closed): the moment to precompute its recap. */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    return this.running.onEnded(listener);
  }

  listSessions(now = this.now()): SessionSummary[] {
    return this.reads.listSessions(now);
  }

  getSession(id: string): SessionInfo {
    return view(this.sessions.require(id));
  }

  renameSession(id: string, title: string): SessionInfo {
    return view(this.sessions.rename(id, title));
  }

  // ---- figures -------------------------------------------------------------------------------------

  /** The live counters of the running session (cheap: call on every batch), or null. */
  liveFigures(
    now = this.now(),
  ): { sessionId: string; figures: Figures; moneyIncomplete: boolean; window: SessionWindow } | null {
    const session = this.running.session();
    const live = this.running.tally();
    if (!session || !live) return null;
    return {
      sessionId: session.id,
      figures: live.figures(now),
      moneyIncomplete: live.moneyIncomplete,
      window: live.windowAt(now),
    };
  }

  /** The body of `GET /sessions/{id}/stats`. */
  stats(sessionId: string, now = this.now()): StatsBody {
    return this.statsWithRecord(sessionId, now).stats;
  }

  exportJson(sessionId: string, now = this.now()): SessionExport {
    return this.reads.exportJson(sessionId, now);
  }

  /** The session's last reconciliation (when, with which file), or null while its figures are provisional. */
  reconciled(sessionId: string): Reconciled | null {
    return this.reads.reconciled(sessionId);
  }

  /**
   * `POST /sessions/{id}/reconcile`: corrects an ended session by the platform's order export (PROTOCOL D,
   * METRICS "Reconciliation"). The same file with the same columns again changes nothing and answers
   * as the first time; another file replaces what the last one said.
   */
  async reconcile(sessionId: string, bytes: Uint8Array, options: ReconcileOptions = {}): Promise<ReconcileAnswer> {
    this.assertOpen();
    const parts = {
      reads: this.reads,
      products: this.products,
      reconciliations: this.reconciliations,
      logger: this.logger,
      now: this.now,
    };
    const answer = await reconcileSession(parts, this.sessions.require(sessionId), bytes, {
      ...options,
      readXlsx: this.readXlsx,
    });
    this.keptRecaps.invalidateSession(sessionId);
    return answer;
  }

  /** The column-mapping step: the header found, the guess, the first rows, the file's shape. */
  previewExport(bytes: Uint8Array, options: { contentType?: string; charset?: string } = {}): Promise<ExportPreview> {
    return previewExport(bytes, { ...options, readXlsx: this.readXlsx });
  }

  exportCsv(sessionId: string, now = this.now()): string {
    return exportCsv(this.exportJson(sessionId, now));
  }

  // ---- recap reads (electron/engine/recap) ----------------------------------------------------------

  /** The stats body and the record it was computed from, in one read (per-product units and refunds). */
  statsWithRecord(sessionId: string, now = this.now()): { stats: StatsBody; record: SessionRecord } {
    return this.reads.statsWithRecord(sessionId, now);
  }

  /** The session's comments with text and actor, a page at a time in record order (the recap's question tables). */
  chatLinePages(sessionId: string, now = this.now()): { window: SessionWindow; pages: Iterable<ChatLine[]> } {
    return this.reads.chatLinePages(sessionId, now);
  }

  /** Records that the host marked a question group answered (radar), for the recap's time to answer. */
  recordAnswer(mark: { productId: string | null; intent: string; at: number }): void {
    this.assertOpen();
    this.db
      .prepare('INSERT INTO answer_marks (at, product_id, intent) VALUES (?, ?, ?)')
      .run(mark.at, mark.productId, mark.intent);
  }

  /** The host's answer marks inside a session's window. */
  answerMarks(sessionId: string, now = this.now()): AnswerMarkRow[] {
    return this.reads.answerMarks(sessionId, now);
  }

  /** listSessions plus refunds and the last cumulative viewers (settled GMV and GPM in the list). */
  listSessionTotals(now = this.now()): (SessionSummary & { refunds: Money; cumulativeViewers: number | null })[] {
    return this.reads.listSessionTotals(now);
  }

  // ---- products ------------------------------------------------------------------------------------

  importProducts(bytes: Uint8Array, options: { contentType?: string; charset?: string } = {}): Promise<ImportAnswer> {
    this.assertOpen();
    return this.catalogue.importFile(bytes, options);
  }

  readonly listProducts = (): Product[] => this.products.list();
  readonly addProduct = (input: unknown): Product => this.catalogue.add(input);
  readonly updateProduct = (productId: string, patch: unknown): Product => this.catalogue.update(productId, patch);
  readonly reorderProducts = (productIds: readonly string[]): Product[] => this.products.reorder(productIds);
  readonly deleteProduct = (productId: string): void => this.catalogue.delete(productId);

  /**
   * The running session's live tally (shared/metrics LiveFigures): figures, per-product units and paid
   * money, the channel split and GMV per minute, kept from the effects of each applied batch (never
   * re-read from SQL). Read it, never feed it: the ledger does. Null when no session runs.
   */
  liveTally(): LiveFigures | null {
    return this.running.tally();
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  /** Writes a copy now (keeping the last N); a failure (full disk) is logged, never thrown. */
  backupNow(reason: 'stop' | 'running'): string | null {
    return this.closed ? null : this.backups.now(reason);
  }

  /** Checkpoints the WAL and closes the file. A running session stays open (resumable at next start). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.backups.stop();
    try {
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  /** Runs `PRAGMA integrity_check`; 'ok' when healthy. */
  integrityCheck(): string {
    const rows = this.db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  private assertOpen(): void {
    if (this.refusal) throw new StudioError(this.refusal.code, this.refusal.message, { status: 503 });
    if (this.closed) throw new StudioError('ledger_closed', 'The ledger is closed', { status: 503 });
  }
}

/** Opens (creating, checking, migrating, backing up) the ledger in `dataDir`. */
export function openLedger(options: LedgerOptions): Ledger {
  return new Ledger(options);
}

/**
 * openLedger for the engine: when the file cannot be opened safely (`ledger_damaged`, `ledger_unavailable`)
 * the engine still starts, with a ledger that refuses writes and says why, instead of failing and being
 * restarted in a loop (or, worse, starting an empty ledger over the damaged one).
 */
export function openLedgerOrRefuse(options: LedgerOptions): Ledger {
  try {
    return new Ledger(options);
  } catch (error) {
    if (!(error instanceof StudioError) || !['ledger_damaged', 'ledger_unavailable'].includes(error.code)) throw error;
    options.logger?.error({ code: error.code }, error.message);
    return new Ledger({ ...options, refuseWrites: { code: error.code, message: error.message } });
  }
}
