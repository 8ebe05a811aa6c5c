/**
 * Clip benchmark (issue 19): cutting every 讲解 of a 4-hour recording (60 pin segments, fast mode, with
 * covers, through the engine's own cutClips) against one ffmpeg stream copy of the whole file, the
 * physical limit (reading the file once). Aim: ratio <= 1.5. The recording is synthetic (ffmpeg's test
 * picture and tone at a low bitrate, keyframe every 2 s as live platforms ask), made at bench time in a
 * temp dir: a 2-minute piece encoded once, then joined 120 times by stream copy.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cutClips } from '../electron/engine/clips/cut-clips';
import { bundledFfmpeg, runFfmpeg } from '../electron/engine/clips/ffmpeg';
import { planClips } from '../shared/recordings/clips';
import type { Recording } from '../shared/recordings/timeline';
import { type BenchResult, median } from './types';

const MIN = 60_000;

export default async function clipsBench({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const ffmpeg = bundledFfmpeg() ?? 'ffmpeg';
  const dir = mkdtempSync(join(tmpdir(), 'maishou-clips-bench-'));
  try {
    const hours = quick ? 0.5 : 4;
    const pieceMin = 2;
    const pieces = Math.round((hours * 60) / pieceMin);
    const piece = join(dir, 'piece.mkv');
    const recording = join(dir, 'show.mkv');
    // biome-ignore format: one ffmpeg command line
    execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(pieceMin * 60), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-b:v', '80k', '-c:a', 'aac', '-b:a', '32k', '-y', piece]);
    writeFileSync(join(dir, 'list.txt'), `${Array.from({ length: pieces }, () => `file '${piece}'`).join('\n')}\n`);
    // biome-ignore format: one ffmpeg command line
    execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', join(dir, 'list.txt'), '-c', 'copy', '-y', recording]);
    const bytes = statSync(recording).size;

    // 60 讲解 (4 h) back to back: 3.5 minutes pinned, half a minute between pins
    const t0 = 1_764_064_800_000;
    const count = quick ? 8 : 60;
    const slot = (hours * 60 * MIN) / count;
    const segments = Array.from({ length: count }, (_, i) => ({
      productId: `p${(i % 12) + 1}`,
      start: t0 + i * slot + 0.5 * MIN,
      end: t0 + (i + 1) * slot,
    }));
    const catalogue = Array.from({ length: 12 }, (_, i) => ({
      productId: `p${i + 1}`,
      title: `商品 ${i + 1}`,
      linkNo: i + 1,
    }));
    const rec: Recording = { index: 0, path: recording, startedAt: t0, endedAt: t0 + hours * 3_600_000, pauses: [] };
    const { clips } = planClips({
      segments,
      chosen: segments.map((_, i) => i),
      recordings: [rec],
      catalogue,
      leadInMs: 3_000,
    });
    const clippedMin = clips.reduce((s, c) => s + c.span.endMs - c.span.startMs, 0) / MIN;

    const copyOnce = async () => {
      const started = performance.now();
      await runFfmpeg(ffmpeg, [
        '-i',
        recording,
        '-map',
        '0',
        '-c',
        'copy',
        '-f',
        'matroska',
        '-y',
        join(dir, 'copy.mkv'),
      ]);
      const ms = performance.now() - started;
      rmSync(join(dir, 'copy.mkv'), { force: true });
      return ms;
    };
    const cutOnce = async (k: number) => {
      const folder = join(dir, `clips-${k}`);
      mkdirSync(folder);
      const started = performance.now();
      const done = await cutClips({
        ffmpeg,
        folder,
        mode: 'fast',
        plans: clips,
        files: new Map([[0, recording]]),
        signal: new AbortController().signal,
        onProgress: () => undefined,
        onClip: () => undefined,
      });
      const ms = performance.now() - started;
      if (done.length !== clips.length) throw new Error(`cut ${done.length} of ${clips.length} clips`);
      rmSync(folder, { recursive: true, force: true });
      return ms;
    };
    // Interleaved, so both see the same machine load; the page cache is warm for both after the first.
    await copyOnce();
    const copies: number[] = [];
    const cuts: number[] = [];
    for (let k = 0; k < (quick ? 1 : 3); k++) {
      copies.push(await copyOnce());
      cuts.push(await cutOnce(k));
    }
    return [
      {
        name: `fast clips of every 讲解, ${count} segments of a ${hours} h recording (with covers)`,
        value: median(cuts),
        baseline: median(copies),
        unit: 'ms',
        better: 'lower',
        baselineName: 'one ffmpeg stream copy of the whole file',
        context: {
          fileMB: Math.round(bytes / 1e6),
          clippedMinutes: Math.round(clippedMin),
          cutMsRuns: cuts.map((c) => Math.round(c)).join('/'),
          copyMsRuns: copies.map((c) => Math.round(c)).join('/'),
          ffmpeg: ffmpeg === 'ffmpeg' ? 'system' : 'bundled',
        },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
