import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { replayEvents } from '../../../shared/metrics/replay';
import { computeStats } from '../../../shared/metrics/stats';
import {
  BASE,
  isQuestion,
  liveStream,
  productIdBySku,
  SESSION_END,
  SESSION_START,
} from '../../../shared/metrics/stream.test-helpers';
import type { RecordPin } from '../../../shared/metrics/types';
import { openLedger } from './ledger';

const root = mkdtempSync(join(tmpdir(), 'ledger-prop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const catalogue = Buffer.from('sku,title,price,productId\nA,衬衫,10.00,P-A\nB,围巾,20.00,P-B\n');

const pinsArb = fc.array(
  fc.record({ offset: fc.integer({ min: 0, max: 720_000 }), product: fc.constantFrom('P-A', 'P-B', 'P-C', null) }),
  { maxLength: 6 },
);

describe('the SQLite ledger agrees with the pure definition', () => {
  it('live counters, stats and the pure replay agree after every batch of random streams', async () => {
    await fc.assert(
      fc.asyncProperty(
        liveStream(50),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        pinsArb,
        fc.integer({ min: 0, max: 800_000 }),
        fc.boolean(),
        async (events, cuts, pinDrafts, nowOffset, endIt) => {
          let clock = BASE + nowOffset;
          const ledger = openLedger({
            dataDir: join(root, `p${n++}`),
            backups: 0,
            room: 'r1',
            classifyQuestion: isQuestion,
            now: () => clock,
          });
          try {
            await ledger.importProducts(catalogue);
            const pins: RecordPin[] = pinDrafts
              .map((p) => ({ at: BASE + p.offset, productId: p.product }))
              .sort((a, b) => a.at - b.at);
            for (const p of pins) {
              if (p.productId === null) ledger.unpin(p.at);
              else ledger.pin(p.productId, p.at);
            }
            const session = ledger.startSession({ at: SESSION_START });
            if (endIt) ledger.stopSession({ at: SESSION_END });
            let i = 0;
            let cut = 0;
            while (i < events.length) {
              const size = cuts[cut++ % cuts.length];
              const batch = events.slice(i, i + size);
              i += size;
              ledger.applyLiveEvents(batch);
              clock += 1_000;
              const stats = ledger.stats(session.id);
              const replay = replayEvents(events.slice(0, i), {
                currency: 'CNY',
                productIdBySku,
                classifyQuestion: isQuestion,
              });
              const pure = computeStats({
                window: stats.window,
                currency: 'CNY',
                ...replay,
                pins,
                gaps: [],
                products: ['P-A', 'P-B'],
              });
              expect(stats.figures).toEqual(pure.figures);
              expect(stats.segments).toEqual(pure.segments);
              expect(stats.products).toEqual(pure.products);
              expect(stats.minutes).toEqual(pure.minutes);
              expect(stats.incomplete).toEqual(pure.incomplete);
              if (!endIt) expect(ledger.liveFigures()?.figures).toEqual(stats.figures);
              expect(ledger.lastAppliedSeq('r1')).toBe(Math.max(...events.slice(0, i).map((e) => e.seq)));
            }
          } finally {
            ledger.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
