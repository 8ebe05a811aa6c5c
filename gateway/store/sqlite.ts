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
import { DEFAULT_RETENTION, type RetentionOptions } from '../config';
import { type CommitResult, encodeLiveEvent, type GatewayStore } from './types';

const MIGRATIONS: string[] = [
  `CREATE TABLE rooms (room TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE events (room TEXT NOT NULL, seq INTEGER NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL,
     PRIMARY KEY (room, seq)) WITHOUT ROWID;
   CREATE TABLE seen (room TEXT NOT NULL, id TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (room, id)) WITHOUT ROWID;
   CREATE INDEX seen_by_time ON seen (seen_at);`,
];

export class SqliteStore implements GatewayStore {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<
    'head' | 'setHead' | 'seen' | 'markSeen' | 'insert' | 'trim' | 'readAfter' | 'oldest' | 'rooms',
    StatementSync
  >;

  constructor(
    dataDir: string,
    private readonly retention: RetentionOptions = DEFAULT_RETENTION,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(join(dataDir, 'gateway.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    this.migrate();
    this.stmt = {
      head: this.db.prepare('SELECT last_seq FROM rooms WHERE room = ?'),
      setHead: this.db.prepare(
        'INSERT INTO rooms (room, last_seq) VALUES (?, ?) ON CONFLICT (room) DO UPDATE SET last_seq = excluded.last_seq',
      ),
      seen: this.db.prepare('SELECT 1 FROM seen WHERE room = ? AND id = ?'),
      markSeen: this.db.prepare('INSERT INTO seen (room, id, seen_at) VALUES (?, ?, ?)'),
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

  async commit(room: string, events: readonly InboundEvent[], receivedAt: number): Promise<CommitResult> {
    const accepted: LiveEvent[] = [];
    let duplicates = 0;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      let seq = this.headOf(room);
      const inBatch = new Set<string>();
      for (const event of events) {
        if (inBatch.has(event.id) || this.stmt.seen.get(room, event.id)) {
          duplicates++;
          continue;
        }
        inBatch.add(event.id);
        seq++;
        const body = encodeLiveEvent(room, seq, receivedAt, event);
        this.stmt.markSeen.run(room, event.id, receivedAt);
        this.stmt.insert.run(room, seq, receivedAt, body);
        accepted.push({ v: 1, seq, room, receivedAt, ...event } as LiveEvent);
      }
      if (accepted.length > 0) {
        this.stmt.setHead.run(room, seq);
        this.stmt.trim.run(room, seq - this.retention.maxEvents);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
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
    const { maxEvents, maxAgeMs, dedupeMs } = this.retention;
    const rooms = this.stmt.rooms.all() as { room: string; last_seq: number }[];
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const byCount = this.db.prepare('DELETE FROM events WHERE room = ? AND seq <= ?');
      const byAge = this.db.prepare('DELETE FROM events WHERE room = ? AND received_at < ?');
      for (const { room, last_seq } of rooms) {
        byCount.run(room, Number(last_seq) - maxEvents);
        byAge.run(room, now - maxAgeMs);
      }
      this.db.prepare('DELETE FROM seen WHERE seen_at < ?').run(now - dedupeMs);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
