import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/events';
import { LOCAL_SEQ_BASE } from '../../../shared/live/seq-lane';
import { openLedger } from './ledger';
import { feed, T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const local = (e: LiveEvent, seq: number, id = e.id): LiveEvent => ({ ...e, id, seq });

describe('ledger: the gateway lane and the local lane share a room', () => {
  it('counts events of both lanes in one session, keeps each lane numbered on its own, and dedupes ids across lanes', () => {
    const dataDir = dirs.make();
    const clock = { now: T0 + 120_000 };
    let ledger = openLedger({ dataDir, room: 'r1', now: () => clock.now });
    const s = ledger.startSession({ title: '双来源', at: T0 });
    const gw = feed('r1');
    const lc = feed('r1');
    ledger.applyLiveEvents([gw.chat('网关一', T0 + 1_000), gw.chat('网关二', T0 + 2_000)]);
    expect(ledger.lastLocalSeq('r1')).toBe(LOCAL_SEQ_BASE);
    const first = ledger.applyLiveEvents([
      local(lc.chat('桥一', T0 + 3_000), LOCAL_SEQ_BASE + 1, 'ssn:1'),
      local(lc.chat('桥二', T0 + 4_000), LOCAL_SEQ_BASE + 2, 'ssn:2'),
    ]);
    expect(first).toMatchObject({ applied: 2, duplicates: 0 });
    expect(first.fresh.map((e) => e.id)).toEqual(['ssn:1', 'ssn:2']);
    // The gateway's next seq is not "old" because local seqs are far higher, and no gap is invented.
    ledger.applyLiveEvents([gw.chat('网关三', T0 + 5_000)]);
    expect(ledger.lastAppliedSeq('r1')).toBe(3);
    expect(ledger.lastLocalSeq('r1')).toBe(LOCAL_SEQ_BASE + 2);
    // The same id again by the local lane, and a gateway id by the local lane: duplicates, nothing new.
    const again = ledger.applyLiveEvents([
      local(lc.chat('桥一', T0 + 3_000), LOCAL_SEQ_BASE + 3, 'ssn:1'),
      local(lc.chat('x', T0 + 6_000), LOCAL_SEQ_BASE + 4, 'chat:1'),
    ]);
    expect(again).toMatchObject({ applied: 0, duplicates: 2, fresh: [] });
    const stats = ledger.stats(s.id);
    expect(stats.minutes.reduce((n, m) => n + m.chat, 0)).toBe(5);
    expect(stats.minutes.some((m) => m.incomplete)).toBe(false);
    // Both lanes survive a restart; ids stay deduped.
    ledger.close();
    ledger = openLedger({ dataDir, room: 'r1', now: () => clock.now });
    expect(ledger.lastAppliedSeq('r1')).toBe(3);
    expect(ledger.lastLocalSeq('r1')).toBe(LOCAL_SEQ_BASE + 4);
    expect(ledger.applyLiveEvents([local(lc.chat('桥二', T0 + 4_000), LOCAL_SEQ_BASE + 5, 'ssn:2')])).toMatchObject({
      applied: 0,
      duplicates: 1,
    });
    ledger.close();
  });
});
