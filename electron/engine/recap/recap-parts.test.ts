/**
 * What is kept of an ended session's recap (ledger recap_parts, migration 7) equals the full
 * recomputation over random sessions, is answered while nothing it was made of changed, and is dropped
 * when late refunds, late comments, a gap, pins, answer marks, the catalogue, a rename or a
 * reconciliation change the session. Kept bodies are checked against a marker written into the file:
 * answered means the kept path ran; gone means it was invalidated.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyComment } from '../../../shared/chat';
import type { LiveEvent } from '../../../shared/events';
import { type Ledger, openLedger } from '../ledger/ledger';
import { feed, MIN, T0, tempDirs } from '../ledger/ledger.test-helpers';
import { silentLogger } from '../log';
import { createRecapService } from './recap-service';

const dirs = tempDirs();
const open: Ledger[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.close();
  dirs.cleanup();
});

const CATALOGUE =
  'sku,title,price,productId,linkNo\nA,羊毛大衣,399.00,P-A,1\nB,真丝围巾,199.00,P-B,2\nC,短靴,299.00,P-C,3\n';
const PHRASES = [
  '多少钱',
  '有S码吗',
  '1号链接',
  '主播好',
  '围巾什么面料',
  '想要',
  '大衣还有库存吗',
  '什么时候发货',
  '好看',
];
const SPAN = 30 * MIN;

const drafts = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('chat' as const), t: fc.integer({ min: 0, max: SPAN - 1 }), n: fc.nat(99) }),
    fc.record({ kind: fc.constant('order' as const), t: fc.integer({ min: 0, max: SPAN - 1 }), n: fc.nat(99) }),
    fc.record({ kind: fc.constant('viewers' as const), t: fc.integer({ min: 0, max: SPAN - 1 }), n: fc.nat(99) }),
  ),
  { minLength: 1, maxLength: 60 },
);
type Draft = { kind: 'chat' | 'order' | 'viewers'; t: number; n: number };
type PinDraft = { t: number; sku: 'P-A' | 'P-B' | null };
const pins = fc.array(
  fc.record({ t: fc.integer({ min: 0, max: SPAN - 1 }), sku: fc.constantFrom('P-A', 'P-B', null) }),
  {
    maxLength: 5,
  },
);
type Change = 'lateRefund' | 'lateChat' | 'gap' | 'pin' | 'answer' | 'catalogue' | 'rename' | 'otherRoom' | 'afterShow';
const changes = fc.array(
  fc.constantFrom<Change>(
    'lateRefund',
    'lateChat',
    'gap',
    'pin',
    'answer',
    'catalogue',
    'rename',
    'otherRoom',
    'afterShow',
  ),
  { minLength: 1, maxLength: 4 },
);

/** A stopped 30-minute show from random comments, orders, viewer counts and pins. */
async function show(clock: { now: number }, events: Draft[], pinDrafts: PinDraft[]) {
  const ledger = openLedger({
    dataDir: dirs.make('recap-parts-'),
    room: 'r1',
    backups: 0,
    classifyQuestion: (t) => classifyComment(t).question,
    now: () => clock.now,
  });
  open.push(ledger);
  await ledger.importProducts(new TextEncoder().encode(CATALOGUE), { contentType: 'text/csv' });
  const f = feed('r1');
  const id = ledger.startSession({ title: '测试场', at: T0 }).id;
  for (const p of [...pinDrafts].sort((a, b) => a.t - b.t)) {
    if (p.sku === null) ledger.unpin(T0 + p.t);
    else ledger.pin(p.sku, T0 + p.t);
  }
  const live: LiveEvent[] = [];
  const orders: string[] = [];
  for (const [i, d] of [...events].sort((a, b) => a.t - b.t).entries()) {
    if (d.kind === 'chat')
      live.push({ ...f.chat(PHRASES[d.n % PHRASES.length], T0 + d.t), actor: { id: `u${d.n % 7}`, name: '观众' } });
    else if (d.kind === 'viewers') live.push(f.viewers(100 + d.n, 1000 + i, T0 + d.t));
    else {
      const sku = ['A', 'B', 'C', 'Z'][d.n % 4];
      orders.push(`o${i}`);
      live.push(
        f.paid(
          `o${i}`,
          T0 + d.t,
          1_000 * (1 + (d.n % 5)),
          [{ sku, qty: 1 + (d.n % 2), unit: 500 * (1 + (d.n % 5)) }],
          `u${d.n % 5}`,
        ),
      );
    }
  }
  ledger.applyLiveEvents(live);
  clock.now = T0 + SPAN;
  ledger.stopSession();
  return { ledger, id, f, orders };
}

function rawDb(ledger: Ledger): DatabaseSync {
  return new DatabaseSync(join(ledger.report.file));
}

