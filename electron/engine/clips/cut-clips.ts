/**
 * Carries out a clip plan: ffmpeg writes each clip and its cover under a temporary name in the
 * session's folder, and only a complete file is renamed to its final name, so a cancelled job, a
 * killed ffmpeg or a killed engine never leaves half a clip where a user would pick it up.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { StudioError } from '../../../shared/errors';
import type { ClipMode, ClipPlan } from '../../../shared/recordings/clips';
import { CancelledError, probeDurationMs, runFfmpeg } from './ffmpeg';
import { type CutTarget, clipArgs, coverArgs } from './ffmpeg-args';
import { type ClipEntry, writeManifest } from './manifest';
import { mp4DurationMs } from './mp4-duration';

/** A fast clip may start this much early (PROTOCOL D); beyond it (sparse keyframes) the clip is cut exactly. */
export const FAST_EARLY_LIMIT_MS = 2_000;

/**
 * ffmpeg runs at once for fast clips: stream copies are mostly I/O and process start, so two per core
 * overlap well; capped so a 16-core machine does not open 32 readers on one disk. Exact clips re-encode
 * with all cores already, one at a time.
 */
const fastWorkers = (): number => Math.min(4, Math.max(1, availableParallelism()));

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
  // One failure stops the others: their ffmpeg runs are aborted through this signal.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  input.signal.addEventListener('abort', onAbort, { once: true });
  const reached = new Map<Work, number>();
  const report = () => {
    let ms = 0;
    for (const [w, outMs] of reached) ms += Math.min(w.target.durationMs, outMs);
    input.onProgress(Math.min(1, ms / totalMs));
  };
  const done = new Map<Work, ClipEntry>();
  const cutOne = async (w: Work) => {
    const progress = (outMs: number) => {
      reached.set(w, outMs);
      report();
    };
    await runClip(input.ffmpeg, w, input.mode, stop.signal, progress);
    let entry = await finish(input, w, input.mode);
    if (input.mode === 'fast' && entry.durationMs - w.target.durationMs > FAST_EARLY_LIMIT_MS + 100) {
      // Keyframes further apart than 2 s (an encoder set to "auto"): this one is re-cut exactly.
      await runClip(input.ffmpeg, w, 'exact', stop.signal, () => undefined);
      entry = await finish(input, w, 'exact');
    }
    reached.set(w, w.target.durationMs);
    report();
    done.set(w, entry);
    input.onClip(entry);
  };
  let next = 0;
  const worker = async () => {
    try {
      while (next < works.length && !stop.signal.aborted) await cutOne(works[next++] as Work);
    } catch (error) {
      stop.abort();
      throw error;
    }
  };
  try {
    const settled = await Promise.allSettled(
      Array.from({ length: input.mode === 'fast' ? fastWorkers() : 1 }, () => worker()),
    );
    // The first real failure, not the cancellations it caused in the other workers.
    const reasons = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    const cause = reasons.find((r) => !(r instanceof CancelledError)) ?? reasons[0];
    if (cause !== undefined) throw cause;
    if (input.signal.aborted) throw new CancelledError();
    return works.map((w) => done.get(w) as ClipEntry);
  } finally {
    input.signal.removeEventListener('abort', onAbort);
    for (const w of works) {
      rmSync(w.target.clipTmp, { force: true });
      rmSync(w.target.coverTmp, { force: true });
    }
  }
}

/** One clip, then its cover. MP4 refuses some audio OBS can record (PCM, for one): those clips get AAC. */
async function runClip(bin: string, w: Work, mode: ClipMode, signal: AbortSignal, onProgress: (ms: number) => void) {
  try {
    await runFfmpeg(bin, clipArgs(w.target, { mode, audio: 'copy' }), { signal, onProgress });
  } catch (error) {
    if (!(error instanceof StudioError) || error.code !== 'ffmpeg_failed' || mode === 'exact') throw error;
    await runFfmpeg(bin, clipArgs(w.target, { mode, audio: 'aac' }), { signal, onProgress });
  }
  await runFfmpeg(bin, coverArgs(w.target, w.plan.leadInMs), { signal });
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
