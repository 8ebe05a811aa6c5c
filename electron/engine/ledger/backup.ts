/**
 * Copies of the ledger and the recovery path when the live file is damaged.
 *
 * A copy is taken at every session stop, every 30 minutes of a running session, before a schema
 * migration, and once a day at open; the last N are kept. Each is written under a temporary name (VACUUM
 * INTO: a consistent snapshot even while WAL is in use), fsynced, renamed into place and the folder
 * fsynced, so a crash or a full disk never leaves a half copy that looks whole.
 *
 * Recovery restores the newest healthy copy into a temporary file first and only then swaps it in; the
 * damaged file is kept beside it, never deleted. With no healthy copy nothing is moved at all.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** `ledger-2026-12-05.sqlite` (older daily copies) or `ledger-2026-12-05T20-31-02-123Z-stop.sqlite`. */
const PATTERN = /^ledger-\d{4}-\d{2}-\d{2}(T[\d-]+Z-[a-z]+)?\.sqlite$/;

export type BackupReason = 'open' | 'stop' | 'running' | 'premigration';

export const backupDir = (dataDir: string): string => join(dataDir, 'backups');

/** Backups newest first. */
export function listBackups(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => PATTERN.test(f))
    .sort()
    .reverse()
    .map((f) => join(dir, f));
}

const stamp = (at: number): string => new Date(at).toISOString().replace(/[:.]/g, '-');

/** fsync a file or a folder (a rename is durable only once its folder is). Folders cannot be fsynced on Windows. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Copies `db` to `target` via a temporary name: VACUUM INTO, fsync, rename, fsync the folder. */
export function snapshotTo(db: DatabaseSync, target: string): void {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncPath(partial);
    renameSync(partial, target);
    fsyncPath(dirname(target));
  } catch (error) {
    rmSync(partial, { force: true }); // a full disk leaves no half copy behind
    throw error;
  }
}

/** Writes a copy now and deletes all but the newest `keep`. Returns the new file (null when keep is 0). */
export function writeBackup(
  db: DatabaseSync,
  dataDir: string,
  keep: number,
  reason: BackupReason,
  now = Date.now(),
): string | null {
  if (keep <= 0) return null;
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `ledger-${stamp(now)}-${reason}.sqlite`);
  snapshotTo(db, target);
  for (const old of listBackups(dataDir).slice(keep)) rmSync(old, { force: true });
  return target;
}

/** The open-time copy: only when the newest copy is older than a day (or there is none). */
export function dailyBackup(db: DatabaseSync, dataDir: string, keep: number, now = Date.now()): string | null {
  const newest = listBackups(dataDir)[0];
  const day = new Date(now).toISOString().slice(0, 10);
  if (newest?.includes(`ledger-${day}`)) return null;
  return writeBackup(db, dataDir, keep, 'open', now);
}

/** Null when healthy, else the first problems SQLite reports (also when the file is not a database at all). */
export function integrityProblems(path: string): string | null {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const rows = db.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/**
 * Restores the newest healthy backup over the damaged ledger: into a temporary file first, then the
 * damaged file (and its -wal/-shm) is renamed aside and the restored copy renamed into place. With no
 * healthy backup nothing is touched and `restored` is null.
 */
export function restoreNewestBackup(
  dataDir: string,
  file: string,
  now = Date.now(),
): { damaged: string | null; restored: string | null } {
  const restoring = `${file}.restoring`;
  for (const candidate of listBackups(dataDir)) {
    if (integrityProblems(candidate) !== null) continue;
    const source = new DatabaseSync(candidate, { readOnly: true });
    try {
      rmSync(restoring, { force: true });
      snapshotTo(source, restoring);
    } finally {
      source.close();
    }
    const damaged = join(dataDir, `ledger.damaged-${stamp(now)}.sqlite`);
    renameSync(file, damaged);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, damaged + suffix);
    }
    renameSync(restoring, file);
    fsyncPath(dataDir);
    return { damaged, restored: candidate };
  }
  return { damaged: null, restored: null };
}
