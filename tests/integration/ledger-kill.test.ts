/**
 * Durability: SIGKILL the process applying thousands of orders; after restart every acknowledged order is
 * there exactly once, the figures match the pure computation, and the file passes integrity_check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/engine/ledger/ledger';
import { computeFigures } from '../../shared/metrics/figures';
import { replayEvents } from '../../shared/metrics/replay';
import { spawnTracked, waitFor } from '../harness/process';
import { KILL_T0, streamEvent } from './ledger-stream';

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const child = join(import.meta.dirname, 'ledger-kill-child.ts');
const TOTAL = 15_000;

const acks = (out: string): number[] => [...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));

function check(upTo: number) {
  const db = new DatabaseSync(join(dataDir, 'ledger.sqlite'));
  try {
    expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    const events = db
      .prepare("SELECT count(*) AS n, count(DISTINCT seq) AS seqs, max(seq) AS top FROM events WHERE room = 'r1'")
      .get();
    expect(events).toEqual({ n: upTo, seqs: upTo, top: upTo });
    const orders = db.prepare("SELECT count(*) AS n FROM orders WHERE status IN ('paid', 'refunded')").get() as {
      n: number;
    };
    expect(orders.n).toBe(Array.from({ length: upTo }, (_, i) => i + 1).filter((s) => s % 10 !== 0).length);
  } finally {
    db.close();
  }
  const ledger = openLedger({ dataDir, backups: 2, room: 'r1', resumeWindowMs: 0, now: () => KILL_T0 });
  try {
    const s = ledger.interruptedSession();
    expect(s).not.toBeNull();
    ledger.resumeSession(s!.id);
    const stats = ledger.stats(s!.id);
    const events = Array.from({ length: upTo }, (_, i) => streamEvent(i + 1));
    const pure = computeFigures({
      window: stats.window,
      currency: 'CNY',
      ...replayEvents(events, { currency: 'CNY' }),
      pins: [],
      gaps: [],
      products: [],
    });
    expect(stats.figures).toEqual(pure);
    expect(ledger.liveFigures()?.figures).toEqual(pure);
    expect(ledger.lastAppliedSeq('r1')).toBe(upTo);
  } finally {
    ledger.close();
  }
}

describe('ledger durability under SIGKILL', () => {
  it('keeps every acknowledged order exactly once through two kills and a finish', async () => {
    for (let round = 0; round < 2; round++) {
      const proc = spawnTracked(process.execPath, ['--import', 'tsx', child, dataDir, String(TOTAL)]);
      await waitFor(() => acks(proc.output()).length >= 30, {
        timeoutMs: 60_000,
        what: 'acknowledged batches',
      });
      await proc.kill();
      const acknowledged = Math.max(...acks(proc.output()));
      expect(proc.output()).not.toContain('done');
      const db = new DatabaseSync(join(dataDir, 'ledger.sqlite'));
      const top = (db.prepare("SELECT last_seq FROM feed WHERE room = 'r1'").get() as { last_seq: number }).last_seq;
      db.close();
      // what was acknowledged is there; at most the batch being committed at the kill is there too
      expect(top).toBeGreaterThanOrEqual(acknowledged);
      expect(top).toBeLessThanOrEqual(acknowledged + 100);
      check(top);
    }
    const last = spawnTracked(process.execPath, ['--import', 'tsx', child, dataDir, String(TOTAL)]);
    await last.exited;
    expect(last.output()).toContain('done');
    await last.stop();
    check(TOTAL);
  });
});
