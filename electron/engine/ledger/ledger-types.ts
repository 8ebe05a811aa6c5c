/**
 * The ledger's options and the session shapes it answers (electron/engine/ledger/ledger.ts), apart from
 * the class so the read and reconcile helpers beside it can share them.
 */

import type { XlsxRowReader } from '../../../shared/catalogue/xlsx';
import type { SessionInfo } from '../../../shared/contract/session';
import type { Reconciled } from '../../../shared/metrics/export';
import type { ComputedStats, SessionWindow } from '../../../shared/metrics/types';
import type { Logger } from '../log';
import type { AnomalyRow } from './record';
import type { Session } from './sessions';

export interface LedgerOptions {
  /** the user's data folder; the file is `<dataDir>/ledger.sqlite`, backups in `<dataDir>/backups` */
  dataDir: string;
  logger?: Logger;
  /** daily backups to keep (default 7) */
  backups?: number;
  currency?: string;
  /** the room new sessions follow when none is given (null: every room) */
  room?: string | null;
  /** chat question classifier (shared/chat isQuestion), applied when a comment arrives */
  classifyQuestion?: (text: string) => boolean;
  synchronous?: 'normal' | 'full';
  /**
   * A session left open by a crash goes on by itself when the ledger opens within this long of its last
   * recorded event (PROTOCOL D: 10 minutes); later it waits as `interrupted`. 0: never on its own.
   */
  resumeWindowMs?: number;
  /**
   * The ledger file could not be opened safely (damaged with no healthy backup, or locked): the engine
   * still runs, this ledger holds nothing and refuses every write with this error, and the live link is
   * not started, so events wait at the gateway.
   */
  refuseWrites?: { code: string; message: string };
  /** A copy of the ledger every this long while a session runs (default 30 minutes). */
  backupEveryMs?: number;
  /** clock, for tests */
  now?: () => number;
  /** XLSX catalogue reader (default: a worker thread with a heap limit) */
  readXlsx?: XlsxRowReader;
}

/** The built-in demo room's id (gateway/demo.ts): its sessions are rehearsals. */
export const DEMO_ROOM = 'demo';

export interface StatsBody extends ComputedStats {
  session: SessionInfo;
  window: SessionWindow;
  anomalies: Omit<AnomalyRow, 'seq'>[];
  /** the last reconciliation with the platform's export, or null: the figures are provisional */
  reconciled: Reconciled | null;
}

/** A session row as seats and the control API see it (the contract's `SessionInfo`). */
export const view = (s: Session): SessionInfo => ({
  id: s.id,
  title: s.title,
  room: s.room,
  startedAt: s.startedAt,
  endedAt: s.endedAt,
  rehearsal: s.rehearsal,
});
