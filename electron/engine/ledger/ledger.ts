/**
 * The session ledger: every order, refund, pin and minute recorded locally in SQLite (node:sqlite), and
 * the figures of METRICS.md. One transaction per applied batch, live counters updated after each commit,
 * recap figures computed from the record by the pure functions of shared/metrics.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseCatalogue } from '../../../shared/catalogue/import';
import type { XlsxRowReader } from '../../../shared/catalogue/xlsx';
import { capErrors } from '../../../shared/catalogue/zip-limits';
import { StudioError } from '../../../shared/errors';
import type { LiveEvent } from '../../../shared/events';
import { buildExport, type Reconciled, type SessionExport } from '../../../shared/metrics/export';
import { exportCsv } from '../../../shared/metrics/export-csv';
import { computeFigures } from '../../../shared/metrics/figures';
import { LiveFigures } from '../../../shared/metrics/live-figures';
import { toRecordOrder } from '../../../shared/metrics/replay';
import { computeStats } from '../../../shared/metrics/stats';
import type { ComputedStats, Figures, SessionRecord, SessionWindow } from '../../../shared/metrics/types';
import { DEFAULT_CURRENCY, type Money } from '../../../shared/money';
import { type ColumnMapping, guessMapping, headerSignature } from '../../../shared/reconcile/fields';
import { parseExport } from '../../../shared/reconcile/parse';
import { applyPlan, planReconciliation } from '../../../shared/reconcile/plan';
import { readExportTable } from '../../../shared/reconcile/table';
import type { ExportPreview, ReconcileAnswer } from '../../../shared/reconcile/types';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { Applier, type ApplyResult, type Effect } from './apply';
import { writeBackup } from './backup';
import { type OpenReport, openDatabase } from './db';
import { migrate } from './migrations';
import { type Product, ProductStore } from './products';
import { type ChatLine, readChatLinePages, readListTotals } from './recap-reads';
import { ReconcileStore } from './reconcile-store';
import { type AnomalyRow, readAnomalies, readRecord, summary } from './record';
import { RecordingStore } from './recordings';
import { type Session, type SessionReason, SessionStore } from './sessions';
import { xlsxWorkerReader } from './xlsx-in-worker';

export type { ApplyResult } from './apply';
export type { Product } from './products';
export type { ChatLine } from './recap-reads';
export type { Session } from './sessions';

export interface LedgerOptions {
  /** the user's data folder; the file is `<dataDir>/ledger.sqlite`, backups in `<dataDir>/backups` */
  dataDir: string;
  logger?: Logger;
  /** daily backups to keep (default 7) */
  backups?: number;
  currency?: string;
  /** the room new sessions follow when none is given (null: every room) */
  room?: string | null;
  /** chat question classifier (shared/chat isQuestion), applied when a comment arrives */
  classifyQuestion?: (text: string) => boolean;
  synchronous?: 'normal' | 'full';
  /**
   * A session left open by a crash goes on by itself when the ledger opens within this long of its last
   * recorded event (PROTOCOL D: 10 minutes); later it waits as `interrupted`. 0: never on its own.
   */
  resumeWindowMs?: number;
  /**
   * The ledger file could not be opened safely (damaged with no healthy backup, or locked): the engine
   * still runs, this ledger holds nothing and refuses every write with this error, and the live link is
   * not started, so events wait at the gateway.
   */
  refuseWrites?: { code: string; message: string };
  /** A copy of the ledger every this long while a session runs (default 30 minutes). */
  backupEveryMs?: number;
  /** clock, for tests */
  now?: () => number;
  /** XLSX catalogue reader (default: a worker thread with a heap limit) */
  readXlsx?: XlsxRowReader;
}

/** The built-in demo room's id (gateway/demo.ts): its sessions are rehearsals. */
export const DEMO_ROOM = 'demo';

export interface SessionView {
  id: string;
  title: string;
  room: string | null;
  startedAt: number;
  endedAt: number | null;
  rehearsal: boolean;
}

export interface StatsBody extends ComputedStats {
  session: SessionView;
  window: SessionWindow;
  anomalies: Omit<AnomalyRow, 'seq'>[];
  /** the last reconciliation with the platform's export, or null: the figures are provisional */
  reconciled: Reconciled | null;
}

