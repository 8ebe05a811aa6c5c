/**
 * ffmpeg command lines for clips, covers and the chaptered copy. Fast clips are stream copies seeked
 * before the input (`-ss` before `-i`: ffmpeg jumps to the keyframe at or before the point through the
 * file's index, reading only the clip's bytes); several clips share one process so a show of 60 讲解
 * costs a handful of process starts, not 120. Exact clips are re-encoded from the exact frame.
 */
import type { ClipMode } from '../../../shared/recordings/clips';

export interface CutTarget {
  /** the recording file */
  input: string;
  /** offset and length in the file, ms */
  startMs: number;
  durationMs: number;
  /** temp paths the clip and its cover are written to (renamed by the caller once complete) */
  clipTmp: string;
  coverTmp: string;
}

const sec = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** A frame worth showing: a few seconds into the 讲解 (the host is holding the product up by then). */
export const coverOffsetMs = (t: CutTarget, leadInMs: number): number =>
  t.startMs + leadInMs + Math.min(3_000, Math.max(0, (t.durationMs - leadInMs) / 2));

/**
 * One ffmpeg run cutting `targets` (fast: all of them; exact: one is usual) with their covers.
 * `audio: 'copy'` keeps the recording's audio as is; 'aac' re-encodes it for containers that refuse it.
 */
export function cutArgs(
  targets: readonly CutTarget[],
  options: { mode: ClipMode; audio: 'copy' | 'aac'; leadInMs: readonly number[] },
): string[] {
  const inputs: string[] = [];
  const outputs: string[] = [];
  targets.forEach((t, k) => {
    // Fast: the length bounds what is read (stream copy keeps the keyframe before the start). Exact: the
    // length is applied to the decoded output, frame-accurate from the exact start.
    if (options.mode === 'fast') inputs.push('-ss', sec(t.startMs), '-t', sec(t.durationMs), '-i', t.input);
    else inputs.push('-ss', sec(t.startMs), '-i', t.input);
    // `-t 1`: without it ffmpeg keeps demuxing the cover's input to the end of a 4-hour file.
    inputs.push('-ss', sec(coverOffsetMs(t, options.leadInMs[k] ?? 0)), '-t', '1', '-i', t.input);
    const clip = 2 * k;
    outputs.push('-map', `${clip}:v:0`, '-map', `${clip}:a?`);
    if (options.mode === 'fast') outputs.push('-c:v', 'copy', '-avoid_negative_ts', 'make_zero');
    else
      outputs.push(
        '-t',
        sec(t.durationMs),
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '20',
        '-pix_fmt',
        'yuv420p',
      );
    if (options.mode === 'fast' && options.audio === 'copy') outputs.push('-c:a', 'copy');
    else outputs.push('-c:a', 'aac', '-b:a', '160k');
    outputs.push('-f', 'mp4', '-y', t.clipTmp);
    outputs.push('-map', `${clip + 1}:v:0`, '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', '-y', t.coverTmp);
  });
  return [...inputs, ...outputs];
}

/**
 * A copy of a recording with chapters from an ffmetadata file, every stream copied (no re-encode).
 * Matroska holds whatever OBS recorded (mkv, mp4, mov, flv, ts sources alike) and every common player
 * shows its chapters.
 */
export function chaptersArgs(input: string, metadataFile: string, outTmp: string): string[] {
  return [
    '-i',
    input,
    '-f',
    'ffmetadata',
    '-i',
    metadataFile,
    '-map',
    '0:v?',
    '-map',
    '0:a?',
    '-map_metadata',
    '0',
    '-map_chapters',
    '1',
    '-c',
    'copy',
    '-f',
    'matroska',
    '-y',
    outTmp,
  ];
}