describe('kept recap parts', () => {
  it('equal the full recomputation over random sessions and every change, and are dropped when the session changes', async () => {
    await fc.assert(
      fc.asyncProperty(drafts, pins, changes, async (events, pinDrafts, steps) => {
        const clock = { now: T0 };
        const { ledger, id, f, orders } = await show(clock, events, pinDrafts);
        const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null, now: () => clock.now });
        svc.dispose();
        const db = rawDb(ledger);
        try {
          const fresh = async () => {
            db.prepare('DELETE FROM recap_parts WHERE session_id = ?').run(id);
            return { recap: svc.recap(id), questions: await svc.questions(id) };
          };
          await svc.precompute(id);
          const parts = () =>
            (db.prepare('SELECT count(*) AS n FROM recap_parts WHERE session_id = ?').get(id) as { n: number }).n;
          expect(parts()).toBe(2);
          const kept = { recap: svc.recap(id), questions: await svc.questions(id) };
          expect(kept).toEqual(await fresh());
          let n = 0;
          for (const step of steps) {
            clock.now += MIN;
            // a marker in the kept bodies: answered while kept, gone once invalidated
            db.prepare(`UPDATE recap_parts SET body = json_set(body, '$.marker', 1) WHERE session_id = ?`).run(id);
            const touches = !['otherRoom', 'afterShow'].includes(step);
            if (step === 'lateRefund' && orders.length > 0) {
              ledger.applyLiveEvents([f.refund(orders[n % orders.length], `late${n}`, 1, clock.now)]);
            } else if (step === 'lateRefund' || step === 'lateChat') {
              ledger.applyLiveEvents([{ ...f.chat('有S码吗', T0 + 5 * MIN + n), actor: { id: 'late', name: '迟到' } }]);
            } else if (step === 'gap') {
              f.skip(3);
              ledger.markGap('r1', f.next - 3, f.next - 1, T0 + 10 * MIN);
            } else if (step === 'pin') ledger.pin('P-C', T0 + 7 * MIN + n);
            else if (step === 'answer')
              ledger.recordAnswer({ productId: 'P-A', intent: 'price', at: T0 + 3 * MIN + n });
            else if (step === 'catalogue') ledger.updateProduct('P-B', { title: `真丝围巾 ${n}` });
            else if (step === 'rename') ledger.renameSession(id, `改名 ${n}`);
            else if (step === 'otherRoom') ledger.applyLiveEvents([feed('r2', 1000 + n).chat('多少钱', T0 + 5 * MIN)]);
            else ledger.applyLiveEvents([{ ...f.chat('多少钱', T0 + SPAN + MIN + n), actor: { id: 'x', name: 'x' } }]);
            n++;
            const now = { recap: svc.recap(id), questions: await svc.questions(id) };
            expect('marker' in now.recap).toBe(!touches);
            expect('marker' in now.questions).toBe(!touches);
            const { marker: _a, ...recap } = now.recap as typeof now.recap & { marker?: number };
            const { marker: _b, ...questions } = now.questions as typeof now.questions & { marker?: number };
            expect({ recap, questions }).toEqual(await fresh());
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('a reconciliation drops the kept recap and the next open shows the corrected figures', async () => {
    const clock = { now: T0 };
    const { ledger, id } = await show(
      clock,
      [
        { kind: 'order', t: MIN, n: 0 },
        { kind: 'chat', t: 2 * MIN, n: 0 },
      ],
      [],
    );
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null, now: () => clock.now });
    await svc.precompute(id);
    const before = svc.recap(id);
    const at = new Date(T0 + MIN).toISOString();
    const csv = `订单号,支付时间,商品编码,数量,实付金额,退款金额\no0,${at},A,1,10.00,0\nmissed,${at},B,2,50.00,0\n`;
    const answer = await ledger.reconcile(id, new TextEncoder().encode(csv), {
      contentType: 'text/csv',
      source: '千帆.csv',
    });
    const after = svc.recap(id);
    expect(after.figures).toEqual(answer.figures);
    expect(after.figures.orders).toBe(before.figures.orders + 1);
    expect(after.reconciled?.source).toBe('千帆.csv');
  });

  it('a session recorded before the migration is computed on first open and kept', async () => {
    const clock = { now: T0 };
    const { ledger, id } = await show(clock, [{ kind: 'chat', t: MIN, n: 1 }], []);
    const db = rawDb(ledger);
    try {
      // as a ledger from before migration 7 opens: nothing kept
      db.prepare('DELETE FROM recap_parts').run();
      const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null, now: () => clock.now });
      const first = await svc.questions(id);
      svc.recap(id);
      expect(db.prepare('SELECT part FROM recap_parts WHERE session_id = ? ORDER BY part').all(id)).toEqual([
        { part: 'questions' },
        { part: 'recap' },
      ]);
      expect(await svc.questions(id)).toEqual(first);
    } finally {
      db.close();
    }
  });

  it('a session is precomputed when it stops, and a running one is never kept', async () => {
    const clock = { now: T0 };
    const ledger = openLedger({ dataDir: dirs.make('recap-parts-'), room: 'r1', backups: 0, now: () => clock.now });
    open.push(ledger);
    const svc = createRecapService({ ledger, logger: silentLogger(), chromium: null, now: () => clock.now });
    const id = ledger.startSession({ at: T0 }).id;
    ledger.applyLiveEvents([feed('r1').chat('多少钱', T0 + MIN)]);
    clock.now = T0 + 2 * MIN;
    expect(svc.recap(id).running).toBe(true);
    await svc.questions(id);
    expect(ledger.keptRecaps.get(id, 'recap')).toBeNull();
    expect(ledger.keptRecaps.get(id, 'questions')).toBeNull();
    ledger.stopSession();
    await expect
      .poll(() => ledger.keptRecaps.get(id, 'questions') !== null && ledger.keptRecaps.get(id, 'recap') !== null)
      .toBe(true);
    expect(svc.recap(id).running).toBe(false);
  });
});
