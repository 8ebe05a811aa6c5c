import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger';
import { MIN, T0, tempDirs } from './ledger.test-helpers';

describe('answer marks', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  it('keeps the host’s answered marks across a reopen and returns those inside a session', () => {
    const dir = dirs.make();
    let clock = T0;
    const ledger = openLedger({ dataDir: dir, now: () => clock });
    ledger.recordAnswer({ productId: 'p1', intent: 'size', at: T0 - MIN }); // before the session
    const session = ledger.startSession({ title: 'show' });
    ledger.recordAnswer({ productId: 'p1', intent: 'size', at: T0 + MIN });
    ledger.recordAnswer({ productId: null, intent: 'shipping', at: T0 + 2 * MIN });
    clock = T0 + 10 * MIN;
    ledger.stopSession();
    ledger.close();

    const reopened = openLedger({ dataDir: dir, now: () => clock });
    expect(reopened.answerMarks(session.id)).toEqual([
      { productId: 'p1', intent: 'size', at: T0 + MIN },
      { productId: null, intent: 'shipping', at: T0 + 2 * MIN },
    ]);
    reopened.close();
  });
});
