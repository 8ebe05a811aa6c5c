/**
 * Applies a batch of live events in one transaction: the append-only record, order state, refunds,
 * anomalies, chat/likes/viewers rows, and each lane's last applied seq, all or nothing. Duplicates (an
 * old seq, or an event id seen before in the room) are acknowledged and change nothing. A seq jump is
 * recorded as a gap so the recap marks those minutes instead of inventing numbers. Seqs are tracked per
 * lane (shared/live/seq-lane.ts): the gateway's lane is the room, events from local bridges have their own.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LiveEvent } from '../../../shared/events';
import { isLocalSeq, LOCAL_SEQ_BASE, localLane, seqLane } from '../../../shared/live/seq-lane';
import type { OrderState } from '../../../shared/metrics/order-state';
import { type Anomaly, applyOrderEvent, type OrderEvent } from '../../../shared/metrics/order-state';
import { eventTime } from '../../../shared/metrics/replay';
import {
  MINUTE_MS,
  type RecordChat,
  type RecordLike,
  type RecordRefund,
  type RecordViewers,
} from '../../../shared/metrics/types';
import { OrderStore } from './orders';

export interface ApplyResult {
  /** events newly recorded */
  applied: number;
  /** events acknowledged as already recorded */
  duplicates: number;
  /** last applied seq per lane (the room, or `room#local`) after the batch */
  lastSeq: Record<string, number>;
  /** refunds refused and other order anomalies found in this batch */
  anomalies: Anomaly[];
  /** the events newly recorded, in order (what seats should see; duplicates left out) */
  fresh: LiveEvent[];
}

/** What changed, for the live counters (applied after COMMIT). */
export type Effect =
  | { type: 'order'; room: string; state: OrderState; newlyPaid: boolean }
  | { type: 'refund'; room: string; refund: RecordRefund }
  | { type: 'chat'; room: string; chat: RecordChat }
  | { type: 'like'; room: string; like: RecordLike }
  | { type: 'viewers'; room: string; viewers: RecordViewers };

export interface ApplyOptions {
  currency: string;
  classifyQuestion: (text: string) => boolean;
  /** Runs inside the batch's transaction, before its commit (derived state that must move with the record). */
  beforeCommit?: (effects: readonly Effect[], anomalies: readonly Anomaly[], rooms: ReadonlySet<string>) => void;
}

export class Applier {
  private readonly lastSeq = new Map<string, number>();
  private readonly lastAt = new Map<string, number>();
  /** chat per `room\u0000minute` in the batch being applied */
  private readonly chatMinutes = new Map<string, number>();
  private readonly orders: OrderStore;
  private readonly st: Record<
    'event' | 'feed' | 'chat' | 'chatMinute' | 'like' | 'viewers' | 'refund' | 'anomaly' | 'gap',
    StatementSync
  >;

