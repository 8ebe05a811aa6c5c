/**
 * The clip cutter's pool with the bundled ffmpeg on a real (synthetic) recording: every clip comes back
 * in plan order with its cover whatever order the workers finish in, progress only grows and ends at 1,
 * and one failing clip fails the job with its own error (not the cancellations it causes) and leaves no
 * temp file behind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { type ClipPlan, planClips } from '../../../shared/recordings/clips';
import { cutClips } from './cut-clips';
import { bundledFfmpeg } from './ffmpeg';

const ffmpeg = bundledFfmpeg() ?? 'ffmpeg';
const t0 = 1_764_064_800_000;
let dir = '';
let recording = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-cut-clips-'));
  recording = join(dir, 'show.mkv');
  // biome-ignore format: one ffmpeg command line
  execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '60', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-c:a', 'aac', '-y', recording]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plans(count: number): ClipPlan[] {
  const segments = Array.from({ length: count }, (_, i) => ({
    productId: `p${i + 1}`,
    start: t0 + (i * 60_000) / count + 2_000,
    end: t0 + ((i + 1) * 60_000) / count,
  }));
  const catalogue = segments.map((s, i) => ({ productId: s.productId, title: `商品 ${i + 1}`, linkNo: i + 1 }));
  const rec = { index: 0, path: recording, startedAt: t0, endedAt: t0 + 60_000, pauses: [] };
  return planClips({ segments, chosen: segments.map((_, i) => i), recordings: [rec], catalogue, leadInMs: 1_000 })
    .clips;
}

describe('cutClips', () => {
  it('returns every clip in plan order with a cover, progress growing to 1', async () => {
    const folder = mkdtempSync(join(dir, 'ok-'));
    const planned = plans(6);
    const fractions: number[] = [];
    const announced: string[] = [];
    const done = await cutClips({
      ffmpeg,
      folder,
      mode: 'fast',
      plans: planned,
      files: new Map([[0, recording]]),
      signal: new AbortController().signal,
      onProgress: (f) => fractions.push(f),
      onClip: (c) => announced.push(c.name),
    });
    expect(done.map((c) => c.name)).toEqual(planned.map((p) => p.name));
    expect([...announced].sort()).toEqual(planned.map((p) => p.name).sort());
    for (const clip of done) {
      expect(existsSync(clip.path) && existsSync(clip.cover)).toBe(true);
      const planMs = (planned[clip.segment]?.span.endMs ?? 0) - (planned[clip.segment]?.span.startMs ?? 0);
      expect(Math.abs(clip.durationMs - planMs)).toBeLessThanOrEqual(2_100);
    }
    expect(fractions.at(-1)).toBe(1);
    expect(readdirSync(folder).filter((n) => n.includes('.part.'))).toEqual([]);
  });

  it('fails with the failing clip’s own error and leaves no temp file', async () => {
    const folder = mkdtempSync(join(dir, 'bad-'));
    const planned = plans(6).map((p, i) => (i === 3 ? { ...p, span: { ...p.span, index: 1 } } : p));
    const files = new Map([
      [0, recording],
      [1, join(dir, 'gone.mkv')],
    ]);
    const error = await cutClips({
      ffmpeg,
      folder,
      mode: 'fast',
      plans: planned,
      files,
      signal: new AbortController().signal,
      onProgress: () => undefined,
      onClip: () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('ffmpeg_failed');
    expect(readdirSync(folder).filter((n) => n.includes('.part.'))).toEqual([]);
  });
});
