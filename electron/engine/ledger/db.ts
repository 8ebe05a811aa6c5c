/**
 * Opens the ledger file in the data folder: integrity check first, then WAL, foreign keys, a backup before
 * any migration, migrations, and the day's backup.
 *
 * Only real corruption (SQLITE_CORRUPT, SQLITE_NOTADB, a failed integrity check) counts as damage: the
 * newest healthy backup is restored (into a temp file, then swapped) and a message says so. A busy,
 * locked, unreadable or full disk is not damage: nothing is moved and opening fails with
 * `ledger_unavailable`. Damage with no healthy backup keeps the file where it is and fails with
 * `ledger_damaged`, so no later start can quietly begin an empty ledger over it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import { dailyBackup, restoreNewestBackup, writeBackup } from './backup';
import { MIGRATIONS, migrate } from './migrations';

export interface OpenReport {
  file: string;
  migrations: number[];
  backup: string | null;
  /** set when the file was damaged: where it went and what replaced it */
  recovered?: { damaged: string; restored: string; problems: string; message: string };
}

export interface DatabaseOptions {
  dataDir: string;
  logger: Logger;
  /** daily copies to keep (0: none) */
  backups: number;
  /**
   * NORMAL (default) is durable against a killed process: the WAL is written before COMMIT returns and
   * the last applied seq is in the same transaction, so after a power cut the gateway replays whatever
   * the OS had not yet flushed. FULL also fsyncs every commit.
   */
  synchronous?: 'normal' | 'full';
  now?: number;
}

type Health = { kind: 'ok' } | { kind: 'damaged'; problems: string } | { kind: 'unavailable'; problems: string };

/** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included. */
const isCorruption = (error: unknown): boolean => {
  const code = (error as { errcode?: unknown })?.errcode;
  return typeof code === 'number' && ((code & 0xff) === 11 || (code & 0xff) === 26);
};

function health(file: string): Health {
  let db: DatabaseSync | undefined;
  try {
    db = connect(file);
    const rows = db.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok'
      ? { kind: 'ok' }
      : { kind: 'damaged', problems: messages.join('; ') };
  } catch (error) {
    const problems = (error as Error).message;
    return isCorruption(error) ? { kind: 'damaged', problems } : { kind: 'unavailable', problems };
  } finally {
    db?.close();
  }
}

function connect(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

export function openDatabase(options: DatabaseOptions): { db: DatabaseSync; report: OpenReport } {
  const { dataDir, logger } = options;
  const synchronous = options.synchronous ?? 'normal';
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'ledger.sqlite');
  let recovered: OpenReport['recovered'];
  if (existsSync(file)) {
    const found = health(file);
    if (found.kind === 'unavailable') {
      throw new StudioError(
        'ledger_unavailable',
        `The ledger file ${file} cannot be opened right now (${found.problems}). Nothing was changed. Close any other program using it (another Maishou Studio, a backup or sync tool), check the disk, then restart the studio.`,
        { status: 503 },
      );
    }
    if (found.kind === 'damaged') {
      const { damaged, restored } = restoreNewestBackup(dataDir, file, options.now);
      if (restored === null || damaged === null) {
        throw new StudioError(
          'ledger_damaged',
          `The ledger file ${file} is damaged (${found.problems}) and no healthy backup exists in ${join(dataDir, 'backups')}. The file was left where it is and nothing will be recorded until it is dealt with: copy it somewhere safe, try a SQLite recovery tool (sqlite3 ledger.sqlite ".recover"), or move it away to start a new, empty ledger; then restart the studio.`,
          { status: 503 },
        );
      }
      const message = `The ledger file was damaged (${found.problems}). It was kept as ${damaged} and the backup ${restored} was restored; events after that backup are replayed from the gateway while it still holds them.`;
      logger.error({ damaged, restored, problems: found.problems }, message);
      recovered = { damaged, restored, problems: found.problems, message };
    }
  }
  const db = connect(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous.toUpperCase()}`);
  db.exec('PRAGMA foreign_keys = ON');
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > 0 && version < MIGRATIONS.length) {
    try {
      writeBackup(db, dataDir, options.backups, 'premigration', options.now);
    } catch (error) {
      logger.warn({ err: error }, 'ledger backup before the migration failed');
    }
  }
  const migrations = migrate(db);
  if (migrations.length > 0) logger.info({ migrations }, 'ledger schema migrated');
  let backup: string | null = null;
  try {
    backup = dailyBackup(db, dataDir, options.backups, options.now);
  } catch (error) {
    // A full disk must not stop the show; the live file is still intact.
    logger.warn({ err: error }, 'ledger daily backup failed');
  }
  return { db, report: { file, migrations, backup, recovered } };
}

/** The stand-in while the ledger file cannot be used: an empty schema in memory that refuses every write. */
export function openEmptyInMemory(dataDir: string): { db: DatabaseSync; report: OpenReport } {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  return { db, report: { file: join(dataDir, 'ledger.sqlite'), migrations: [], backup: null } };
}
