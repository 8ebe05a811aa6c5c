import { describe, expect, it } from 'vitest';
import { chaptersOf, defaultSelection, ffmetadata, planClips, safeFileName, selectSegments } from './clips';
import type { Recording } from './timeline';

const catalogue = [
  { productId: 'p3', title: '真丝缎面衬衫', linkNo: 3 },
  { productId: 'p7', title: 'a/b:c?', linkNo: null },
];
const segments = [
  { productId: 'p3', start: 10_000, end: 70_000 },
  { productId: 'p7', start: 70_000, end: 90_000 },
  { productId: 'p3', start: 200_000, end: 260_000 },
];
const recordings: Recording[] = [
  { index: 0, path: '/v/a.mkv', startedAt: 5_000, endedAt: 100_000, pauses: [] },
  { index: 1, path: '/v/b.mkv', startedAt: 198_000, endedAt: 300_000, pauses: [] },
];

describe('clip plans', () => {
  it('preselects segments longer than 30 s; "all" is every one; unknown indexes are refused with a path', () => {
    expect(defaultSelection(segments)).toEqual([0, 2]);
    expect(selectSegments(segments, 'all')).toEqual([0, 1, 2]);
    expect(selectSegments(segments, [2, 0, 2])).toEqual([0, 2]);
    expect(() => selectSegments(segments, [1, 3])).toThrow(
      expect.objectContaining({ code: 'unknown_segment', path: 'segments[1]' }),
    );
  });

  it('plans each clip in its file with the lead-in the file allows, named by link number, title and time', () => {
    const { clips, missing } = planClips({
      segments,
      chosen: [0, 1, 2],
      recordings,
      catalogue,
      leadInMs: 3_000,
      clock: (at) => `t${at / 1000}`,
    });
    expect(missing).toEqual([]);
    expect(clips.map((c) => [c.segment, c.name, c.span.index, c.span.startMs, c.span.endMs, c.leadInMs])).toEqual([
      [0, '3号 真丝缎面衬衫 t10', 0, 2_000, 65_000, 3_000],
      [1, 'a_b_c_ t70', 0, 62_000, 85_000, 3_000],
      // b starts 2 s before the pin: only 2 s of lead-in exist
      [2, '3号 真丝缎面衬衫 t200', 1, 0, 62_000, 2_000],
    ]);
  });

  it('a segment no file holds is reported missing, not cut', () => {
    const { clips, missing } = planClips({
      segments,
      chosen: [2],
      recordings: [recordings[0]],
      catalogue,
      leadInMs: 0,
    });
    expect(clips).toEqual([]);
    expect(missing).toEqual([2]);
  });

  it('file names are safe on every desktop OS', () => {
    expect(safeFileName('a<b>c:"d"/e\\f|g?h*\u0001. ')).toBe('a_b_c__d__e_f_g_h__');
    expect(safeFileName('..')).toBe('_');
  });

  it('chapters are the segments inside one file, titled by link number and title, escaped for ffmetadata', () => {
    const chapters = chaptersOf(recordings[0], segments, catalogue);
    expect(chapters).toEqual([
      { startMs: 5_000, endMs: 65_000, title: '3号 真丝缎面衬衫' },
      { startMs: 65_000, endMs: 85_000, title: 'a/b:c?' },
    ]);
    const meta = ffmetadata([{ startMs: 0, endMs: 1_000, title: 'x=1;#2\\' }]);
    expect(meta).toBe(';FFMETADATA1\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=x\\=1\\;\\#2\\\\\n');
  });
});
