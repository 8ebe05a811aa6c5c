/**
 * Rehearsals (彩排): marked on the session, kept out of "vs previous" and "last 7" unless asked for,
 * labelled in the list and the report; the demo room's sessions are rehearsals; a ledger written
 * before rehearsals existed opens with its sessions as real shows.
 */

import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { recapRoutes } from '../../../shared/contract/recap';
import { type Ledger, openLedger } from '../ledger/ledger';
import { feed, MIN, T0, tempDirs } from '../ledger/ledger.test-helpers';
import { MIGRATIONS } from '../ledger/migrations';
import { silentLogger } from '../log';
import { createRecapService } from './recap-service';

const dirs = tempDirs();
const open: Ledger[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
  dirs.cleanup();
});

function ledgerAt(dataDir: string, clock: { now: number }, room = 'r1'): Ledger {
  const ledger = openLedger({ dataDir, room, now: () => clock.now });
  open.push(ledger);
  return ledger;
}

/** Three sessions an hour apart with one paid order each: real (100 yuan), rehearsal (5,000), real. */
function threeShows(ledger: Ledger, clock: { now: number }) {
  const f = feed();
  const ids: string[] = [];
  const shows: [boolean, number][] = [
    [false, 10_000],
    [true, 500_000],
    [false, 20_000],
  ];
  shows.forEach(([rehearsal, amount], i) => {
    const at = T0 + i * 60 * MIN;
    clock.now = at;
    ids.push(ledger.startSession({ title: `场次 ${i + 1}`, at, rehearsal }).id);
    ledger.applyLiveEvents([f.paid(`o${i}`, at + MIN, amount, [{ sku: 'A', qty: 1, unit: amount }])]);
    clock.now = at + 10 * MIN;
    ledger.stopSession();
  });
  return ids;
}

describe('rehearsals', () => {
  it('are left out of the baselines unless asked for, and marked in the list', async () => {
    const clock = { now: T0 };
    const ledger = ledgerAt(dirs.make(), clock);
    const [real1, rehearsal, real2] = threeShows(ledger, clock);
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null, now: () => clock.now });

    const plain = svc.compare(real2);
    expect(plain.rehearsals).toBe(false);
    expect(plain.previous.ids).toEqual([real1]);
    expect(plain.previous.figures.paidGmv).toBe(10_000);
    expect(plain.last7.ids).toEqual([real1]);

    const all = svc.compare(real2, true);
    expect(all.previous.ids).toEqual([rehearsal]);
    expect(all.previous.figures.paidGmv).toBe(500_000);
    expect(all.last7.ids).toEqual([rehearsal, real1]);

    // Over HTTP: `?rehearsals=include`; anything but include/exclude is refused by the route's query schema.
    const handler = svc.routeHandlers['GET /sessions/:id/recap/compare'];
    const ctx = { seat: { id: 's', role: 'viewer' as const, label: 'viewer' } };
    const ask = (rehearsals: 'include' | 'exclude') =>
      handler({ params: { id: real2 }, query: { rehearsals }, body: {} }, ctx) as typeof all;
    expect(ask('include').previous.ids).toEqual([rehearsal]);
    expect(ask('exclude').previous.ids).toEqual([real1]);
    const query = recapRoutes['GET /sessions/:id/recap/compare'].query;
    if (!query) throw new Error('the compare route declares its query');
    expect(query.parse({})).toEqual({ rehearsals: 'exclude' });
    expect(query.safeParse({ rehearsals: 'yes' }).success).toBe(false);

    const list = ledger.listSessions();
    expect(list.map((s) => [s.id, s.rehearsal])).toEqual([
      [real2, false],
      [rehearsal, true],
      [real1, false],
    ]);
    expect(svc.recap(rehearsal).session.rehearsal).toBe(true);
    const report = await svc.report(rehearsal, 'zh-CN');
    expect(report).toContain('<span class="tag">彩排</span>');
    expect(await svc.report(real2, 'en')).not.toContain('class="tag"');
    expect(await svc.report(rehearsal, 'en')).toContain('<span class="tag">Rehearsal</span>');
  });

  it('sessions in the demo room are rehearsals, even when started as a show', () => {
    const clock = { now: T0 };
    const ledger = ledgerAt(dirs.make(), clock, 'demo');
    expect(ledger.startSession({ at: T0, rehearsal: false }).rehearsal).toBe(true);
    clock.now = T0 + MIN;
    ledger.stopSession();
    expect(ledger.startSession({ at: T0 + 2 * MIN, room: 'r1' }).rehearsal).toBe(false);
  });

  it('a ledger from before rehearsals opens with its sessions as real shows', () => {
    const dir = dirs.make();
    const db = new DatabaseSync(join(dir, 'ledger.sqlite'));
    for (const [i, sql] of MIGRATIONS.slice(0, 2).entries()) {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${i + 1}`);
    }
    db.prepare(
      "INSERT INTO sessions (id, title, room, currency, started_at, ended_at, start_reason) VALUES ('old', '旧场次', 'r1', 'CNY', ?, ?, 'manual')",
    ).run(T0, T0 + MIN);
    db.close();
    const ledger = ledgerAt(dir, { now: T0 + 2 * MIN });
    expect(ledger.listSessions().map((s) => [s.id, s.rehearsal])).toEqual([['old', false]]);
  });
});
