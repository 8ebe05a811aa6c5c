/**
 * Ledger recovery and backups on real SQLite files: bytes overwritten (real damage), a file locked by
 * another process (not damage), no backup, a good backup; copies at session stop, while a session runs
 * and before a migration.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listBackups } from './backup';
import { openLedger, openLedgerOrRefuse } from './ledger';
import { feed, MIN, T0, tempDirs } from './ledger.test-helpers';
import { MIGRATIONS } from './migrations';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const ledgerFile = (dataDir: string) => join(dataDir, 'ledger.sqlite');

/** A ledger with one paid order recorded, closed cleanly (a backup was written at open, before the order). */
function ledgerWithOrder(dataDir: string, backups: number) {
  const ledger = openLedger({ dataDir, backups, room: 'r1', now: () => T0 });
  const f = feed();
  const s = ledger.startSession({ at: T0 });
  ledger.applyLiveEvents([f.paid('o1', T0 + 1_000, 500, [])]);
  ledger.stopSession({ at: T0 + 2_000 });
  ledger.close();
  return s;
}

/** Overwrites pages in the middle of the file: what a bad sector or a torn write leaves. */
function damage(file: string): Buffer {
  const bytes = readFileSync(file);
  bytes.fill(0x5a, 100, 4096 * 3);
  writeFileSync(file, bytes);
  return bytes;
}

