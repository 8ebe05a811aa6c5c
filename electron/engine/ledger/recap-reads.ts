/**
 * Narrow reads for the recap (electron/engine/recap): the comments of a window with their text, and
 * per-session totals for the session list. Read-only; the record stays the ledger's.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SessionWindow } from '../../../shared/metrics/types';

export interface ChatLine {
  at: number;
  actorId: string | null;
  text: string;
}

function allArrays(statement: StatementSync, ...args: SQLInputValue[]): unknown[][] {
  (statement as StatementSync & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
  return statement.all(...args) as unknown as unknown[][];
}

const roomFilter = (room: string | null): { sql: string; args: string[] } =>
  room === null ? { sql: '1 = 1', args: [] } : { sql: 'room = ?', args: [room] };

/**
 * Events are appended as they arrive, so `received_at` grows with `id` (the rowid, always indexed); a
 * comment's time (`occurredAt`, else receipt) is the platform's and stays within minutes of its receipt.
 * The margin bounds how far apart the two may be for a comment still to be found.
 */
const RECEIPT_MARGIN_MS = 6 * 3_600_000;

/** The smallest event id received at or after `at` (binary search over the rowid), or max(id) + 1. */
function firstIdReceivedFrom(db: DatabaseSync, at: number): number {
  const bounds = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM events').get() as {
    lo: number | null;
    hi: number | null;
  };
  if (bounds.lo === null || bounds.hi === null) return 1;
  const probe = db.prepare('SELECT id, received_at FROM events WHERE id >= ? ORDER BY id LIMIT 1');
  let lo = bounds.lo;
  let hi = bounds.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const row = probe.get(mid) as { id: number; received_at: number } | undefined;
    if (row === undefined || row.received_at >= at) hi = mid;
    else lo = row.id + 1;
  }
  return lo;
}

/**
 * The window's comments with text and actor, from the append-only record, a page at a time (each page
 * its own short query, so the engine can yield between pages during a show). Pages come in record
 * order; sort by time when the order matters. The `events` table has no time index: the scan is
 * bounded by receipt time through the rowid instead, so its cost follows the session, not the history.
 */
export function* readChatLinePages(
  db: DatabaseSync,
  room: string | null,
  window: SessionWindow,
  pageSize = 5_000,
): Generator<ChatLine[]> {
  const r = roomFilter(room);
  const from = firstIdReceivedFrom(db, window.start - RECEIPT_MARGIN_MS);
  const to = firstIdReceivedFrom(db, window.end + RECEIPT_MARGIN_MS);
  const page = db.prepare(
    `SELECT id, at, actor, data FROM events WHERE id >= ? AND id < ? AND kind = 'chat' AND ${r.sql}
     AND at >= ? AND at < ? ORDER BY id LIMIT ?`,
  );
  let next = from;
  while (next < to) {
    const rows = allArrays(page, next, to, ...r.args, window.start, window.end, pageSize) as [
      number,
      number,
      string | null,
      string,
    ][];
    if (rows.length === 0) return;
    const out: ChatLine[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [, at, actor, data] = rows[i];
      let actorId: string | null = null;
      if (actor !== null) {
        const parsed = JSON.parse(actor) as { id?: unknown };
        actorId = typeof parsed.id === 'string' ? parsed.id : null;
      }
      out[i] = { at, actorId, text: String((JSON.parse(data) as { text?: unknown }).text ?? '') };
    }
    yield out;
    next = rows[rows.length - 1][0] + 1;
  }
}

/** Refunds of the window's paid orders (whenever they came) and the last cumulative viewers, from SQL. */
export function readListTotals(
  db: DatabaseSync,
  room: string | null,
  window: SessionWindow,
): { refunds: number; cumulativeViewers: number | null } {
  const r = roomFilter(room);
  const ro = room === null ? { sql: '1 = 1', args: [] as string[] } : { sql: 'o.room = ?', args: [room] };
  const refunds = db
    .prepare(
      `SELECT coalesce(sum(f.amount), 0) AS s FROM refunds f JOIN orders o ON o.room = f.room AND o.order_id = f.order_id
       WHERE ${ro.sql} AND o.paid_at >= ? AND o.paid_at < ?`,
    )
    .get(...ro.args, window.start, window.end) as { s: number };
  const cumulative = db
    .prepare(
      `SELECT cumulative FROM viewers WHERE ${r.sql} AND at >= ? AND at < ? AND cumulative IS NOT NULL
       ORDER BY at DESC, seq DESC LIMIT 1`,
    )
    .get(...r.args, window.start, window.end) as { cumulative: number } | undefined;
  return { refunds: refunds.s, cumulativeViewers: cumulative?.cumulative ?? null };
}
