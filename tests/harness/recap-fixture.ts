/**
 * A data folder holding recap fixtures with known numbers, written through the ledger's own API into a
 * real SQLite file (the engine is then started on it): a 20-minute session in room `fixture` with two
 * pins, four orders, a feed gap over minutes 9-10 and a refund that arrives after the show, plus an
 * earlier session to compare with.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../electron/engine/ledger/ledger';
import { feed } from '../../electron/engine/ledger/ledger.test-helpers';
import { classifyComment } from '../../shared/chat';

/** 2025-11-20 12:00:00 UTC, on a minute boundary */
export const FIXTURE_T0 = 1_763_640_000_000;
const MIN = 60_000;

export interface RecapFixture {
  dataDir: string;
  sessionId: string;
  previousId: string;
  expected: {
    paidGmv: number;
    orders: number;
    /** pins as minute offsets from the start */
    pins: { productId: string; from: number; to: number }[];
    gapMinutes: number[];
    lateRefund: number;
  };
}

const CATALOGUE = `sku,title,price,linkNo
A1,真丝缎面衬衫,199.00,1
B2,羊毛阔腿裤,299.00,2
C3,桑蚕丝方巾,99.00,3
`;

export async function buildRecapFixture(
  dataDir = mkdtempSync(join(tmpdir(), 'maishou-recap-')),
): Promise<RecapFixture> {
  const ledger = openLedger({ dataDir, room: 'fixture', classifyQuestion: (t) => classifyComment(t).question });
  try {
    await ledger.importProducts(new TextEncoder().encode(CATALOGUE), { contentType: 'text/csv' });
    const f = feed('fixture');
    const T0 = FIXTURE_T0;

    // An earlier session, one day before: one order of 199.00, for the comparisons.
    const prevStart = T0 - 86_400_000;
    const previous = ledger.startSession({ title: '上周直播', room: 'fixture', at: prevStart });
    ledger.applyLiveEvents([
      f.viewers(50, 500, prevStart + 30_000),
      f.paid('p-1', prevStart + 60_000, 19_900, [{ sku: 'A1', qty: 1, unit: 19_900 }], 'b0'),
    ]);
    ledger.stopSession({ at: prevStart + 10 * MIN });

    const session = ledger.startSession({ title: '秋冬上新专场', room: 'fixture', at: T0 });
    const batch = (events: Parameters<typeof ledger.applyLiveEvents>[0]) => ledger.applyLiveEvents(events);
    for (let m = 0; m < 9; m++) batch([f.viewers(100 + 10 * m, 1000 + 100 * m, T0 + m * MIN + 5_000)]);
    ledger.pin('A1', T0 + 1 * MIN);
    batch([
      f.chat('1号多少钱', T0 + 1 * MIN + 10_000),
      f.chat('这个衬衫有S码吗', T0 + 1 * MIN + 20_000),
      f.chat('主播好', T0 + 1 * MIN + 30_000),
      f.paid('o-1', T0 + 2 * MIN + 1_000, 19_900, [{ sku: 'A1', qty: 1, unit: 19_900 }], 'b1'),
      f.paid('o-2', T0 + 3 * MIN + 1_000, 39_800, [{ sku: 'A1', qty: 2, unit: 19_900 }], 'b2'),
      f.chat('多少钱', T0 + 4 * MIN),
    ]);
    ledger.pin('B2', T0 + 6 * MIN);
    batch([
      f.chat('2号有黑色吗', T0 + 6 * MIN + 30_000),
      f.paid('o-3', T0 + 7 * MIN + 1_000, 29_900, [{ sku: 'B2', qty: 1, unit: 29_900 }], 'b3'),
      f.chat('裤子多长', T0 + 8 * MIN),
      f.viewers(190, 1900, T0 + 9 * MIN),
    ]);
    // The feed loses seqs from 9:00 to 10:30: minutes 9 and 10 are incomplete, never guessed.
    const missingFrom = f.next;
    f.skip(5);
    ledger.markGap('fixture', missingFrom, missingFrom + 4, T0 + 10 * MIN + 30_000);
    for (let m = 11; m < 20; m++) batch([f.viewers(150 + m, 2000 + 50 * m, T0 + m * MIN + 5_000)]);
    ledger.unpin(T0 + 12 * MIN);
    batch([f.paid('o-4', T0 + 15 * MIN + 1_000, 9_900, [{ sku: 'C3', qty: 1, unit: 9_900 }], 'b4')]);
    ledger.stopSession({ at: T0 + 20 * MIN });
    // After the show: the second order is refunded.
    batch([f.refund('o-2', 'r-1', 39_800, T0 + 40 * MIN)]);
    return {
      dataDir,
      sessionId: session.id,
      previousId: previous.id,
      expected: {
        paidGmv: 99_500,
        orders: 4,
        pins: [
          { productId: 'A1', from: 1, to: 6 },
          { productId: 'B2', from: 6, to: 12 },
        ],
        gapMinutes: [9, 10],
        lateRefund: 39_800,
      },
    };
  } finally {
    ledger.close();
  }
}
