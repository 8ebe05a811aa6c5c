/**
 * The durable queue of platform order events waiting for their detail (SQLite, `orders.sqlite` beside the
 * gateway's store; WAL with synchronous=FULL like the store, so a job acknowledged to the platform survives
 * a crash or a power loss). A push is acknowledged only after its jobs are here; a job leaves the queue
 * only after its event was committed to the store (whose dedupe by id makes a job run twice after a crash
 * emit once). Finished jobs are kept for the dedupe window, so a redelivered push does not fetch again.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { InboundEvent } from '../../shared/events';

export interface Job {
  id: number;
  room: string;
  /** `platform:orderId`: jobs of one order run in the order they arrived. */
  orderKey: string;
  event: InboundEvent;
  /** false: an event of an order with a job ahead of it, emitted as is when its turn comes */
  enrich: boolean;
  attempts: number;
  dueAt: number;
}

export const ORDER_QUEUE_FILE = 'orders.sqlite';

export type JobOutcome = 'enriched' | 'passed' | 'fallback' | 'other_room';

const SCHEMA = `CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room TEXT NOT NULL, event_id TEXT NOT NULL, order_key TEXT NOT NULL, event TEXT NOT NULL,
  enrich INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL, done_at INTEGER, outcome TEXT, last_error TEXT,
  UNIQUE (room, event_id));
CREATE INDEX IF NOT EXISTS jobs_pending ON jobs (done_at, id);
CREATE INDEX IF NOT EXISTS jobs_order ON jobs (room, order_key, done_at);`;

interface JobRow {
  id: number;
  room: string;
  order_key: string;
  event: string;
  enrich: number;
  attempts: number;
  due_at: number;
}

export class OrderQueue {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<
    'add' | 'hasPending' | 'otherRoom' | 'pending' | 'retry' | 'finish' | 'prune' | 'counts',
    StatementSync
  >;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new DatabaseSync(join(dir, ORDER_QUEUE_FILE));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
    this.stmt = {
      add: this.db.prepare(`INSERT INTO jobs (room, event_id, order_key, event, enrich, due_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, event_id) DO NOTHING`),
      hasPending: this.db.prepare('SELECT 1 FROM jobs WHERE room = ? AND order_key = ? AND done_at IS NULL LIMIT 1'),
      otherRoom: this.db.prepare(
        "SELECT 1 FROM jobs WHERE room = ? AND order_key = ? AND outcome = 'other_room' LIMIT 1",
      ),
      pending: this.db.prepare(
        'SELECT id, room, order_key, event, enrich, attempts, due_at FROM jobs WHERE done_at IS NULL ORDER BY id LIMIT ?',
      ),
      retry: this.db.prepare('UPDATE jobs SET attempts = ?, due_at = ?, last_error = ? WHERE id = ?'),
      finish: this.db.prepare('UPDATE jobs SET done_at = ?, outcome = ?, last_error = ? WHERE id = ?'),
      prune: this.db.prepare('DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < ?'),
      counts: this.db.prepare(
        "SELECT COALESCE(outcome, 'pending') AS outcome, COUNT(*) AS n FROM jobs GROUP BY COALESCE(outcome, 'pending')",
      ),
    };
  }

  /** Adds jobs durably in one transaction; an event id already queued in the room is ignored. */
  add(room: string, jobs: { event: InboundEvent; orderKey: string; enrich: boolean }[], now: number): void {
    if (jobs.length === 0) return;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const j of jobs) {
        this.stmt.add.run(room, j.event.id, j.orderKey, JSON.stringify(j.event), j.enrich ? 1 : 0, now, now);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  hasPending(room: string, orderKey: string): boolean {
    return this.stmt.hasPending.get(room, orderKey) !== undefined;
  }

  /** The order's detail showed it was bought in another live room (remembered for the dedupe window). */
  isOtherRoom(room: string, orderKey: string): boolean {
    return this.stmt.otherRoom.get(room, orderKey) !== undefined;
  }

  /** Unfinished jobs, oldest first. */
  pending(limit: number): Job[] {
    return (this.stmt.pending.all(limit) as unknown as JobRow[]).map((r) => ({
      id: r.id,
      room: r.room,
      orderKey: r.order_key,
      event: JSON.parse(r.event) as InboundEvent,
      enrich: r.enrich === 1,
      attempts: r.attempts,
      dueAt: r.due_at,
    }));
  }

  retry(id: number, attempts: number, dueAt: number, error: string): void {
    this.stmt.retry.run(attempts, dueAt, error, id);
  }

  finish(id: number, outcome: JobOutcome, now: number, error: string | null = null): void {
    this.stmt.finish.run(now, outcome, error, id);
  }

  /** Jobs by outcome (`pending` for unfinished ones). */
  counts(): Record<string, number> {
    const rows = this.stmt.counts.all() as { outcome: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  }

  /** Forgets finished jobs older than `before` (ms). */
  prune(before: number): void {
    this.stmt.prune.run(before);
  }

  close(): void {
    this.db.close();
  }
}