export interface SessionSummary extends SessionView {
  paidGmv: Money;
  orders: number;
  peakViewers: number | null;
}

const view = (s: Session): SessionView => ({
  id: s.id,
  title: s.title,
  room: s.room,
  startedAt: s.startedAt,
  endedAt: s.endedAt,
  rehearsal: s.rehearsal,
});

export class Ledger {
  readonly report: OpenReport;
  private readonly db: DatabaseSync;
  private readonly logger: Logger;
  private readonly currency: string;
  private readonly defaultRoom: string | null;
  private readonly now: () => number;
  private readonly applier: Applier;
  private readonly sessions: SessionStore;
  private readonly products: ProductStore;
  /** OBS recordings on the studio clock (electron/engine/recordings keeps it up to date). */
  readonly recordings: RecordingStore;
  private readonly reconciliations: ReconcileStore;
  private current: { session: Session; live: LiveFigures } | null = null;
  /** sku -> productId, cached between catalogue changes (read on every applied batch) */
  private skuCache: Map<string, string> | null = null;
  private interrupted: Session | null;
  /** The interrupted session's last recorded event as found at open (later events belong to no session yet). */
  private interruptedLastEvent: number | null = null;
  /** The crashed session that went on by itself at open (within the resume window), if any. */
  readonly autoResumed: SessionView | null = null;
  private closed = false;
  /** Set when the file could not be opened: every write is refused with it. */
  readonly refusal: { code: string; message: string } | null;
  private readonly dataDir: string;
  private readonly readXlsx: XlsxRowReader;
  private readonly backups: number;
  private readonly backupEveryMs: number;
  private backupTimer: NodeJS.Timeout | null = null;

  constructor(options: LedgerOptions) {
    this.logger = options.logger ?? silentLogger();
    this.currency = options.currency ?? DEFAULT_CURRENCY;
    this.defaultRoom = options.room ?? null;
    this.now = options.now ?? Date.now;
    this.dataDir = options.dataDir;
    this.backups = options.backups ?? 10;
    this.backupEveryMs = options.backupEveryMs ?? 30 * 60_000;
    this.readXlsx = options.readXlsx ?? xlsxWorkerReader();
    this.refusal = options.refuseWrites ?? null;
    const { db, report } = this.refusal
      ? openEmptyInMemory(options.dataDir)
      : openDatabase({
          dataDir: options.dataDir,
          logger: this.logger,
          backups: this.backups,
          synchronous: options.synchronous,
          now: this.now(),
        });
    this.db = db;
    this.report = report;
    this.applier = new Applier(db, {
      currency: this.currency,
      classifyQuestion: options.classifyQuestion ?? (() => false),
    });
    this.sessions = new SessionStore(db);
    this.products = new ProductStore(db, this.currency);
    this.recordings = new RecordingStore(db);
    this.reconciliations = new ReconcileStore(db);
    const open = this.sessions.open();
    // More than one open session can only come from an older crash; all but the newest are closed at their last event.
    for (const s of open.slice(0, -1)) this.sessions.end(s.id, this.lastActivity(s), 'recovered');
    this.interrupted = open.at(-1) ?? null;
    if (this.interrupted) {
      const s = this.interrupted;
      const lastEvent = this.lastActivity(s);
      const windowMs = options.resumeWindowMs ?? 10 * 60_000;
      const away = this.now() - lastEvent;
      if (windowMs > 0 && away <= windowMs) {
        // Back soon enough: the show simply goes on; what the gateway still holds is replayed into it and
        // what it no longer holds is marked as a gap by the live link.
        this.interrupted = null;
        this.current = { session: s, live: this.buildLive(s) };
        this.autoResumed = view(s);
        this.armBackups();
        this.logger.warn({ session: s.id, awayMs: away }, 'the session open when the studio stopped goes on');
      } else {
        this.interruptedLastEvent = lastEvent;
        this.logger.warn(
          { session: s.id, awayMs: away, windowMs },
          'a session was still open when the studio last stopped: resume or close it',
        );
      }
    }
  }

  // ---- live events -------------------------------------------------------------------------------

