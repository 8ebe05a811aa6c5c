/**
 * The running session and its live tally: start, stop, resume or close a session left open by a crash,
 * the window of each session at a given time, and the tally fed from each applied batch. Sessions are
 * windows over the record (sessions.ts): starting or stopping one never moves data.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionInfo } from '../../../shared/contract/session';
import { StudioError } from '../../../shared/errors';
import type { LiveFigures } from '../../../shared/metrics/live-figures';
import type { SessionWindow } from '../../../shared/metrics/types';
import type { Logger } from '../log';
import type { Applier, Effect } from './apply';
import type { BackupSchedule } from './backup-schedule';
import { lastActivity, type OpenAtStart } from './last-activity';
import { DEMO_ROOM, view } from './ledger-types';
import { buildLiveTally, feedLiveTally } from './live-tally';
import type { ProductStore } from './products';
import type { Session, SessionReason, SessionStore } from './sessions';

export interface StartInput {
  title?: string;
  room?: string | null;
  at?: number;
  reason?: SessionReason;
  rehearsal?: boolean;
}

export class RunningSession {
  private current: { session: Session; live: LiveFigures } | null = null;
  /** sku -> productId, cached between catalogue changes (read on every applied batch) */
  private skuCache: Map<string, string> | null = null;
  private interrupted: Session | null = null;
  /** The interrupted session's last recorded event as found at open (later events belong to no session yet). */
  private interruptedLastEvent: number | null = null;
  private readonly endedListeners = new Set<(sessionId: string) => void>();

  constructor(
    private readonly o: {
      db: DatabaseSync;
      applier: Applier;
      sessions: SessionStore;
      products: ProductStore;
      backups: BackupSchedule;
      logger: Logger;
      now: () => number;
      currency: string;
      /** the room new sessions follow when none is given (null: every room); follows the live room */
      defaultRoom: string | null;
    },
    found: OpenAtStart,
  ) {
    if (found.kind === 'interrupted') {
      this.interrupted = found.session;
      this.interruptedLastEvent = found.lastEvent;
    }
    if (found.kind === 'resume') this.run(found.session);
  }

  /** The live room changed (Settings): sessions started from now on are recorded in `room`. */
  setDefaultRoom(room: string): void {
    this.o.defaultRoom = room;
  }

  start(input: StartInput): SessionInfo {
    if (this.current) {
      const title = this.current.session.title;
      throw new StudioError('session_running', `Session "${title}" is already running; stop it first`, { status: 409 });
    }
    if (this.interrupted) {
      throw new StudioError(
        'session_interrupted',
        `Session "${this.interrupted.title}" was interrupted; resume or close it first`,
        { status: 409 },
      );
    }
    const at = input.at ?? this.o.now();
    const latestEnd = this.o.sessions.latestEnd();
    if (latestEnd !== null && at < latestEnd) {
      throw new StudioError('invalid_time', 'A new session cannot start before the previous one ended', { path: 'at' });
    }
    const room = input.room === undefined ? this.o.defaultRoom : input.room;
    const session = this.o.sessions.create({
      title: input.title,
      room,
      currency: this.o.currency,
      at,
      reason: input.reason ?? 'manual',
      // Sessions in the demo room are rehearsals whatever was asked: its orders are simulated.
      rehearsal: input.rehearsal === true || room === DEMO_ROOM,
    });
    this.run(session);
    this.o.logger.info({ session: session.id }, 'session started');
    return view(session);
  }

  /** Ends the running session; answers it as it ended. */
  stop(input: { at?: number; reason?: SessionReason }): Session {
    if (!this.current) throw new StudioError('no_session', 'No session is running', { status: 409 });
    const at = Math.max(input.at ?? this.o.now(), this.current.session.startedAt);
    const session = this.o.sessions.end(this.current.session.id, at, input.reason ?? 'manual');
    this.current = null;
    this.o.backups.arm(false);
    this.o.logger.info({ session: session.id }, 'session stopped');
    // After a show is the moment a copy matters most.
    this.o.backups.now('stop');
    this.ended(session.id);
    return session;
  }

  session(): Session | null {
    return this.current?.session ?? null;
  }

  interruptedSession(): Session | null {
    return this.interrupted;
  }

  /** Continues the interrupted session as the running one; events that arrived meanwhile are already in it. */
  resume(id: string): SessionInfo {
    const s = this.takeInterrupted(id);
    this.run(s);
    return view(s);
  }

  /** Ends the interrupted session at `at` (default: its last event recorded before the engine stopped). */
  closeInterrupted(id: string, at?: number): SessionInfo {
    const s = this.takeInterrupted(id);
    const last = this.interruptedLastEvent ?? lastActivity(this.o.db, this.o.applier, s);
    const closed = view(this.o.sessions.end(s.id, Math.max(at ?? last, s.startedAt), 'recovered'));
    this.ended(s.id);
    return closed;
  }

  /** Called with the id of each session that ends (stopped, or an interrupted one closed). */
  onEnded(listener: (sessionId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private ended(sessionId: string): void {
    for (const listener of this.endedListeners) {
      try {
        listener(sessionId);
      } catch (error) {
        this.o.logger.warn({ err: error, session: sessionId }, 'a session-ended listener failed');
      }
    }
  }

  /** A session's window at `now`: the running one's ends at max(now, its latest event + 1). */
  windowOf(s: Session, now: number): SessionWindow {
    if (s.endedAt !== null) return { start: s.startedAt, end: s.endedAt };
    if (this.current?.session.id === s.id) return this.current.live.windowAt(now);
    return { start: s.startedAt, end: Math.max(now, s.startedAt) };
  }

  /** Adds an applied batch's effects to the running session's tally. */
  feed(effects: readonly Effect[]): void {
    if (!this.current) return;
    this.skuCache ??= this.o.products.skuMap();
    feedLiveTally(this.current.live, this.current.session.room, effects, this.skuCache);
  }

  tally(): LiveFigures | null {
    return this.current?.live ?? null;
  }

  /** Lines naming only a sku may now resolve to another product: the running tally is rebuilt once. */
  catalogueChanged(): void {
    this.skuCache = null;
    if (this.current) this.current.live = this.build(this.current.session);
  }

  private run(session: Session): void {
    this.current = { session, live: this.build(session) };
    this.o.backups.arm(true);
  }

  private build(s: Session): LiveFigures {
    return buildLiveTally(this.o.db, s, this.o.products.skuMap());
  }

  private takeInterrupted(id: string): Session {
    if (!this.interrupted || this.interrupted.id !== id) {
      this.o.sessions.require(id);
      throw new StudioError('not_interrupted', `Session ${id} is not an interrupted session`, { status: 409 });
    }
    const s = this.interrupted;
    this.interrupted = null;
    return s;
  }
}
