/**
 * The chaptered copy of a recording: the pin segments as chapters (`3号 真丝缎面衬衫`), every stream
 * copied. Written under a temporary name and renamed when complete, like the clips.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type Chapter, ffmetadata } from '../../../shared/recordings/clips';
import type { ChapteredCopy } from '../../../shared/recordings/types';
import { probeDurationMs, runFfmpeg } from './ffmpeg';
import { chaptersArgs } from './ffmpeg-args';

/** `2026-12-05 20-00-00 章节.mkv` beside the clips. */
export const chapteredName = (recordingPath: string): string =>
  `${basename(recordingPath, extname(recordingPath))} 章节.mkv`;

export async function writeChapters(input: {
  ffmpeg: string;
  folder: string;
  recording: { index: number; path: string };
  chapters: readonly Chapter[];
  title: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}): Promise<ChapteredCopy> {
  const tag = randomBytes(4).toString('hex');
  const name = chapteredName(input.recording.path);
  const out = join(input.folder, name);
  const tmp = join(input.folder, `.${basename(name, '.mkv')}.${tag}.part.mkv`);
  const meta = join(input.folder, `.chapters.${tag}.part.txt`);
  try {
    writeFileSync(meta, ffmetadata(input.chapters, input.title));
    const totalMs = (await probeDurationMs(input.ffmpeg, input.recording.path)) ?? 0;
    await runFfmpeg(input.ffmpeg, chaptersArgs(input.recording.path, meta, tmp), {
      signal: input.signal,
      onProgress: (ms) => totalMs > 0 && input.onProgress(Math.min(1, ms / totalMs)),
    });
    renameSync(tmp, out);
    return { recording: input.recording.index, path: out, chapters: input.chapters.length };
  } finally {
    rmSync(tmp, { force: true });
    rmSync(meta, { force: true });
  }
}
