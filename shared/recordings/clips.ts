/**
 * What to cut, as plain functions: which pin segments a clip request names, the file span each clip
 * comes from (with its lead-in), the clip's file name (link number, title, time), and the chapters
 * of one recording as an ffmetadata file. No I/O: the engine's clip jobs carry these plans out.
 */
import { StudioError } from '../errors';
import { type FileSpan, overlapMs, type Recording, spanIn } from './timeline';

/** A pin segment as the recap reports it (shared/metrics Segment, the fields used here). */
export interface PinSpan {
  productId: string;
  start: number;
  end: number;
}

export interface ProductName {
  productId: string;
  title: string;
  linkNo: number | null;
}

export type ClipMode = 'fast' | 'exact';

/** The recap's default choice: every 讲解 longer than this gets a clip. */
export const DEFAULT_MIN_CLIP_MS = 30_000;

/** Indexes of the segments longer than `minMs` (the recap's preselection). */
export function defaultSelection(segments: readonly PinSpan[], minMs = DEFAULT_MIN_CLIP_MS): number[] {
  return segments.flatMap((s, i) => (s.end - s.start > minMs ? [i] : []));
}

/** The segment indexes a request names: "all", or a list checked against the session's segments. */
export function selectSegments(segments: readonly PinSpan[], choice: 'all' | readonly number[]): number[] {
  if (choice === 'all') return segments.map((_, i) => i);
  const seen = new Set<number>();
  choice.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= segments.length) {
      throw new StudioError(
        'unknown_segment',
        `The session has ${segments.length} pin segments; there is no segment ${i}`,
        { path: `segments[${k}]` },
      );
    }
    seen.add(i);
  });
  return [...seen].sort((a, b) => a - b);
}

/** `3号 真丝缎面衬衫` (the chapter title; a product without link number is its title alone). */
export function segmentTitle(productId: string, catalogue: readonly ProductName[]): string {
  const p = catalogue.find((c) => c.productId === productId);
  if (!p) return productId;
  return p.linkNo === null ? p.title : `${p.linkNo}号 ${p.title}`;
}

/** Characters no file system of Windows, macOS or Linux accepts in a name, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** A name every desktop OS accepts: unsafe characters replaced, no trailing dot or space, at most 80 characters. */
export function safeFileName(name: string): string {
  const cleaned = [...name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()].slice(0, 80).join('');
  const trimmed = cleaned.replace(/[. ]+$/, '');
  return trimmed === '' || /^\.+$/.test(trimmed) ? '_' : trimmed;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local wall-clock time `20.31.05` (dots: a colon is not allowed in Windows file names). */
export const clockName = (at: number): string => {
  const d = new Date(at);
  return `${pad(d.getHours())}.${pad(d.getMinutes())}.${pad(d.getSeconds())}`;
};

export interface ClipPlan {
  segment: number;
  productId: string;
  /** File name without extension: `3号 真丝缎面衬衫 20.31.05` */
  name: string;
  /** Where in which file: starts `leadInMs` before the pin (less when the file starts later). */
  span: FileSpan;
  /** The lead-in actually given (the file may start after pin - leadIn). */
  leadInMs: number;
}

/**
 * One plan per chosen segment that a recording holds; segments no file holds are returned apart
 * (`missing`) so the caller can say so instead of cutting nothing silently.
 */
export function planClips(input: {
  segments: readonly PinSpan[];
  chosen: readonly number[];
  recordings: readonly Recording[];
  catalogue: readonly ProductName[];
  leadInMs: number;
  now?: number;
  clock?: (at: number) => string;
}): { clips: ClipPlan[]; missing: number[] } {
  const clock = input.clock ?? clockName;
  const clips: ClipPlan[] = [];
  const missing: number[] = [];
  const used = new Set<string>();
  for (const i of input.chosen) {
    const s = input.segments[i];
    const pinSpan = spanIn(input.recordings, s.start, s.end, input.now);
    if (!pinSpan) {
      missing.push(i);
      continue;
    }
    // The lead-in comes from the same file as the segment, and only as far back as that file goes.
    const file = input.recordings.find((r) => r.index === pinSpan.index) as Recording;
    const leadInMs = Math.min(
      input.leadInMs,
      overlapMs(file, s.start - input.leadInMs, s.start, input.now),
      pinSpan.startMs,
    );
    let name = safeFileName(`${segmentTitle(s.productId, input.catalogue)} ${clock(s.start)}`);
    for (let k = 2; used.has(name); k++)
      name = safeFileName(`${segmentTitle(s.productId, input.catalogue)} ${clock(s.start)} (${k})`);
    used.add(name);
    clips.push({
      segment: i,
      productId: s.productId,
      name,
      span: { ...pinSpan, startMs: pinSpan.startMs - leadInMs },
      leadInMs,
    });
  }
  return { clips, missing };
}

export interface Chapter {
  startMs: number;
  endMs: number;
  title: string;
}

/** The pin segments inside one recording file as chapters (file offsets), in order. */
export function chaptersOf(
  recording: Recording,
  segments: readonly PinSpan[],
  catalogue: readonly ProductName[],
  now = Date.now(),
): Chapter[] {
  const chapters: Chapter[] = [];
  for (const s of segments) {
    const span = spanIn([recording], s.start, s.end, now);
    if (!span || span.endMs <= span.startMs) continue;
    chapters.push({ startMs: span.startMs, endMs: span.endMs, title: segmentTitle(s.productId, catalogue) });
  }
  return chapters.sort((a, b) => a.startMs - b.startMs);
}

/** ffmetadata escapes `=`, `;`, `#`, `\` and line breaks with a backslash. */
const escapeMeta = (text: string) => text.replace(/[=;#\\\n]/g, (c) => `\\${c}`);

/** The ffmetadata file ffmpeg reads chapters from (`-i chapters.txt -map_chapters 1`). */
export function ffmetadata(chapters: readonly Chapter[], title?: string): string {
  const lines = [';FFMETADATA1'];
  if (title) lines.push(`title=${escapeMeta(title)}`);
  for (const c of chapters) {
    lines.push('', '[CHAPTER]', 'TIMEBASE=1/1000', `START=${Math.round(c.startMs)}`, `END=${Math.round(c.endMs)}`);
    lines.push(`title=${escapeMeta(c.title)}`);
  }
  return `${lines.join('\n')}\n`;
}
