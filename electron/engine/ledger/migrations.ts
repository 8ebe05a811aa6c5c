/**
 * Numbered schema migrations, run in order at open inside one transaction each; `PRAGMA user_version`
 * holds the number of the last one applied. Never edit a released migration: add the next number.
 * The `events` table is the append-only record of everything applied; the other tables are derived
 * from it in the same transaction (orders, refunds, chat, likes, viewers) and could be rebuilt from it.
 */
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: readonly string[] = [
  // 1: the record, order state, sessions, pins, products
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  -- last applied gateway seq per room, written in the same transaction as the events
  CREATE TABLE feed (room TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, last_at INTEGER) STRICT;
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    occurred_at INTEGER,
    received_at INTEGER NOT NULL,
    platform TEXT NOT NULL,
    actor TEXT,
    data TEXT NOT NULL,
    -- (room, seq) needs no index: seqs are applied strictly increasing per room (checked against feed.last_seq)
    UNIQUE (room, event_id)
  ) STRICT;
  CREATE TABLE orders (
    room TEXT NOT NULL,
    order_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('created', 'paid', 'refunded', 'cancelled')),
    paid_at INTEGER,
    total INTEGER,
    currency TEXT,
    buyer_id TEXT,
    channel TEXT,
    items TEXT NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL,
    PRIMARY KEY (room, order_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX orders_by_paid_at ON orders (room, paid_at) WHERE paid_at IS NOT NULL;
  CREATE TABLE refunds (
    room TEXT NOT NULL,
    order_id TEXT NOT NULL,
    refund_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (room, order_id, refund_id),
    FOREIGN KEY (room, order_id) REFERENCES orders (room, order_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE anomalies (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    order_id TEXT NOT NULL,
    refund_id TEXT,
    amount INTEGER,
    currency TEXT,
    at INTEGER NOT NULL,
    order_paid_at INTEGER,
    message TEXT NOT NULL
  ) STRICT;
  CREATE INDEX anomalies_by_room ON anomalies (room, at);
  CREATE TABLE chat (room TEXT NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, question INTEGER NOT NULL,
    PRIMARY KEY (room, at, seq)) STRICT, WITHOUT ROWID;
  -- questions are few: the recap reads their times through this index instead of scanning all chat
  CREATE INDEX chat_questions ON chat (room, at) WHERE question = 1;
  -- derived per clock minute (minute = floor(at / 60000)), updated once per batch: the recap counts chat
  -- from here instead of reading ~200,000 rows of a 4-hour show
  CREATE TABLE chat_minutes (room TEXT NOT NULL, minute INTEGER NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (room, minute)) STRICT, WITHOUT ROWID;
  CREATE TABLE likes (room TEXT NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (room, at, seq)) STRICT, WITHOUT ROWID;
  CREATE TABLE viewers (room TEXT NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, current INTEGER NOT NULL,
    cumulative INTEGER, PRIMARY KEY (room, at, seq)) STRICT, WITHOUT ROWID;
  CREATE TABLE gaps (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    from_at INTEGER NOT NULL,
    to_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    room TEXT,
    currency TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    start_reason TEXT NOT NULL,
    stop_reason TEXT,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
  ) STRICT;
  CREATE INDEX sessions_by_start ON sessions (started_at);
  -- pin changes (product_id NULL = unpin); segments are derived per session window
  CREATE TABLE pins (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, product_id TEXT) STRICT;
  CREATE INDEX pins_by_at ON pins (at);
  CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    price INTEGER NOT NULL,
    currency TEXT NOT NULL,
    original_price INTEGER,
    stock INTEGER,
    image TEXT,
    link_no INTEGER,
    position INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  // 2: the host marking a question group answered (the recap's time to answer)
  `
  CREATE TABLE answer_marks (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    product_id TEXT,
    intent TEXT NOT NULL
  ) STRICT;
  CREATE INDEX answer_marks_by_at ON answer_marks (at);
  `,
  // 3: product facts (尺码表, 材质 ...) as a JSON object; NULL = none
  `
  ALTER TABLE products ADD COLUMN facts TEXT;
  `,
  // 4: OBS recordings on the studio clock (a session's recordings are those overlapping its window)
  `
  CREATE TABLE recordings (
    id INTEGER PRIMARY KEY,
    -- NULL until OBS names the file (obs-websocket gives it on STARTED or STOPPED)
    path TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    -- JSON [[from, to|null], ...]: paused spans, on the studio clock
    pauses TEXT NOT NULL DEFAULT '[]',
    CHECK (ended_at IS NULL OR ended_at >= started_at)
  ) STRICT;
  CREATE INDEX recordings_by_start ON recordings (started_at);
  `,
  // 5: rehearsals (彩排): recorded like any session, left out of comparison baselines unless asked for
  `
  ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));
  `,
  // 6: who sold it (channels, 推客) and the platform's books (reconciliation); additive only
  `
  ALTER TABLE orders ADD COLUMN sharer_id TEXT;
  ALTER TABLE orders ADD COLUMN sharer_name TEXT;
  ALTER TABLE orders ADD COLUMN commission INTEGER;
  -- 'export': missed by the live feed, added by a reconciliation
  ALTER TABLE orders ADD COLUMN source TEXT NOT NULL DEFAULT 'feed';
  -- the live feed's amount when a reconciliation replaced it with the export's
  ALTER TABLE orders ADD COLUMN feed_total INTEGER;
  ALTER TABLE refunds ADD COLUMN source TEXT NOT NULL DEFAULT 'feed';
  -- the last reconciliation of each session: when, with which file (name and SHA-256), and its answer
  CREATE TABLE reconciliations (
    session_id TEXT PRIMARY KEY REFERENCES sessions (id),
    at INTEGER NOT NULL,
    source TEXT NOT NULL,
    digest TEXT NOT NULL,
    result TEXT NOT NULL
  ) STRICT;
  `,
  // 7: what an ended session's recap needs (figures, minutes, segments, per-product figures, question
  // groups), computed once at stop or on first open and kept until something it was made of changes;
  // \`inputs\` fingerprints what is not invalidated explicitly (catalogue, pins, marks, title, reconciliation)
  `
  CREATE TABLE recap_parts (
    session_id TEXT NOT NULL REFERENCES sessions (id),
    part TEXT NOT NULL,
    inputs TEXT NOT NULL,
    body TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (session_id, part)
  ) STRICT;
  `,
];

/** Applies every migration newer than the file's `user_version`; returns the versions applied. */
export function migrate(db: DatabaseSync): number[] {
  const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The ledger file was written by a newer Maishou Studio (schema ${current}, this version knows ${MIGRATIONS.length}); update the app`,
    );
  }
  const applied: number[] = [];
  for (let v = current + 1; v <= MIGRATIONS.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[v - 1]);
      db.exec(`PRAGMA user_version = ${v}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    applied.push(v);
  }
  return applied;
}
