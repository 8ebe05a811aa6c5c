/**
 * What an ended session's recap needs, kept in `recap_parts` (migration 7) so a 4-hour recap opens as
 * fast as a 10-minute one: the recap service stores its bodies at stop or on first open; a body is
 * answered only while its `inputs` fingerprint still matches, and is deleted when applied events, a gap
 * or a reconciliation touch its session's window (late refunds included: by their order's paid time).
 * A running session is never kept: its recap is recomputed on each read.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Anomaly } from '../../../shared/metrics/order-state';
import type { Effect } from './apply';
import type { Session, SessionStore } from './sessions';

export type RecapPart = 'recap' | 'questions';

/** Taken before a recap part is computed: what it is made of, and how often its session was touched so far. */
export interface RecapStamp {
  sessionId: string;
  inputs: string;
  epoch: number;
}

export class RecapParts {
  /** per session: how many times applied events or a reconciliation touched it in this process */
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly sessions: SessionStore,
    private readonly now: () => number,
  ) {}

  /** Taken before computing a part: `keep` keeps it only if nothing touched the session meanwhile. */
  stamp(sessionId: string): RecapStamp {
    const s = this.sessions.require(sessionId);
    return { sessionId: s.id, inputs: this.inputsOf(s), epoch: this.epochs.get(s.id) ?? 0 };
  }

  /** The kept body, or null when none is kept, the session runs, or something it was made of changed. */
  get<T>(sessionId: string, part: RecapPart): T | null {
    const s = this.sessions.require(sessionId);
    if (s.endedAt === null) return null;
    const row = this.db
      .prepare('SELECT inputs, body FROM recap_parts WHERE session_id = ? AND part = ?')
      .get(s.id, part) as { inputs: string; body: string } | undefined;
    if (!row || row.inputs !== this.inputsOf(s)) return null;
    return JSON.parse(row.body) as T;
  }

  /**
   * Keeps `body`, computed from what `stamp` saw, for an ended session (a running one's is never kept).
   * When events touched the session while it was computed, nothing is kept; when its inputs changed, it is
   * kept under the old ones and so never answered.
   */
  keep(stamp: RecapStamp, part: RecapPart, body: unknown): boolean {
    const s = this.sessions.require(stamp.sessionId);
    if (s.endedAt === null || (this.epochs.get(s.id) ?? 0) !== stamp.epoch) return false;
    this.db
      .prepare(`INSERT INTO recap_parts (session_id, part, inputs, body, at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (session_id, part) DO UPDATE SET inputs = excluded.inputs, body = excluded.body, at = excluded.at`)
      .run(s.id, part, stamp.inputs, JSON.stringify(body), this.now());
    return true;
  }

  /** Drops what is kept for ended sessions of `room` (or following every room) whose window meets [from, to]. */
  invalidateSpan(room: string, from: number, to: number): void {
    const touched = this.db
      .prepare(`SELECT id FROM sessions WHERE ended_at IS NOT NULL AND (room IS NULL OR room = ?)
        AND started_at <= ? AND ended_at > ?`)
      .all(room, to, from) as { id: string }[];
    for (const { id } of touched) this.invalidateSession(id);
  }

  invalidateSession(sessionId: string): void {
    this.epochs.set(sessionId, (this.epochs.get(sessionId) ?? 0) + 1);
    this.db.prepare('DELETE FROM recap_parts WHERE session_id = ?').run(sessionId);
  }

  /**
   * After a batch: the times its effects and anomalies belong to (an order's paid time, a refund's order's
   * paid time, a comment's, like's or viewer count's time), per room, and the kept recaps whose window
   * holds any of them are dropped, inside the batch's transaction. During a show every time is in the
   * running session: nothing matches.
   */
  invalidateApplied(effects: readonly Effect[], anomalies: readonly Anomaly[], rooms: ReadonlySet<string>): void {
    const spans = new Map<string, { from: number; to: number }>();
    const add = (room: string, at: number | null) => {
      if (at === null) return;
      const s = spans.get(room);
      if (!s) spans.set(room, { from: at, to: at });
      else {
        s.from = Math.min(s.from, at);
        s.to = Math.max(s.to, at);
      }
    };
    const paidAt = this.db.prepare('SELECT paid_at FROM orders WHERE room = ? AND order_id = ?');
    const orderPaidAt = (room: string, orderId: string) =>
      (paidAt.get(room, orderId) as { paid_at: number | null } | undefined)?.paid_at ?? null;
    for (const e of effects) {
      if (e.type === 'order') add(e.room, e.state.paidAt);
      else if (e.type === 'refund') add(e.room, orderPaidAt(e.room, e.refund.orderId));
      else if (e.type === 'chat') add(e.room, e.chat.at);
      else if (e.type === 'like') add(e.room, e.like.at);
      else add(e.room, e.viewers.at);
    }
    // An anomaly shows in the session of its order's paid time, else of its own time (record.ts readAnomalies).
    for (const a of anomalies) {
      for (const room of rooms) add(room, orderPaidAt(room, a.orderId) ?? a.at);
    }
    for (const [room, span] of spans) this.invalidateSpan(room, span.from, span.to);
  }

  /**
   * What a kept body was made of besides the window's events: the session's title, end and rehearsal
   * flag, its last reconciliation, the whole catalogue (names, skus, facts, order), pin changes and the
   * host's answer marks in its window, and its gaps. Small tables: a few milliseconds.
   */
  inputsOf(s: Session): string {
    const end = s.endedAt ?? Number.MAX_SAFE_INTEGER;
    const q = (sql: string, ...args: (string | number | null)[]) => JSON.stringify(this.db.prepare(sql).all(...args));
    const hash = createHash('sha256');
    hash.update(JSON.stringify([s.title, s.startedAt, s.endedAt, s.rehearsal, s.room]));
    hash.update(q('SELECT at, digest FROM reconciliations WHERE session_id = ?', s.id));
    hash.update(q('SELECT * FROM products ORDER BY product_id'));
    hash.update(q('SELECT count(*), max(id), max(at) FROM pins WHERE at <= ?', end));
    hash.update(q('SELECT count(*), max(id) FROM answer_marks WHERE at >= ? AND at < ?', s.startedAt, end));
    hash.update(
      q(
        'SELECT count(*), max(id) FROM gaps WHERE (? IS NULL OR room = ?) AND to_at >= ? AND from_at < ?',
        s.room,
        s.room,
        s.startedAt,
        end,
      ),
    );
    return hash.digest('hex');
  }
}