describe('ledger recovery', () => {
  it('damaged with no healthy backup: keeps the file in place, refuses to open, every time', () => {
    const dataDir = dirs.make();
    ledgerWithOrder(dataDir, 0);
    const bytes = damage(ledgerFile(dataDir));
    expect(() => openLedger({ dataDir, backups: 0 })).toThrow(/damaged .* no healthy backup/);
    // Nothing moved, nothing replaced: a second start (the supervisor's restart) refuses again rather
    // than beginning an empty ledger.
    expect(readFileSync(ledgerFile(dataDir)).equals(bytes)).toBe(true);
    expect(() => openLedger({ dataDir, backups: 0 })).toThrow(/damaged/);
    expect(readFileSync(ledgerFile(dataDir)).equals(bytes)).toBe(true);
    // The engine's way in: a ledger that refuses writes and says what to do.
    const refusing = openLedgerOrRefuse({ dataDir, backups: 0 });
    expect(refusing.refusal?.code).toBe('ledger_damaged');
    expect(refusing.refusal?.message).toMatch(/recover/);
    expect(() => refusing.startSession()).toThrow(/damaged/);
    refusing.close();
    expect(readFileSync(ledgerFile(dataDir)).equals(bytes)).toBe(true);
  });

  it('a file that is not a database at all counts as damage (SQLITE_NOTADB)', () => {
    const dataDir = dirs.make();
    writeFileSync(ledgerFile(dataDir), Buffer.alloc(8192, 0x41));
    expect(() => openLedger({ dataDir, backups: 0 })).toThrow(/damaged/);
    expect(readFileSync(ledgerFile(dataDir)).equals(Buffer.alloc(8192, 0x41))).toBe(true);
  });

  it('damaged with a good backup: restores it through a temp file, keeps the damaged one beside it', () => {
    const dataDir = dirs.make();
    const s = ledgerWithOrder(dataDir, 3); // the stop wrote a copy with the order in it
    damage(ledgerFile(dataDir));
    const ledger = openLedger({ dataDir, backups: 3, room: 'r1', now: () => T0 + MIN });
    expect(ledger.report.recovered?.message).toMatch(/damaged .* was restored/);
    expect(ledger.integrityCheck()).toBe('ok');
    expect(ledger.listSessions()).toMatchObject([{ id: s.id, orders: 1 }]);
    expect(ledger.lastAppliedSeq('r1')).toBe(1);
    ledger.close();
    const files = readdirSync(dataDir);
    expect(files.some((f) => f.startsWith('ledger.damaged-'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.restoring') || f.endsWith('.partial'))).toEqual([]);
  });

  it('a file locked by another process is not damage: nothing is moved and opening says it is busy', async () => {
    const dataDir = dirs.make();
    ledgerWithOrder(dataDir, 3);
    const before = readFileSync(ledgerFile(dataDir));
    const holder = spawn(
      process.execPath,
      [
        '--no-warnings',
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(ledgerFile(dataDir))});
         db.exec('PRAGMA locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE');
         db.exec("INSERT INTO pins (at, product_id) VALUES (1, NULL)");
         process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      expect(() => openLedger({ dataDir, backups: 3 })).toThrow(/cannot be opened right now .*locked/);
      const refusing = openLedgerOrRefuse({ dataDir, backups: 3 });
      expect(refusing.refusal?.code).toBe('ledger_unavailable');
      refusing.close();
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((r) => holder.once('exit', r));
    expect(readdirSync(dataDir).some((f) => f.startsWith('ledger.damaged-'))).toBe(false);
    expect(readFileSync(ledgerFile(dataDir)).equals(before)).toBe(true);
    const ledger = openLedger({ dataDir, backups: 3, room: 'r1', now: () => T0 + MIN });
    expect(ledger.report.recovered).toBeUndefined();
    expect(ledger.listSessions()[0].orders).toBe(1);
    ledger.close();
  }, 30_000);
});

describe('ledger backups', () => {
  it('copies at every session stop and every 30 minutes of a running session, keeping the last N', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const dataDir = dirs.make();
      const clock = { now: T0 };
      const ledger = openLedger({ dataDir, backups: 4, room: 'r1', now: () => clock.now });
      expect(listBackups(dataDir).map((p) => basename(p))).toEqual(['ledger-2025-11-25T10-00-00-000Z-open.sqlite']);
      ledger.startSession({ at: T0 });
      for (let i = 1; i <= 2; i++) {
        clock.now = T0 + i * 30 * MIN;
        vi.advanceTimersByTime(30 * MIN);
      }
      clock.now = T0 + 70 * MIN;
      ledger.stopSession();
      // idle: no more copies
      vi.advanceTimersByTime(90 * MIN);
      expect(listBackups(dataDir).map((p) => basename(p))).toEqual([
        'ledger-2025-11-25T11-10-00-000Z-stop.sqlite',
        'ledger-2025-11-25T11-00-00-000Z-running.sqlite',
        'ledger-2025-11-25T10-30-00-000Z-running.sqlite',
        'ledger-2025-11-25T10-00-00-000Z-open.sqlite',
      ]);
      clock.now = T0 + 80 * MIN;
      ledger.startSession();
      clock.now = T0 + 90 * MIN;
      ledger.stopSession();
      expect(listBackups(dataDir)).toHaveLength(4);
      expect(basename(listBackups(dataDir)[0])).toBe('ledger-2025-11-25T11-30-00-000Z-stop.sqlite');
      for (const b of listBackups(dataDir)) {
        const db = new DatabaseSync(b, { readOnly: true });
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        db.close();
      }
      ledger.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('copies the file before a migration, at its old schema', () => {
    const dataDir = dirs.make();
    const old = new DatabaseSync(ledgerFile(dataDir));
    for (let v = 1; v < MIGRATIONS.length; v++) old.exec(MIGRATIONS[v - 1]);
    old.exec(`PRAGMA user_version = ${MIGRATIONS.length - 1}`);
    old.close();
    const ledger = openLedger({ dataDir, backups: 3, now: () => T0 });
    expect(ledger.report.migrations).toEqual([MIGRATIONS.length]);
    ledger.close();
    const copy = listBackups(dataDir).find((p) => p.endsWith('-premigration.sqlite'));
    expect(copy).toBeDefined();
    const db = new DatabaseSync(copy!, { readOnly: true });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length - 1 });
    db.close();
    expect(existsSync(`${copy}.partial`)).toBe(false);
  });
});
