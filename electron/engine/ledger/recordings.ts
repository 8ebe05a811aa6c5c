/**
 * OBS recordings in the ledger: each file's path and its start, end and pauses on the studio clock.
 * Recordings are not owned by sessions: a session's recordings are those overlapping its window, so a
 * recording started before the session (or still running after it) maps just the same.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Recording } from '../../../shared/recordings/timeline';

export interface StoredRecording extends Omit<Recording, 'index'> {
  id: number;
}

interface Row {
  id: number;
  path: string | null;
  started_at: number;
  ended_at: number | null;
  pauses: string;
}

const fromRow = (r: Row): StoredRecording => ({
  id: r.id,
  path: r.path,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  pauses: JSON.parse(r.pauses) as [number, number | null][],
});

export class RecordingStore {
  constructor(private readonly db: DatabaseSync) {}

  /** The recording OBS is writing now (as far as the ledger knows), or null. */
  open(): StoredRecording | null {
    const row = this.db
      .prepare('SELECT * FROM recordings WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1')
      .get() as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** A new file started at `at`; a row still open is closed first (OBS writes one file at a time). */
  start(path: string | null, at: number): StoredRecording {
    const open = this.open();
    if (open) this.stop(open.path, Math.max(at, open.startedAt));
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO recordings (path, started_at) VALUES (?, ?)')
      .run(path, at);
    return this.get(Number(lastInsertRowid)) as StoredRecording;
  }

  /** The open file ended at `at`; `path` fills in a name OBS gave only now. No open file: nothing happens. */
  stop(path: string | null, at: number): StoredRecording | null {
    const open = this.open();
    if (!open) return null;
    const pauses = open.pauses.map(([from, to]) => [from, to ?? at]);
    this.db
      .prepare('UPDATE recordings SET ended_at = ?, path = coalesce(?, path), pauses = ? WHERE id = ?')
      .run(Math.max(at, open.startedAt), path, JSON.stringify(pauses), open.id);
    return this.get(open.id);
  }

  /** OBS named the open file (a later event or answer than its start). */
  name(path: string): void {
    const open = this.open();
    if (open && open.path === null) this.db.prepare('UPDATE recordings SET path = ? WHERE id = ?').run(path, open.id);
  }

  pause(at: number): void {
    this.editPauses((p) => (p.at(-1)?.[1] === null ? p : [...p, [at, null]]));
  }

  resume(at: number): void {
    this.editPauses((p) => {
      const last = p.at(-1);
      return last && last[1] === null ? [...p.slice(0, -1), [last[0], Math.max(at, last[0])]] : p;
    });
  }

  get(id: number): StoredRecording | null {
    const row = this.db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Recordings overlapping [from, to] (to null: still running), oldest first. */
  overlapping(from: number, to: number | null): StoredRecording[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM recordings WHERE started_at <= ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at, id',
      )
      .all(to ?? Number.MAX_SAFE_INTEGER, from) as unknown as Row[];
    return rows.map(fromRow);
  }

  private editPauses(edit: (pauses: [number, number | null][]) => [number, number | null][]): void {
    const open = this.open();
    if (!open) return;
    const next = edit(open.pauses as [number, number | null][]);
    this.db.prepare('UPDATE recordings SET pauses = ? WHERE id = ?').run(JSON.stringify(next), open.id);
  }
}
