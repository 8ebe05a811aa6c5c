/**
 * SQLite store (node:sqlite) for a single gateway node.
 * WAL with synchronous=FULL: in WAL mode NORMAL survives a process crash (SIGKILL) but may lose the last
 * commits on power loss; FULL fsyncs the WAL on every commit, so an acknowledged batch survives both. One
 * commit per HTTP request keeps the fsync count at the request rate, not the event rate.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { InboundEvent, LiveEvent } from '../../shared/events';
import { DEFAULT_RETENTION, dedupeWindowMs, type RetentionOptions } from '../config';
import { type CommitResult, type GatewayStore, liveEvent } from './types';

const MIGRATIONS: string[] = [
  `CREATE TABLE rooms (room TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE events (room TEXT NOT NULL, seq INTEGER NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL,
     PRIMARY KEY (room, seq)) WITHOUT ROWID;
   CREATE TABLE seen (room TEXT NOT NULL, id TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (room, id)) WITHOUT ROWID;
   CREATE INDEX seen_by_time ON seen (seen_at);`,
  // Dedupe windows by kind (issue 14): each id carries its own expiry. Ids stored before kept their 48 h.
  `ALTER TABLE seen ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
   UPDATE seen SET expires_at = seen_at + 172800000;
   DROP INDEX seen_by_time;
   CREATE INDEX seen_by_expiry ON seen (expires_at);`,
];

const SQLITE_BUSY = 5;
const BUSY_RETRY_MS = 20;
const BUSY_GIVE_UP_MS = 10_000;

export class SqliteStore implements GatewayStore {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<
    'head' | 'setHead' | 'seen' | 'markSeen' | 'insert' | 'trim' | 'readAfter' | 'oldest' | 'rooms',
    StatementSync
  >;

  private queue: {
    room: string;
    events: readonly InboundEvent[];
    receivedAt: number;
    resolve: (r: CommitResult) => void;
    reject: (e: Error) => void;
  }[] = [];

  private busySince: number | null = null;
  private closing = false;

  constructor(
    dataDir: string,
    private readonly retention: RetentionOptions = DEFAULT_RETENTION,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(join(dataDir, 'gateway.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    this.migrate();
    // From here on a lock held elsewhere never blocks the event loop: commits wait for it asynchronously.
    this.db.exec('PRAGMA busy_timeout = 0');
    this.stmt = {
      head: this.db.prepare('SELECT last_seq FROM rooms WHERE room = ?'),
      setHead: this.db.prepare(
        'INSERT INTO rooms (room, last_seq) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET last_seq = excluded.last_seq',
      ),
      // An id whose window has passed counts as new even before prune removes it.
      seen: this.db.prepare('SELECT 1 FROM seen WHERE room = ? AND id = ? AND expires_at > ?'),
      markSeen: this.db.prepare(
        `INSERT INTO seen (room, id, seen_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (room, id) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at`,
      ),
      insert: this.db.prepare('INSERT INTO events (room, seq, received_at, body) VALUES (?, ?, ?, ?)'),
      trim: this.db.prepare('DELETE FROM events WHERE room = ? AND seq <= ?'),
      readAfter: this.db.prepare('SELECT body FROM events WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?'),
      oldest: this.db.prepare('SELECT MIN(seq) AS s FROM events WHERE room = ?'),
      rooms: this.db.prepare('SELECT room, last_seq FROM rooms'),
    };
  }

  private migrate(): void {
    const version = Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
    for (let i = version; i < MIGRATIONS.length; i++) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db.exec(MIGRATIONS[i]);
        this.db.exec(`PRAGMA user_version = ${i + 1}`);
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  private headOf(room: string): number {
    const row = this.stmt.head.get(room) as { last_seq: number } | undefined;
    return row ? Number(row.last_seq) : 0;
  }

  /**
   * Group commit: batches handed in during the same turn of the event loop (concurrent requests) share one
   * transaction and one fsync; each still gets its own result, and all of them resolve only after COMMIT.
   */
  commit(room: string, events: readonly InboundEvent[], receivedAt: number): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ room, events, receivedAt, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flushQueue());
    });
  }

  /**
   * A write lock held by another process (a backup, `sqlite3` opened on the file) must not stall the gateway:
   * node:sqlite waits for a lock synchronously, freezing every request and timer. With busy_timeout 0 a busy
   * BEGIN fails at once and the group is retried every 20 ms, for up to 10 s, while the event loop runs, so the
   * ingestion's own deadline (503 with Retry-After) answers the platform in time.
   */
  private flushQueue(): void {
    if (this.queue.length === 0) return;
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      const busy = (error as { errcode?: number }).errcode === SQLITE_BUSY;
      this.busySince ??= Date.now();
      if (busy && this.db.isOpen && !this.closing && Date.now() - this.busySince < BUSY_GIVE_UP_MS) {
        setTimeout(() => this.flushQueue(), BUSY_RETRY_MS);
        return;
      }
      this.busySince = null;
      for (const item of this.queue.splice(0)) item.reject(error as Error);
      return;
    }
    this.busySince = null;
    const group = this.queue.splice(0);
    const results: CommitResult[] = [];
    try {
      for (const item of group) results.push(this.commitInTransaction(item.room, item.events, item.receivedAt));
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      for (const item of group) item.reject(error as Error);
      return;
    }
    for (let i = 0; i < group.length; i++) group[i].resolve(results[i]);
  }

  private commitInTransaction(room: string, events: readonly InboundEvent[], receivedAt: number): CommitResult {
    const accepted: LiveEvent[] = [];
    let duplicates = 0;
    let seq = this.headOf(room);
    const inBatch = new Set<string>();
    for (const event of events) {
      if (inBatch.has(event.id) || this.stmt.seen.get(room, event.id, receivedAt)) {
        duplicates++;
        continue;
      }
      inBatch.add(event.id);
      seq++;
      this.stmt.markSeen.run(room, event.id, receivedAt, receivedAt + dedupeWindowMs(event.kind, this.retention));
      const live = liveEvent(room, seq, receivedAt, event);
      this.stmt.insert.run(room, seq, receivedAt, JSON.stringify(live));
      accepted.push(live);
    }
    if (accepted.length > 0) {
      this.stmt.setHead.run(room, seq);
      this.stmt.trim.run(room, seq - this.retention.maxEvents);
    }
    return { accepted, duplicates };
  }

  async readAfter(room: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    const rows = this.stmt.readAfter.all(room, afterSeq, limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as LiveEvent);
  }

  async bounds(room: string): Promise<{ head: number; oldest: number | null }> {
    const row = this.stmt.oldest.get(room) as { s: number | null };
    return { head: this.headOf(room), oldest: row.s === null ? null : Number(row.s) };
  }

  async prune(now: number): Promise<void> {
    const { maxEvents, maxAgeMs } = this.retention;
    const rooms = this.stmt.rooms.all() as { room: string; last_seq: number }[];
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // Pruning is housekeeping: with the file locked elsewhere it waits for the next run (every 10 minutes).
      if ((error as { errcode?: number }).errcode === SQLITE_BUSY) return;
      throw error;
    }
    try {
      const byCount = this.db.prepare('DELETE FROM events WHERE room = ? AND seq <= ?');
      const byAge = this.db.prepare('DELETE FROM events WHERE room = ? AND received_at < ?');
      for (const { room, last_seq } of rooms) {
        byCount.run(room, Number(last_seq) - maxEvents);
        byAge.run(room, now - maxAgeMs);
      }
      this.db.prepare('DELETE FROM seen WHERE expires_at <= ?').run(now);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.flushQueue();
    if (this.db.isOpen) this.db.close();
  }
}
