/**
 * When the ledger copies itself (backup.ts writes the copy): now on demand (at every session stop), and
 * every `everyMs` while a session runs; never while idle. A failed copy (full disk) is logged, never thrown.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../log';
import { writeBackup } from './backup';

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly o: {
      db: DatabaseSync;
      dataDir: string;
      /** copies to keep; 0: none are written by the schedule */
      keep: number;
      everyMs: number;
      logger: Logger;
      now: () => number;
    },
  ) {}

  /** Writes a copy now (keeping the last N); returns its path, or null when it failed or the ledger is closed. */
  now(reason: 'stop' | 'running'): string | null {
    if (this.stopped) return null;
    try {
      return writeBackup(this.o.db, this.o.dataDir, this.o.keep, reason, this.o.now());
    } catch (error) {
      this.o.logger.warn({ err: error, reason }, 'ledger backup failed');
      return null;
    }
  }

  /** A copy every `everyMs` while `running`; none while idle. */
  arm(running: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!running || this.stopped || this.o.keep <= 0) return;
    this.timer = setInterval(() => this.now('running'), this.o.everyMs);
    this.timer.unref();
  }

  /** No more copies (the ledger is closing). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
