/**
 * Sessions are windows over the record: starting or stopping one never moves data, so a session
 * interrupted by a crash loses nothing whether it is resumed or closed.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { StudioError } from '../../../shared/errors';

/** Why a session started or stopped (kept in the sessions table); `shutdown`: the engine was closed. */
export type SessionReason = 'manual' | 'control_api' | 'obs' | 'recovered' | 'shutdown';

export interface Session {
  id: string;
  title: string;
  room: string | null;
  currency: string;
  startedAt: number;
  endedAt: number | null;
  /** 彩排: the demo room, or started as a rehearsal. */
  rehearsal: boolean;
}

interface SessionRow {
  id: string;
  title: string;
  room: string | null;
  currency: string;
  started_at: number;
  ended_at: number | null;
  rehearsal: number;
}

const fromRow = (r: SessionRow): Session => ({
  id: r.id,
  title: r.title,
  room: r.room,
  currency: r.currency,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  rehearsal: r.rehearsal === 1,
});

const pad = (n: number) => String(n).padStart(2, '0');
/** "直播 2025-11-25 20:00" in local time: a title people recognise in the list. */
export function defaultTitle(at: number): string {
  const d = new Date(at);
  return `直播 ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export class SessionStore {
  constructor(private readonly db: DatabaseSync) {}

  get(id: string): Session | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row && fromRow(row);
  }

  require(id: string): Session {
    const s = this.get(id);
    if (!s) throw new StudioError('unknown_session', `No session with id ${id}`, { status: 404, path: 'id' });
    return s;
  }

  /** Newest first. */
  list(): Session[] {
    return (
      this.db.prepare('SELECT * FROM sessions ORDER BY started_at DESC, id').all() as unknown as SessionRow[]
    ).map(fromRow);
  }

  open(): Session[] {
    return (
      this.db
        .prepare('SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY started_at')
        .all() as unknown as SessionRow[]
    ).map(fromRow);
  }

  /** The latest end of any session, so a new one never overlaps an old one. */
  latestEnd(): number | null {
    const row = this.db.prepare('SELECT max(ended_at) AS m FROM sessions').get() as { m: number | null };
    return row.m;
  }

  create(input: {
    title?: string;
    room: string | null;
    currency: string;
    at: number;
    reason: SessionReason;
    rehearsal?: boolean;
  }): Session {
    const title = input.title?.trim() || defaultTitle(input.at);
    if (title.length > 200)
      throw new StudioError('invalid_title', 'A session title has at most 200 characters', { path: 'title' });
    const id = randomUUID();
    this.db
      .prepare(
        'INSERT INTO sessions (id, title, room, currency, started_at, ended_at, start_reason, rehearsal) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
      )
      .run(id, title, input.room, input.currency, input.at, input.reason, input.rehearsal ? 1 : 0);
    return this.require(id);
  }

  end(id: string, at: number, reason: SessionReason): Session {
    const s = this.require(id);
    if (at < s.startedAt) {
      throw new StudioError('invalid_time', 'A session cannot end before it started', { path: 'at' });
    }
    this.db.prepare('UPDATE sessions SET ended_at = ?, stop_reason = ? WHERE id = ?').run(at, reason, id);
    return this.require(id);
  }

  rename(id: string, title: string): Session {
    this.require(id);
    this.db.prepare('UPDATE sessions SET title = ? WHERE id = ?').run(title.trim() || defaultTitle(Date.now()), id);
    return this.require(id);
  }
}
