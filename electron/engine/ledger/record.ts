/**
 * Reads a session's record (shared/metrics/types.ts) out of SQLite: the orders paid in its window, their
 * refunds whenever they came, chat/likes/viewers in the window, pin changes, gaps, the catalogue order.
 * The pure functions of shared/metrics turn it into figures.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { resolveProductId, type SkuMap } from '../../../shared/catalogue/resolve-sku';
import type { OrderItem } from '../../../shared/events';
import {
  type ChatSummary,
  MINUTE_MS,
  minuteCount,
  type RecordOrder,
  type SessionRecord,
  type SessionWindow,
} from '../../../shared/metrics/types';

/** `all()` returning each row as an array (node:sqlite setReturnArrays, Node >= 22.16). */
function allArrays(statement: StatementSync, ...args: SQLInputValue[]): unknown[][] {
  (statement as StatementSync & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
  return statement.all(...args) as unknown as unknown[][];
}

/** `room = ?` when the session has a room, otherwise every room. */
const roomFilter = (room: string | null, alias = ''): { sql: string; args: string[] } =>
  room === null ? { sql: '1 = 1', args: [] } : { sql: `${alias}room = ?`, args: [room] };

/**
 * Resolves each line's product in place (the items were just parsed and belong to no one else; a recap
 * parses tens of thousands, so no copies). Extra item keys such as `title` stay and are ignored.
 */
export function resolveLines(items: OrderItem[], skuMap: SkuMap): RecordOrder['lines'] {
  for (const i of items) i.productId = resolveProductId(i, skuMap);
  return items as RecordOrder['lines'];
}

type OrderRowArray = [
  string,
  number,
  string | null,
  string | null,
  number | null,
  string | null,
  string,
  string | null,
  string | null,
  number | null,
  string,
];

export interface RecordQuery {
  room: string | null;
  currency: string;
  window: SessionWindow;
  skuMap: ReadonlyMap<string, string>;
  products: string[];
  /** read every chat row (exports) instead of SQL aggregates (stats) */
  chatRows?: boolean;
}

export function readRecord(db: DatabaseSync, q: RecordQuery): SessionRecord {
  const { start, end } = q.window;
  const r = roomFilter(q.room);
  const ro = roomFilter(q.room, 'o.');
  // Rows as arrays: a 4-hour show has tens of thousands of orders, and named rows cost twice as much to build.
  const orderRows = allArrays(
    db.prepare(
      `SELECT order_id, paid_at, buyer_id, channel, total, currency, items, sharer_id, sharer_name, commission, source
       FROM orders WHERE ${r.sql} AND paid_at >= ? AND paid_at < ? ORDER BY paid_at, seq`,
    ),
    ...r.args,
    start,
    end,
  ) as OrderRowArray[];
  const orders: RecordOrder[] = orderRows.map(
    ([orderId, paidAt, buyerId, channel, total, currency, items, sharerId, sharerName, commission, source]) => {
      const c = currency ?? q.currency;
      return {
        orderId,
        paidAt,
        buyerId,
        channel,
        total: total === null ? null : { amount: total, currency: c },
        lines: resolveLines(JSON.parse(items) as OrderItem[], q.skuMap),
        sharerId,
        sharerName,
        commission: commission === null ? null : { amount: commission, currency: c },
        source: source === 'export' ? 'export' : 'feed',
      };
    },
  );
  const refunds = (
    db
      .prepare(
        `SELECT f.order_id, f.refund_id, f.amount, f.currency, f.at, f.source FROM refunds f
         JOIN orders o ON o.room = f.room AND o.order_id = f.order_id
         WHERE ${ro.sql} AND o.paid_at >= ? AND o.paid_at < ? ORDER BY f.at, f.seq`,
      )
      .all(...ro.args, start, end) as {
      order_id: string;
      refund_id: string;
      amount: number;
      currency: string;
      at: number;
      source: string;
    }[]
  ).map((f) => ({
    orderId: f.order_id,
    refundId: f.refund_id,
    amount: { amount: f.amount, currency: f.currency },
    at: f.at,
    source: f.source === 'export' ? ('export' as const) : ('feed' as const),
  }));
  const viewers = (
    db
      .prepare(
        `SELECT at, seq, current, cumulative FROM viewers WHERE ${r.sql} AND at >= ? AND at < ? ORDER BY at, seq`,
      )
      .all(...r.args, start, end) as { at: number; seq: number; current: number; cumulative: number | null }[]
  ).map((v) => ({ at: v.at, seq: v.seq, current: v.current, cumulative: v.cumulative }));
  const chatSummary = q.chatRows ? undefined : readChatSummary(db, q.room, q.window);
  const chat = q.chatRows
    ? (
        allArrays(
          db.prepare(`SELECT at, question FROM chat WHERE ${r.sql} AND at >= ? AND at < ? ORDER BY at, seq`),
          ...r.args,
          start,
          end,
        ) as [number, number][]
      ).map(([at, question]) => ({ at, question: question === 1 }))
    : [];
  const likes = db
    .prepare(`SELECT at, count FROM likes WHERE ${r.sql} AND at >= ? AND at < ?`)
    .all(...r.args, start, end) as { at: number; count: number }[];
  return {
    window: q.window,
    currency: q.currency,
    orders,
    refunds,
    viewers,
    chat,
    likes: likes.map((l) => ({ at: l.at, count: l.count })),
    pins: readPins(db, q.window),
    gaps: readGaps(db, q.room, q.window),
    products: q.products,
    ...(chatSummary ? { chatSummary } : {}),
  };
}

/**
 * Chat counted in SQL (a 4-hour show has ~200,000 comments; reading each row would dominate the recap):
 * whole clock minutes from `chat_minutes`, the window's cut first/last minute from the chat rows, question
 * times through the partial index. Equal to summarizeChat over the rows (property-tested).
 */
export function readChatSummary(db: DatabaseSync, room: string | null, window: SessionWindow): ChatSummary {
  const r = roomFilter(room);
  const perMinute = new Array<number>(minuteCount(window)).fill(0);
  if (perMinute.length === 0) return { total: 0, perMinute, questions: [] };
  const first = Math.floor(window.start / MINUTE_MS);
  const last = Math.floor((window.end - 1) / MINUTE_MS);
  const wholeFrom = window.start % MINUTE_MS === 0 ? first : first + 1;
  const wholeTo = window.end % MINUTE_MS === 0 ? last : last - 1;
  const whole = allArrays(
    db.prepare(
      `SELECT minute, sum(count) FROM chat_minutes WHERE ${r.sql} AND minute >= ? AND minute <= ? GROUP BY minute`,
    ),
    ...r.args,
    wholeFrom,
    wholeTo,
  ) as [number, number][];
  for (const [minute, n] of whole) perMinute[minute - first] = n;
  const countRows = db.prepare(`SELECT count(*) AS n FROM chat WHERE ${r.sql} AND at >= ? AND at < ?`);
  for (const m of new Set([first, last])) {
    if (m >= wholeFrom && m <= wholeTo) continue;
    const from = Math.max(window.start, m * MINUTE_MS);
    const to = Math.min(window.end, (m + 1) * MINUTE_MS);
    perMinute[m - first] = (countRows.get(...r.args, from, to) as { n: number }).n;
  }
  const questions = (
    allArrays(
      db.prepare(`SELECT at FROM chat WHERE ${r.sql} AND question = 1 AND at >= ? AND at < ? ORDER BY at`),
      ...r.args,
      window.start,
      window.end,
    ) as [number][]
  ).map(([at]) => at);
  return { total: perMinute.reduce((a, b) => a + b, 0), perMinute, questions };
}

/** The pin standing at the start and every change up to the end. */
export function readPins(db: DatabaseSync, window: SessionWindow): SessionRecord['pins'] {
  const standing = db
    .prepare('SELECT at, product_id FROM pins WHERE at <= ? ORDER BY at DESC, id DESC LIMIT 1')
    .all(window.start) as { at: number; product_id: string | null }[];
  const changes = db
    .prepare('SELECT at, product_id FROM pins WHERE at > ? AND at < ? ORDER BY at, id')
    .all(window.start, window.end) as { at: number; product_id: string | null }[];
  return [...standing, ...changes].map((p) => ({ at: p.at, productId: p.product_id }));
}

export function readGaps(db: DatabaseSync, room: string | null, window: SessionWindow): SessionRecord['gaps'] {
  const r = roomFilter(room);
  return (
    db
      .prepare(`SELECT from_at, to_at FROM gaps WHERE ${r.sql} AND to_at >= ? AND from_at < ? ORDER BY from_at, id`)
      .all(...r.args, window.start, window.end) as { from_at: number; to_at: number }[]
  ).map((g) => ({ from: g.from_at, to: g.to_at }));
}

export interface AnomalyRow {
  kind: string;
  orderId: string;
  refundId: string | null;
  amount: { amount: number; currency: string } | null;
  at: number;
  seq: number;
  message: string;
}

/** Anomalies of the session: about its orders (by paid time), or about unknown orders arriving during it. */
export function readAnomalies(db: DatabaseSync, room: string | null, window: SessionWindow): AnomalyRow[] {
  const r = roomFilter(room);
  return (
    db
      .prepare(
        `SELECT kind, order_id, refund_id, amount, currency, at, seq, message FROM anomalies WHERE ${r.sql} AND (
          (order_paid_at >= ? AND order_paid_at < ?) OR (order_paid_at IS NULL AND at >= ? AND at < ?)) ORDER BY at, id`,
      )
      .all(...r.args, window.start, window.end, window.start, window.end) as {
      kind: string;
      order_id: string;
      refund_id: string | null;
      amount: number | null;
      currency: string | null;
      at: number;
      seq: number;
      message: string;
    }[]
  ).map((a) => ({
    kind: a.kind,
    orderId: a.order_id,
    refundId: a.refund_id,
    amount: a.amount === null ? null : { amount: a.amount, currency: a.currency ?? 'CNY' },
    at: a.at,
    seq: a.seq,
    message: a.message,
  }));
}

/** paidGmv, orders and peak viewers of a window straight from SQL, for the session list. */
export function summary(
  db: DatabaseSync,
  room: string | null,
  window: SessionWindow,
): { paidGmv: number; orders: number; peakViewers: number | null } {
  const r = roomFilter(room);
  const o = db
    .prepare(
      `SELECT coalesce(sum(total), 0) AS gmv, count(*) AS n FROM orders WHERE ${r.sql} AND paid_at >= ? AND paid_at < ?`,
    )
    .get(...r.args, window.start, window.end) as { gmv: number; n: number };
  const v = db
    .prepare(`SELECT max(current) AS peak FROM viewers WHERE ${r.sql} AND at >= ? AND at < ?`)
    .get(...r.args, window.start, window.end) as { peak: number | null };
  return { paidGmv: o.gmv, orders: o.n, peakViewers: v.peak };
}
