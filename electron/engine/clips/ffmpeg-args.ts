/**
 * ffmpeg command lines for clips, covers and the chaptered copy. Fast clips are stream copies seeked
 * before the input (`-ss` before `-i`: ffmpeg jumps to the keyframe at or before the point through the
 * file's index, reading only the clip's bytes). Exact clips are re-encoded from the exact frame. Each
 * clip and each cover is its own short ffmpeg run: one process with many inputs costs several times the
 * CPU of the same cuts run apart (ffmpeg's per-input threads), so the cutter runs them in a small pool.
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
 * One clip. `audio: 'copy'` keeps the recording's audio as is; 'aac' re-encodes it for containers that
 * refuse it. Fast: the length bounds what is read (stream copy keeps the keyframe before the start).
 * Exact: the length is applied to the decoded output, frame-accurate from the exact start.
 */
export function clipArgs(t: CutTarget, options: { mode: ClipMode; audio: 'copy' | 'aac' }): string[] {
  const fast = options.mode === 'fast';
  const input = fast
    ? ['-ss', sec(t.startMs), '-t', sec(t.durationMs), '-i', t.input]
    : ['-ss', sec(t.startMs), '-i', t.input];
  const video = fast
    ? ['-c:v', 'copy', '-avoid_negative_ts', 'make_zero']
    : ['-t', sec(t.durationMs), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'];
  const audio = fast && options.audio === 'copy' ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '160k'];
  return [...input, '-map', '0:v:0', '-map', '0:a?', ...video, ...audio, '-f', 'mp4', '-y', t.clipTmp];
}

/** The clip's cover: one frame a few seconds into the 讲解, seeked through the index (decodes one GOP at most). */
export function coverArgs(t: CutTarget, leadInMs: number): string[] {
  const at = sec(coverOffsetMs(t, leadInMs));
  return ['-ss', at, '-i', t.input, '-map', '0:v:0', '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', '-y', t.coverTmp];
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
