import { describe, expect, it } from 'vitest';
import { clockAt, locate, offsetIn, overlapMs, type Recording, spanIn } from './timeline';

const rec = (index: number, startedAt: number, endedAt: number | null, pauses: [number, number | null][] = []) =>
  ({ index, path: `/v/${index}.mkv`, startedAt, endedAt, pauses }) satisfies Recording;

describe('recording timeline', () => {
  const a = rec(0, 1_000, 61_000, [[11_000, 21_000]]);
  const b = rec(1, 70_000, 130_000);

  it('maps a moment to its file offset, skipping paused time', () => {
    expect(offsetIn(a, 1_000)).toBe(0);
    expect(offsetIn(a, 6_000)).toBe(5_000);
    expect(offsetIn(a, 15_000)).toBeNull(); // paused: nothing written
    expect(offsetIn(a, 31_000)).toBe(20_000);
    expect(offsetIn(a, 65_000)).toBeNull(); // between files
    expect(locate([a, b], 80_000)).toEqual({ index: 1, offsetMs: 10_000 });
    expect(locate([a, b], 65_000)).toBeNull();
  });

  it('clockAt inverts offsetIn', () => {
    for (const at of [1_000, 6_000, 21_000, 31_000, 60_000]) expect(clockAt(a, offsetIn(a, at) as number)).toBe(at);
  });

  it('an open recording runs until now; an open pause until now', () => {
    const open = rec(0, 0, null, [[10_000, null]]);
    expect(offsetIn(open, 5_000, 20_000)).toBe(5_000);
    expect(offsetIn(open, 15_000, 20_000)).toBeNull();
    expect(overlapMs(open, 0, 20_000, 20_000)).toBe(10_000);
  });

  it('a span across two files is cut from the file holding most of it, trimmed', () => {
    // 50_000..80_000: 11 s in a (50..61), 10 s in b (70..80)
    expect(spanIn([a, b], 50_000, 80_000)).toEqual({ index: 0, startMs: 39_000, endMs: 50_000, trimmed: true });
    expect(spanIn([a, b], 55_000, 90_000)).toEqual({ index: 1, startMs: 0, endMs: 20_000, trimmed: true });
    expect(spanIn([a, b], 75_000, 85_000)).toEqual({ index: 1, startMs: 5_000, endMs: 15_000, trimmed: false });
    expect(spanIn([a, b], 62_000, 69_000)).toBeNull();
  });
});
