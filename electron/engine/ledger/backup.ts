/**
 * Daily copies of the ledger (VACUUM INTO: a consistent snapshot even while WAL is in use), keeping the
 * last N, and the recovery path when the live file is damaged: the damaged file is moved aside (never
 * deleted) and the newest backup that passes an integrity check takes its place.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const PATTERN = /^ledger-(\d{4}-\d{2}-\d{2})\.sqlite$/;

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

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Writes today's copy unless it exists, then deletes all but the newest `keep`. Returns the new file, if any. */
export function dailyBackup(db: DatabaseSync, dataDir: string, keep: number, now = Date.now()): string | null {
  if (keep <= 0) return null;
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `ledger-${day(now)}.sqlite`);
  let written: string | null = null;
  if (!existsSync(target)) {
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, target);
    written = target;
  }
  for (const old of listBackups(dataDir).slice(keep)) rmSync(old, { force: true });
  return written;
}

/** `ok`, or the first problems SQLite reports (also when the file is not a database at all). */
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
 * Moves the damaged ledger (and its -wal/-shm) aside and copies in the newest healthy backup.
 * Returns where the damaged file went and which backup was restored (null when none was healthy).
 */
export function restoreNewestBackup(
  dataDir: string,
  file: string,
  now = Date.now(),
): { damaged: string; restored: string | null } {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const damaged = join(dataDir, `ledger.damaged-${stamp}.sqlite`);
  renameSync(file, damaged);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, damaged + suffix);
  }
  for (const candidate of listBackups(dataDir)) {
    if (integrityProblems(candidate) !== null) continue;
    const source = new DatabaseSync(candidate, { readOnly: true });
    try {
      source.prepare('VACUUM INTO ?').run(file);
    } finally {
      source.close();
    }
    return { damaged, restored: candidate };
  }
  return { damaged, restored: null };
}
