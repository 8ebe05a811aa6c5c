/**
 * Carries out a clip plan: ffmpeg writes each clip and its cover under a temporary name in the
 * session's folder, and only a complete file is renamed to its final name, so a cancelled job, a
 * killed ffmpeg or a killed engine never leaves half a clip where a user would pick it up.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../../shared/errors';
import type { ClipMode, ClipPlan } from '../../../shared/recordings/clips';
import { probeDurationMs, runFfmpeg } from './ffmpeg';
import { type CutTarget, cutArgs } from './ffmpeg-args';
import { type ClipEntry, writeManifest } from './manifest';
import { mp4DurationMs } from './mp4-duration';

/** Fast clips per ffmpeg process: each clip costs two inputs; ten keeps the process's open files modest. */
const FAST_BATCH = 10;
/** A fast clip may start this much early (PROTOCOL D); beyond it (sparse keyframes) the clip is cut exactly. */
export const FAST_EARLY_LIMIT_MS = 2_000;

/** Temp files of an unfinished job: `.name.<tag>.part.mp4`. */
const PART = /^\..+\.[0-9a-f]{8}\.part\.(mp4|jpg|mkv|txt)$/;

/** Removes temp files a killed engine left in `folder` (no job is running when this is called). */
export function sweepPartFiles(folder: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (PART.test(name)) rmSync(join(folder, name), { force: true });
}

export interface CutInput {
  ffmpeg: string;
  folder: string;
  mode: ClipMode;
  plans: readonly ClipPlan[];
  /** recording index -> file path */
  files: ReadonlyMap<number, string>;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
  /** called as each clip is complete under its final name */
  onClip: (clip: ClipEntry) => void;
}

interface Work {
  plan: ClipPlan;
  target: CutTarget;
  clipPath: string;
  coverPath: string;
}

/** Cuts every planned clip; resolves with the finished clips, rejects (temp files removed) on failure or cancel. */
export async function cutClips(input: CutInput): Promise<ClipEntry[]> {
  const tag = randomBytes(4).toString('hex');
  const works: Work[] = input.plans.map((plan) => ({
    plan,
    clipPath: join(input.folder, `${plan.name}.mp4`),
    coverPath: join(input.folder, `${plan.name}.jpg`),
    target: {
      input: input.files.get(plan.span.index) as string,
      startMs: plan.span.startMs,
      durationMs: plan.span.endMs - plan.span.startMs,
      clipTmp: join(input.folder, `.${plan.name}.${tag}.part.mp4`),
      coverTmp: join(input.folder, `.${plan.name}.${tag}.part.jpg`),
    },
  }));
  const totalMs = works.reduce((sum, w) => sum + w.target.durationMs, 0) || 1;
  let doneMs = 0;
  const done: ClipEntry[] = [];
  const size = input.mode === 'fast' ? FAST_BATCH : 1;
  try {
    for (let i = 0; i < works.length; i += size) {
      const batch = works.slice(i, i + size);
      const batchMs = batch.reduce((sum, w) => sum + w.target.durationMs, 0);
      const longest = Math.max(1, ...batch.map((w) => w.target.durationMs));
      const progress = (outMs: number) =>
        input.onProgress(Math.min(1, (doneMs + Math.min(1, outMs / longest) * batchMs) / totalMs));
      await runBatch(input, batch, input.mode, progress);
      for (const w of batch) {
        let entry = await finish(input, w, input.mode);
        if (input.mode === 'fast' && entry.durationMs - w.target.durationMs > FAST_EARLY_LIMIT_MS + 100) {
          // Keyframes further apart than 2 s (an encoder set to "auto"): this one is re-cut exactly.
          await runBatch(input, [w], 'exact', () => undefined);
          entry = await finish(input, w, 'exact');
        }
        done.push(entry);
        input.onClip(entry);
      }
      doneMs += batchMs;
      input.onProgress(doneMs / totalMs);
    }
    return done;
  } finally {
    for (const w of works) {
      rmSync(w.target.clipTmp, { force: true });
      rmSync(w.target.coverTmp, { force: true });
    }
  }
}

async function runBatch(input: CutInput, batch: Work[], mode: ClipMode, onProgress: (ms: number) => void) {
  const leadInMs = batch.map((w) => w.plan.leadInMs);
  const targets = batch.map((w) => w.target);
  try {
    await runFfmpeg(input.ffmpeg, cutArgs(targets, { mode, audio: 'copy', leadInMs }), {
      signal: input.signal,
      onProgress,
    });
  } catch (error) {
    // MP4 refuses some audio OBS can record (PCM, for one): those clips get AAC audio instead.
    if (!(error instanceof StudioError) || error.code !== 'ffmpeg_failed' || mode === 'exact') throw error;
    await runFfmpeg(input.ffmpeg, cutArgs(targets, { mode, audio: 'aac', leadInMs }), {
      signal: input.signal,
      onProgress,
    });
  }
}

async function finish(input: CutInput, w: Work, mode: ClipMode): Promise<ClipEntry> {
  const durationMs = (await mp4DurationMs(w.target.clipTmp)) ?? (await probeDurationMs(input.ffmpeg, w.target.clipTmp));
  if (durationMs === null) throw new StudioError('ffmpeg_failed', `ffmpeg wrote no readable clip for ${w.plan.name}`);
  renameSync(w.target.coverTmp, w.coverPath);
  renameSync(w.target.clipTmp, w.clipPath);
  const entry: ClipEntry = {
    segment: w.plan.segment,
    productId: w.plan.productId,
    name: w.plan.name,
    path: w.clipPath,
    cover: w.coverPath,
    durationMs,
    sizeBytes: statSync(w.clipPath).size,
    mode,
    leadInMs: w.plan.leadInMs,
    createdAt: Date.now(),
  };
  writeManifest(input.folder, [entry]);
  return entry;
}