  /** Applies a deduplicated, seq-ordered batch in one transaction; returns once it is durable. */
  applyLiveEvents(events: readonly LiveEvent[]): ApplyResult {
    this.assertOpen();
    if (events.length === 0) return { applied: 0, duplicates: 0, lastSeq: {}, anomalies: [], fresh: [] };
    const { result, effects } = this.applier.apply(events);
    if (this.current) this.feedLive(this.current, effects);
    for (const a of result.anomalies) this.logger.warn({ anomaly: a.kind, orderId: a.orderId }, a.message);
    return result;
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

  private feedLive(current: { session: Session; live: LiveFigures }, effects: readonly Effect[]): void {
    const { session, live } = current;
    const skuMap = this.skuMap();
    for (const e of effects) {
      if (session.room !== null && e.room !== session.room) continue;
      if (e.type === 'order') live.order(toRecordOrder(e.state, skuMap));
      else if (e.type === 'refund') live.refund(e.refund);
      else if (e.type === 'chat') live.chatEvent(e.chat);
      else if (e.type === 'like') live.like(e.like);
      else live.viewers(e.viewers);
    }
  }

  private skuMap(): Map<string, string> {
    this.skuCache ??= this.products.skuMap();
    return this.skuCache;
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

  // ---- sessions ------------------------------------------------------------------------------------

  startSession(
    input: { title?: string; room?: string | null; at?: number; reason?: SessionReason; rehearsal?: boolean } = {},
  ): SessionView {
    this.assertOpen();
    if (this.current) {
      throw new StudioError(
        'session_running',
        `Session "${this.current.session.title}" is already running; stop it first`,
        {
          status: 409,
        },
      );
    }
    if (this.interrupted) {
      throw new StudioError(
        'session_interrupted',
        `Session "${this.interrupted.title}" was interrupted; resume or close it first`,
        { status: 409 },
      );
    }
    const at = input.at ?? this.now();
    const latestEnd = this.sessions.latestEnd();
    if (latestEnd !== null && at < latestEnd) {
      throw new StudioError('invalid_time', 'A new session cannot start before the previous one ended', { path: 'at' });
    }
    const room = input.room === undefined ? this.defaultRoom : input.room;
    const session = this.sessions.create({
      title: input.title,
      room,
      currency: this.currency,
      at,
      reason: input.reason ?? 'manual',
      // Sessions in the demo room are rehearsals whatever was asked: its orders are simulated.
      rehearsal: input.rehearsal === true || room === DEMO_ROOM,
    });
    this.current = { session, live: this.buildLive(session) };
    this.armBackups();
    this.logger.info({ session: session.id }, 'session started');
    return view(session);
  }

  stopSession(input: { at?: number; reason?: SessionReason } = {}): SessionView {
    this.assertOpen();
    if (!this.current) throw new StudioError('no_session', 'No session is running', { status: 409 });
    const at = Math.max(input.at ?? this.now(), this.current.session.startedAt);
    const session = this.sessions.end(this.current.session.id, at, input.reason ?? 'manual');
    this.current = null;
    this.armBackups();
    this.logger.info({ session: session.id }, 'session stopped');
    // After a show is the moment a copy matters most.
    this.backupNow('stop');
    return view(session);
  }

  currentSession(): SessionView | null {
    return this.current ? view(this.current.session) : null;
  }

  /** A session left open by a crash, found at open, until it is resumed or closed. */
  interruptedSession(): SessionView | null {
    return this.interrupted ? view(this.interrupted) : null;
  }

  /** Continues the interrupted session as the current one; events that arrived meanwhile are already in it. */
  resumeSession(id: string): SessionView {
    this.assertOpen();
    const s = this.takeInterrupted(id);
    this.current = { session: s, live: this.buildLive(s) };
    this.armBackups();
    return view(s);
  }

  /**
   * Ends the interrupted session at `at` (default: its last event recorded before the engine stopped, else
   * its start; events arriving after the restart are not pulled into it).
   */
  closeInterrupted(id: string, at?: number): SessionView {
    this.assertOpen();
    const s = this.takeInterrupted(id);
    const last = this.interruptedLastEvent ?? this.lastActivity(s);
    return view(this.sessions.end(s.id, Math.max(at ?? last, s.startedAt), 'recovered'));
  }

  private takeInterrupted(id: string): Session {
    if (!this.interrupted || this.interrupted.id !== id) {
      this.sessions.require(id);
      throw new StudioError('not_interrupted', `Session ${id} is not an interrupted session`, { status: 409 });
    }
    const s = this.interrupted;
    this.interrupted = null;
    return s;
  }

  private lastActivity(s: Session): number {
    const rooms =
      s.room === null
        ? (this.db.prepare('SELECT room FROM feed').all() as { room: string }[]).map((r) => r.room)
        : [s.room];
    const pinAt = (
      this.db.prepare('SELECT max(at) AS m FROM pins WHERE at >= ?').get(s.startedAt) as { m: number | null }
    ).m;
    const times = [...rooms.map((r) => this.applier.lastEventAt(r)), pinAt].filter(
      (t): t is number => t !== null && t >= s.startedAt,
    );
    return times.length === 0 ? s.startedAt : Math.max(...times) + 1;
  }

  listSessions(): SessionSummary[] {
    return this.sessions.list().map((s) => {
      const sum = summary(this.db, s.room, this.windowOf(s));
      return {
        ...view(s),
        paidGmv: { amount: sum.paidGmv, currency: s.currency },
        orders: sum.orders,
        peakViewers: sum.peakViewers,
      };
    });
  }

  getSession(id: string): SessionView {
    return view(this.sessions.require(id));
  }

  renameSession(id: string, title: string): SessionView {
    return view(this.sessions.rename(id, title));
  }

  private windowOf(s: Session, now = this.now()): SessionWindow {
    if (s.endedAt !== null) return { start: s.startedAt, end: s.endedAt };
    if (this.current?.session.id === s.id) return this.current.live.windowAt(now);
    return { start: s.startedAt, end: Math.max(now, s.startedAt) };
  }

  private buildLive(s: Session): LiveFigures {
    const live = new LiveFigures({ start: s.startedAt, end: s.endedAt }, s.currency);
    const far = { start: s.startedAt, end: Number.MAX_SAFE_INTEGER };
    const record = readRecord(this.db, {
      room: s.room,
      currency: s.currency,
      window: far,
      skuMap: this.products.skuMap(),
      products: [],
      chatRows: true,
    });
    for (const o of record.orders) live.order(o);
    for (const r of record.refunds) live.refund(r);
    for (const v of record.viewers) live.viewers(v);
    for (const c of record.chat) live.chatEvent(c);
    for (const l of record.likes) live.like(l);
    return live;
  }

  // ---- figures -------------------------------------------------------------------------------------

  /** The live counters of the running session (cheap: call on every batch), or null. */
  liveFigures(
    now = this.now(),
  ): { sessionId: string; figures: Figures; moneyIncomplete: boolean; window: SessionWindow } | null {
    if (!this.current) return null;
    const { session, live } = this.current;
    return {
      sessionId: session.id,
      figures: live.figures(now),
      moneyIncomplete: live.moneyIncomplete,
      window: live.windowAt(now),
    };
  }

  private recordOf(s: Session, now: number, chatRows = false) {
    return readRecord(this.db, {
      room: s.room,
      currency: s.currency,
      window: this.windowOf(s, now),
      skuMap: this.products.skuMap(),
      products: this.products.ids(),
      chatRows,
    });
  }

  /** The body of `GET /sessions/{id}/stats`. */
  stats(sessionId: string, now = this.now()): StatsBody {
    return this.statsWithRecord(sessionId, now).stats;
  }

  exportJson(sessionId: string, now = this.now()): SessionExport {
    const s = this.sessions.require(sessionId);
    const record = this.recordOf(s, now, true);
    const stats = computeStats(record);
    const anomalies = readAnomalies(this.db, s.room, record.window).map(({ seq: _seq, ...a }) => a);
    return buildExport(view(s), record, stats, anomalies, this.reconciled(s.id));
  }

  /** The session's last reconciliation (when, with which file), or null while its figures are provisional. */
  reconciled(sessionId: string): Reconciled | null {
    const last = this.reconciliations.last(sessionId);
    return last ? { at: last.at, source: last.source } : null;
  }

  /**
   * `POST /sessions/{id}/reconcile`: corrects an ended session by the platform's order export (PROTOCOL D,
   * METRICS "Reconciliation"). The same file with the same columns again changes nothing and answers
   * as the first time; another file replaces what the last one said.
   */
  async reconcile(
    sessionId: string,
    bytes: Uint8Array,
    options: { contentType?: string; charset?: string; source?: string; columns?: Partial<ColumnMapping> } = {},
  ): Promise<ReconcileAnswer> {
    this.assertOpen();
    const s = this.sessions.require(sessionId);
    if (s.endedAt === null) {
      throw new StudioError('session_running', 'Reconcile a session after it has ended', { status: 409 });
    }
    const parsed = parseExport(await readExportTable(bytes, options), s.currency, options.columns);
    const source = (options.source ?? 'export').slice(0, 200);
    const digest = createHash('sha256').update(bytes).update(JSON.stringify(parsed.mapping)).digest('hex');
    const last = this.reconciliations.last(s.id);
    if (last?.digest === digest) return { ...(last.result as ReconcileAnswer), unchanged: true };
    const record = this.recordOf(s, this.now());
    const { plan, summary } = planReconciliation(record, parsed, this.products.skuMap());
    const at = this.now();
    // The answer's figures come from the pure plan over the record; the tests hold the ledger's to them.
    const answer: ReconcileAnswer = {
      ...summary,
      figures: computeFigures(applyPlan(record, plan, at)),
      before: computeFigures(record),
      reconciled: { at, source },
      unchanged: false,
    };
    this.reconciliations.apply(s.id, { room: s.room, window: record.window }, plan, {
      at,
      source,
      digest,
      result: answer,
    });
    this.logger.info(
      { session: s.id, matched: answer.matched, added: answer.onlyInExport.length, kind: answer.kind },
      'session reconciled with the platform export',
    );
    return answer;
  }

  /** The column-mapping step: the header found, the guess, the first rows, the file's shape. */
  async previewExport(
    bytes: Uint8Array,
    options: { contentType?: string; charset?: string } = {},
  ): Promise<ExportPreview> {
    const table = await readExportTable(bytes, options);
    return {
      header: table.header,
      headerLine: table.headerLine,
      signature: headerSignature(table.header),
      mapping: guessMapping(table.header),
      rows: table.rows.slice(0, 5).map((r) => r.cells),
      rowCount: table.rows.length,
    };
  }

  exportCsv(sessionId: string, now = this.now()): string {
    return exportCsv(this.exportJson(sessionId, now));
  }

  // ---- recap reads (electron/engine/recap) ----------------------------------------------------------

  /** The stats body and the record it was computed from, in one read (per-product units and refunds). */
  statsWithRecord(sessionId: string, now = this.now()): { stats: StatsBody; record: SessionRecord } {
    const s = this.sessions.require(sessionId);
    const record = this.recordOf(s, now);
    const anomalies = readAnomalies(this.db, s.room, record.window).map(({ seq: _seq, ...a }) => a);
    const reconciled = this.reconciled(s.id);
    return {
      stats: { session: view(s), window: record.window, ...computeStats(record), anomalies, reconciled },
      record,
    };
  }

  /** The session's comments with text and actor, a page at a time in record order (the recap's question tables). */
  chatLinePages(sessionId: string, now = this.now()): { window: SessionWindow; pages: Iterable<ChatLine[]> } {
    const s = this.sessions.require(sessionId);
    const window = this.windowOf(s, now);
    return { window, pages: readChatLinePages(this.db, s.room, window) };
  }

  /** Records that the host marked a question group answered (radar), for the recap's time to answer. */
  recordAnswer(mark: { productId: string | null; intent: string; at: number }): void {
    this.assertOpen();
    this.db
      .prepare('INSERT INTO answer_marks (at, product_id, intent) VALUES (?, ?, ?)')
      .run(mark.at, mark.productId, mark.intent);
  }

  /** The host's answer marks inside a session's window. */
  answerMarks(sessionId: string, now = this.now()): { productId: string | null; intent: string; at: number }[] {
    const window = this.windowOf(this.sessions.require(sessionId), now);
    return (
      this.db
        .prepare('SELECT at, product_id, intent FROM answer_marks WHERE at >= ? AND at < ? ORDER BY at')
        .all(window.start, window.end) as { at: number; product_id: string | null; intent: string }[]
    ).map((r) => ({ productId: r.product_id, intent: r.intent, at: r.at }));
  }

  /** listSessions plus refunds and the last cumulative viewers (settled GMV and GPM in the list). */
  listSessionTotals(now = this.now()): (SessionSummary & { refunds: Money; cumulativeViewers: number | null })[] {
    return this.sessions.list().map((s) => {
      const window = this.windowOf(s, now);
      const sum = summary(this.db, s.room, window);
      const extra = readListTotals(this.db, s.room, window);
      return {
        ...view(s),
        paidGmv: { amount: sum.paidGmv, currency: s.currency },
        orders: sum.orders,
        peakViewers: sum.peakViewers,
        refunds: { amount: extra.refunds, currency: s.currency },
        cumulativeViewers: extra.cumulativeViewers,
      };
    });
  }

  // ---- products ------------------------------------------------------------------------------------

  async importProducts(
    bytes: Uint8Array,
    options: { contentType?: string; charset?: string } = {},
  ): Promise<{ imported: number; errors: { line: number; message: string }[] }> {
    this.assertOpen();
    const parsed = await parseCatalogue(bytes, { ...options, readXlsx: this.readXlsx });
    const stored = this.products.importRows(parsed.products, this.now());
    this.catalogueChanged();
    const errors = capErrors([...parsed.errors, ...stored.errors].sort((a, b) => a.line - b.line));
    this.logger.info({ imported: stored.imported, errors: errors.length }, 'catalogue imported');
    return { imported: stored.imported, errors };
  }

  listProducts(): Product[] {
    return this.products.list();
  }

  addProduct(input: unknown): Product {
    const product = this.products.add(input, this.now());
    this.catalogueChanged();
    return product;
  }

  updateProduct(productId: string, patch: unknown): Product {
    const product = this.products.update(productId, patch, this.now());
    this.catalogueChanged();
    return product;
  }

  reorderProducts(productIds: readonly string[]): Product[] {
    return this.products.reorder(productIds);
  }

  deleteProduct(productId: string): void {
    this.products.delete(productId);
    this.catalogueChanged();
  }

  /** Lines naming only a sku may now resolve to another product: the running tally is rebuilt once. */
  private catalogueChanged(): void {
    this.skuCache = null;
    if (this.current) this.current.live = this.buildLive(this.current.session);
  }

  /**
   * The running session's live tally (shared/metrics LiveFigures): figures, per-product units and paid
   * money, the channel split and GMV per minute, kept from the effects of each applied batch (never
   * re-read from SQL). Read it, never feed it: the ledger does. Null when no session runs.
   */
  liveTally(): LiveFigures | null {
    return this.current?.live ?? null;
  }

  /** Units sold per product id in a session (default: the running one), from its paid orders. */
  soldCounts(sessionId?: string, now = this.now()): Record<string, number> {
    const s = sessionId ? this.sessions.require(sessionId) : this.current?.session;
    if (!s) return {};
    if (s.id === this.current?.session.id) {
      return Object.fromEntries(this.current.live.productTallies().map((p) => [p.productId, p.units]));
    }
    const products = computeStats(this.recordOf(s, now)).products.filter((p) => p.units > 0);
    return Object.fromEntries(products.map((p) => [p.productId, p.units]));
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  /** Writes a copy now (keeping the last N); a failure (full disk) is logged, never thrown. */
  backupNow(reason: 'stop' | 'running'): string | null {
    if (this.closed) return null;
    try {
      return writeBackup(this.db, this.dataDir, this.backups, reason, this.now());
    } catch (error) {
      this.logger.warn({ err: error, reason }, 'ledger backup failed');
      return null;
    }
  }

  /** A copy every backupEveryMs while a session runs; none while idle. */
  private armBackups(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
    if (!this.current || this.closed || this.backups <= 0) return;
    this.backupTimer = setInterval(() => this.backupNow('running'), this.backupEveryMs);
    this.backupTimer.unref();
  }

  /** Checkpoints the WAL and closes the file. A running session stays open (resumable at next start). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.backupTimer) clearInterval(this.backupTimer);
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

/** The stand-in while the ledger file cannot be used: an empty schema in memory that refuses every write. */
function openEmptyInMemory(dataDir: string): { db: DatabaseSync; report: OpenReport } {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  return { db, report: { file: join(dataDir, 'ledger.sqlite'), migrations: [], backup: null } };
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
