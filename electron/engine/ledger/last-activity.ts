/**
 * Sessions left open by a crash, found when the ledger opens: when each was last active (its latest
 * recorded event or pin change), and whether the newest goes on by itself (back within the resume
 * window) or waits as interrupted. Older open sessions are closed at their last activity.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../log';
import type { Applier } from './apply';
import type { Session, SessionStore } from './sessions';

/** The session's latest recorded event (its room, or any room) or pin change + 1 ms; its start when none. */
export function lastActivity(db: DatabaseSync, applier: Applier, s: Session): number {
  const rooms =
    s.room === null ? (db.prepare('SELECT room FROM feed').all() as { room: string }[]).map((r) => r.room) : [s.room];
  const pinAt = (db.prepare('SELECT max(at) AS m FROM pins WHERE at >= ?').get(s.startedAt) as { m: number | null }).m;
  const times = [...rooms.map((r) => applier.lastEventAt(r)), pinAt].filter(
    (t): t is number => t !== null && t >= s.startedAt,
  );
  return times.length === 0 ? s.startedAt : Math.max(...times) + 1;
}

export type OpenAtStart =
  | { kind: 'none' }
  /** back soon enough: the show simply goes on */
  | { kind: 'resume'; session: Session }
  /** waits until resumed or closed; `lastEvent` as found now (later events belong to no session yet) */
  | { kind: 'interrupted'; session: Session; lastEvent: number };

export function recoverOpenSessions(p: {
  db: DatabaseSync;
  applier: Applier;
  sessions: SessionStore;
  now: number;
  /** 0: never resumes on its own */
  resumeWindowMs: number;
  logger: Logger;
}): OpenAtStart {
  const open = p.sessions.open();
  // More than one open session can only come from an older crash; all but the newest are closed at their last event.
  for (const s of open.slice(0, -1)) p.sessions.end(s.id, lastActivity(p.db, p.applier, s), 'recovered');
  const s = open.at(-1);
  if (!s) return { kind: 'none' };
  const lastEvent = lastActivity(p.db, p.applier, s);
  const away = p.now - lastEvent;
  if (p.resumeWindowMs > 0 && away <= p.resumeWindowMs) {
    // What the gateway still holds is replayed into it and what it no longer holds is marked as a gap by the live link.
    p.logger.warn({ session: s.id, awayMs: away }, 'the session open when the studio stopped goes on');
    return { kind: 'resume', session: s };
  }
  p.logger.warn(
    { session: s.id, awayMs: away, windowMs: p.resumeWindowMs },
    'a session was still open when the studio last stopped: resume or close it',
  );
  return { kind: 'interrupted', session: s, lastEvent };
}
