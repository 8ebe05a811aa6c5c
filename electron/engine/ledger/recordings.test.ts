import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger';
import { T0, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('recordings in the ledger', () => {
  it('keeps each file with its start, end and pauses, and survives a reopen', () => {
    const dataDir = dirs.make();
    let ledger = openLedger({ dataDir });
    const store = ledger.recordings;
    store.start('/v/a.mkv', T0);
    store.pause(T0 + 10_000);
    store.pause(T0 + 11_000); // a repeated pause event changes nothing
    store.resume(T0 + 20_000);
    store.pause(T0 + 50_000);
    store.stop(null, T0 + 60_000); // a pause still open ends with the file; the name is kept
    store.start(null, T0 + 70_000); // OBS named nothing yet
    store.name('/v/b.mkv');
    ledger.close();
    ledger = openLedger({ dataDir });
    expect(ledger.recordings.open()).toMatchObject({ path: '/v/b.mkv', startedAt: T0 + 70_000, endedAt: null });
    ledger.recordings.stop('/v/b-final.mkv', T0 + 90_000);
    const all = ledger.recordings.overlapping(T0, null);
    expect(all.map(({ id: _id, ...r }) => r)).toEqual([
      {
        path: '/v/a.mkv',
        startedAt: T0,
        endedAt: T0 + 60_000,
        pauses: [
          [T0 + 10_000, T0 + 20_000],
          [T0 + 50_000, T0 + 60_000],
        ],
      },
      { path: '/v/b-final.mkv', startedAt: T0 + 70_000, endedAt: T0 + 90_000, pauses: [] },
    ]);
    // a session window picks the files overlapping it
    expect(ledger.recordings.overlapping(T0 + 61_000, T0 + 65_000)).toEqual([]);
    expect(ledger.recordings.overlapping(T0 + 55_000, T0 + 75_000).map((r) => r.path)).toEqual([
      '/v/a.mkv',
      '/v/b-final.mkv',
    ]);
    ledger.close();
  });

  it('a new start closes a file still open (OBS writes one file at a time)', () => {
    const ledger = openLedger({ dataDir: dirs.make() });
    ledger.recordings.start('/v/a.mkv', T0);
    ledger.recordings.start('/v/b.mkv', T0 + 5_000);
    expect(ledger.recordings.overlapping(T0, null).map((r) => [r.path, r.endedAt])).toEqual([
      ['/v/a.mkv', T0 + 5_000],
      ['/v/b.mkv', null],
    ]);
    expect(ledger.recordings.stop(null, T0 - 1)?.endedAt).toBe(T0 + 5_000); // never before its start
    expect(ledger.recordings.stop(null, T0 + 9_000)).toBeNull(); // nothing open: nothing happens
    ledger.close();
  });
});