  constructor(
    private readonly db: DatabaseSync,
    private readonly options: ApplyOptions,
  ) {
    for (const row of db.prepare('SELECT room, last_seq, last_at FROM feed').all() as {
      room: string;
      last_seq: number;
      last_at: number | null;
    }[]) {
      this.lastSeq.set(row.room, row.last_seq);
      if (row.last_at !== null) this.lastAt.set(row.room, row.last_at);
    }
    this.orders = new OrderStore(db, options.currency);
    this.st = {
      event:
        db.prepare(`INSERT OR IGNORE INTO events (room, seq, event_id, kind, at, occurred_at, received_at, platform, actor, data)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      feed: db.prepare(`INSERT INTO feed (room, last_seq, last_at) VALUES (?, ?, ?)
        ON CONFLICT (room) DO UPDATE SET last_seq = excluded.last_seq, last_at = excluded.last_at`),
      chat: db.prepare('INSERT INTO chat (room, at, seq, question) VALUES (?, ?, ?, ?)'),
      chatMinute: db.prepare(`INSERT INTO chat_minutes (room, minute, count) VALUES (?, ?, ?)
        ON CONFLICT (room, minute) DO UPDATE SET count = count + excluded.count`),
      like: db.prepare('INSERT INTO likes (room, at, seq, count) VALUES (?, ?, ?, ?)'),
      viewers: db.prepare('INSERT INTO viewers (room, at, seq, current, cumulative) VALUES (?, ?, ?, ?, ?)'),
      refund: db.prepare(
        'INSERT INTO refunds (room, order_id, refund_id, amount, currency, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      anomaly:
        db.prepare(`INSERT INTO anomalies (room, seq, kind, order_id, refund_id, amount, currency, at, order_paid_at, message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      gap: db.prepare('INSERT INTO gaps (room, from_seq, to_seq, from_at, to_at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** Last gateway seq applied in the room (0 for none). */
  lastAppliedSeq(room: string): number {
    return this.lastSeq.get(room) ?? 0;
  }

  /** Last seq of the room's local lane (LOCAL_SEQ_BASE for none): the next local event takes the one after. */
  lastLocalSeq(room: string): number {
    return this.lastSeq.get(localLane(room)) ?? LOCAL_SEQ_BASE;
  }

  /** Time of the latest event applied in the room by either lane (by event time), or null. */
  lastEventAt(room: string): number | null {
    const gateway = this.lastAt.get(room);
    const local = this.lastAt.get(localLane(room));
    if (gateway === undefined) return local ?? null;
    return local === undefined ? gateway : Math.max(gateway, local);
  }

  /** Records that seqs fromSeq..toSeq of `room` will never arrive (gateway resync); the time span they covered is marked. */
  markGap(room: string, fromSeq: number, toSeq: number, at: number): void {
    const last = this.lastSeq.get(room) ?? 0;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.st.gap.run(room, fromSeq, toSeq, Math.min(this.lastAt.get(room) ?? at, at), at);
      // The missing seqs are accounted for: the next event after them is not a second gap.
      if (toSeq > last) this.st.feed.run(room, toSeq, this.lastAt.get(room) ?? null);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    if (toSeq > last) this.lastSeq.set(room, toSeq);
  }

  apply(events: readonly LiveEvent[]): { result: ApplyResult; effects: Effect[] } {
    const effects: Effect[] = [];
    const anomalies: Anomaly[] = [];
    const seqBefore = new Map(this.lastSeq);
    const atBefore = new Map(this.lastAt);
    const touched = new Set<string>();
    let duplicates = 0;
    const fresh: LiveEvent[] = [];
    this.chatMinutes.clear();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const e of events) {
        const lane = seqLane(e.room, e.seq);
        const last = this.lastSeq.get(lane) ?? (isLocalSeq(e.seq) ? LOCAL_SEQ_BASE : 0);
        if (e.seq <= last) {
          duplicates++;
          continue;
        }
        const at = eventTime(e);
        if (e.seq > last + 1) {
          // The feed skipped seqs without a resync: never invent them, mark the time they covered.
          this.st.gap.run(e.room, last + 1, e.seq - 1, this.lastAt.get(lane) ?? e.receivedAt, e.receivedAt);
        }
        this.lastSeq.set(lane, e.seq);
        touched.add(lane);
        const data = JSON.stringify(e.data);
        const inserted = this.st.event.run(
          e.room,
          e.seq,
          e.id,
          e.kind,
          at,
          e.occurredAt,
          e.receivedAt,
          e.platform,
          e.actor ? JSON.stringify(e.actor) : null,
          data,
        );
        if (inserted.changes === 0) {
          duplicates++;
          continue;
        }
        fresh.push(e);
        if (at > (this.lastAt.get(lane) ?? Number.NEGATIVE_INFINITY)) this.lastAt.set(lane, at);
        this.applyOne(e, at, effects, anomalies);
      }
      for (const [key, n] of this.chatMinutes) {
        const cut = key.lastIndexOf('\u0000');
        this.st.chatMinute.run(key.slice(0, cut), Number(key.slice(cut + 1)), n);
      }
      for (const lane of touched) this.st.feed.run(lane, this.lastSeq.get(lane)!, this.lastAt.get(lane) ?? null);
      this.options.beforeCommit?.(effects, anomalies, new Set(fresh.map((e) => e.room)));
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      this.lastSeq.clear();
      for (const [k, v] of seqBefore) this.lastSeq.set(k, v);
      this.lastAt.clear();
      for (const [k, v] of atBefore) this.lastAt.set(k, v);
      throw error;
    }
    return {
      result: { applied: fresh.length, duplicates, lastSeq: Object.fromEntries(this.lastSeq), anomalies, fresh },
      effects,
    };
  }

  private applyOne(e: LiveEvent, at: number, effects: Effect[], anomalies: Anomaly[]): void {
    const room = e.room;
    switch (e.kind) {
      case 'chat': {
        const question = this.options.classifyQuestion(e.data.text);
        this.st.chat.run(room, at, e.seq, question ? 1 : 0);
        const key = `${room}\u0000${Math.floor(at / MINUTE_MS)}`;
        this.chatMinutes.set(key, (this.chatMinutes.get(key) ?? 0) + 1);
        effects.push({ type: 'chat', room, chat: { at, question } });
        return;
      }
      case 'like':
        this.st.like.run(room, at, e.seq, e.data.count);
        effects.push({ type: 'like', room, like: { at, count: e.data.count } });
        return;
      case 'viewers': {
        const cumulative = e.data.cumulative ?? null;
        this.st.viewers.run(room, at, e.seq, e.data.current, cumulative);
        effects.push({ type: 'viewers', room, viewers: { at, seq: e.seq, current: e.data.current, cumulative } });
        return;
      }
      case 'gift':
        return; // kept in the record; no figure of METRICS.md uses gifts
      default: {
        const event = { kind: e.kind, at, data: e.data } as OrderEvent;
        const state = this.orders.load(room, e.data.orderId, e.kind === 'order.refunded');
        const outcome = applyOrderEvent(state, event, this.options.currency);
        if (outcome.next) this.orders.save(room, outcome.next, e.seq, state === undefined);
        if (outcome.refund) {
          const r = outcome.refund;
          this.st.refund.run(room, r.orderId, r.refundId, r.amount.amount, r.amount.currency, r.at, e.seq);
          effects.push({ type: 'refund', room, refund: r });
        }
        if (outcome.effect === 'paid' || outcome.effect === 'amount') {
          effects.push({ type: 'order', room, state: outcome.next!, newlyPaid: outcome.effect === 'paid' });
        }
        if (outcome.anomaly) {
          const a = outcome.anomaly;
          this.st.anomaly.run(
            room,
            e.seq,
            a.kind,
            a.orderId,
            a.refundId,
            a.amount?.amount ?? null,
            a.amount?.currency ?? null,
            a.at,
            (outcome.next ?? state)?.paidAt ?? null,
            a.message,
          );
          anomalies.push(a);
        }
      }
    }
  }
}
