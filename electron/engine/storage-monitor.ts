/**
 * Watches the disk the studio writes to: free space on the data folder and OBS's recording folder (an OBS
 * recording filling the disk is the realistic way a show runs out of space), writes the disk refused
 * (ledger batches, log lines), and publishes it as the `storage` slice. One log line per change of
 * condition, never one per refused write.
 */
import { statfs } from 'node:fs/promises';
import type { LedgerProblem, StatusStorage, StorageFolder, StorageState, StudioState } from '../../shared/contract';
import type { LogFileHealth, Logger, RotatingFile } from './log';
import type { StateStore } from './state';

/** "Disk almost full" below this many free bytes (about 15 minutes of a high-bitrate OBS recording). */
export const DEFAULT_LOW_BYTES = 2 * 1024 ** 3;

export interface StorageMonitorOptions {
  dataDir: string;
  state: StateStore<StudioState>;
  logger: Logger;
  logFile: RotatingFile | null;
  /** OBS's recording folder while OBS is connected (GetRecordDirectory), else null. */
  recordDirectory: () => Promise<string | null>;
  lowBytes?: number;
  everyMs?: number;
}

/** The SQLite or system error code of a failed write (`SQLITE_FULL`, `SQLITE_IOERR`, `ENOSPC` ...). */
export function writeErrorCode(error: unknown): string {
  const e = error as { errcode?: number; code?: string; message?: string };
  if (typeof e?.errcode === 'number') {
    const primary = e.errcode & 0xff;
    if (primary === 13) return 'SQLITE_FULL';
    if (primary === 10) return 'SQLITE_IOERR';
    if (primary === 5) return 'SQLITE_BUSY';
    if (primary === 8) return 'SQLITE_READONLY';
    return `SQLITE_${e.errcode}`;
  }
  return e?.code ?? 'unknown';
}

const SPACE_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

export class StorageMonitor {
  private folders: StorageFolder[] = [];
  private ledgerFailure: { code: string; since: number } | null = null;
  private logHealth: LogFileHealth = { droppedLines: 0, failing: null };
  private readonly timer: NodeJS.Timeout;
  private readonly lowBytes: number;
  private published = '';
  private checking: Promise<void> | null = null;
  private readonly stopLogWatch: () => void;

  constructor(private readonly options: StorageMonitorOptions) {
    this.lowBytes = options.lowBytes ?? DEFAULT_LOW_BYTES;
    this.stopLogWatch =
      options.logFile?.onHealth((h) => {
        const was = this.logHealth.failing?.code;
        this.logHealth = h;
        // Said once per change: the log itself may be what cannot be written, so stderr carries it too.
        if (h.failing && h.failing.code !== was)
          options.logger.error({ code: h.failing.code }, 'log lines are being dropped: the disk refuses them');
        this.publish();
      }) ?? (() => undefined);
    this.timer = setInterval(() => void this.check(), options.everyMs ?? 15_000);
    this.timer.unref();
    void this.check();
  }

  /** A ledger batch was refused; the live link retries it from the last applied seq. */
  ledgerWriteFailed(error: unknown): void {
    const code = writeErrorCode(error);
    if (this.ledgerFailure?.code !== code) {
      this.ledgerFailure = { code, since: Date.now() };
      this.options.logger.error(
        { code, err: error },
        'the ledger cannot write: new events wait at the gateway until it can',
      );
      this.publish();
      void this.check();
    }
  }

  /** A ledger batch was committed: whatever stopped it is over. */
  ledgerWriteOk(): void {
    if (!this.ledgerFailure) return;
    this.options.logger.warn({ was: this.ledgerFailure.code }, 'the ledger writes again');
    this.ledgerFailure = null;
    this.publish();
    void this.check();
  }

  get current(): StorageState {
    const logFull = SPACE_CODES.has(this.logHealth.failing?.code ?? '');
    return {
      folders: this.folders,
      full: logFull || SPACE_CODES.has(this.ledgerFailure?.code ?? ''),
      ledgerWriteFailing: this.ledgerFailure,
      droppedLogLines: this.logHealth.droppedLines,
    };
  }

  /** Reads free space now (also every `everyMs`). */
  check(): Promise<void> {
    this.checking ??= this.measure().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async measure(): Promise<void> {
    const recording = await this.options.recordDirectory().catch(() => null);
    const targets: { kind: StorageFolder['kind']; path: string }[] = [{ kind: 'data', path: this.options.dataDir }];
    if (recording) targets.push({ kind: 'recording', path: recording });
    const folders = await Promise.all(
      targets.map(async (t) => {
        try {
          const s = await statfs(t.path);
          const freeBytes = Number(s.bavail) * Number(s.bsize);
          return { ...t, freeBytes, low: freeBytes < this.lowBytes };
        } catch {
          return { ...t, freeBytes: null, low: false };
        }
      }),
    );
    for (const f of folders) {
      const before = this.folders.find((x) => x.kind === f.kind && x.path === f.path);
      if (f.low && !before?.low)
        this.options.logger.warn({ folder: f.kind, path: f.path, freeBytes: f.freeBytes }, 'disk almost full');
    }
    this.folders = folders;
    this.publish();
  }

  private publish(): void {
    const next = this.current;
    const key = JSON.stringify({ ...next, folders: next.folders.map((f) => [f.kind, f.path, f.low]) });
    // Free bytes change all the time; seats hear about it when a condition changes, or once a minute.
    if (key === this.published && Date.now() - this.lastPublishAt < 60_000) return;
    this.published = key;
    this.lastPublishAt = Date.now();
    this.options.state.set('storage', next);
  }

  private lastPublishAt = 0;

  close(): void {
    clearInterval(this.timer);
    this.stopLogWatch();
  }
}

/** The `storage` field of GET /status. */
export function statusStorage(s: StorageState, problem: LedgerProblem | null): StatusStorage {
  return {
    low: s.folders.some((f) => f.low),
    full: s.full,
    ledgerWriteFailing: s.ledgerWriteFailing?.code ?? null,
    ledgerProblem: problem?.message ?? null,
    droppedLogLines: s.droppedLogLines,
    folders: s.folders,
  };
}
