/**
 * Opens the ledger file in the data folder: integrity check first (a damaged file is moved aside and the
 * newest healthy daily backup restored, with a message saying so), then WAL, foreign keys, migrations,
 * and today's backup.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import { dailyBackup, restoreNewestBackup } from './backup';
import { migrate } from './migrations';

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

const integrity = (db: DatabaseSync): string | null => {
  try {
    const rows = db.prepare('PRAGMA integrity_check(5)').all() as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ');
  } catch (error) {
    return (error as Error).message;
  }
};

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
  let db: DatabaseSync;
  if (existsSync(file)) {
    db = connect(file);
    const problems = integrity(db);
    if (problems !== null) {
      db.close();
      const { damaged, restored } = restoreNewestBackup(dataDir, file, options.now);
      if (restored === null) {
        throw new StudioError(
          'ledger_damaged',
          `The ledger file ${file} is damaged (${problems}) and no healthy backup exists in ${join(dataDir, 'backups')}. The damaged file was kept as ${damaged}; a SQLite recovery tool may still read it.`,
          { status: 500 },
        );
      }
      const message = `The ledger file was damaged (${problems}). It was kept as ${damaged} and the backup ${restored} was restored; events after that backup are replayed from the gateway while it still holds them.`;
      logger.error({ damaged, restored, problems }, message);
      recovered = { damaged, restored, problems, message };
      db = connect(file);
    }
  } else {
    db = connect(file);
  }
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous.toUpperCase()}`);
  db.exec('PRAGMA foreign_keys = ON');
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
