/**
 * Recordings on the studio clock, as plain functions: which file holds a moment of the show and at
 * what offset, taking paused spans into account (a paused recording writes nothing, so the file's
 * timeline skips them). Used by the engine (clips, chapters) and the recap's player alike.
 */

/** One OBS recording file as the ledger knows it. Times are the studio clock (epoch ms). */
export interface Recording {
  /** Position in the session's list (0-based, oldest first): the id the file route takes. */
  index: number;
  /** Absolute path OBS reported; null while OBS has not named the file yet. */
  path: string | null;
  startedAt: number;
  /** null while OBS is still recording. */
  endedAt: number | null;
  /** Paused spans [from, to]; `to` null while paused. */
  pauses: readonly (readonly [number, number | null])[];
}

/** A file and a position inside it. */
export interface FilePosition {
  index: number;
  offsetMs: number;
}

const endOf = (r: Recording, now: number): number => r.endedAt ?? now;

/** Milliseconds of `r`'s file written between its start and `at` (paused time excluded). */
function writtenBefore(r: Recording, at: number): number {
  let paused = 0;
  for (const [from, to] of r.pauses) {
    if (from >= at) continue;
    paused += Math.min(to ?? at, at) - from;
  }
  return Math.max(0, at - r.startedAt - paused);
}

const pausedAt = (r: Recording, at: number): boolean =>
  r.pauses.some(([from, to]) => at >= from && (to === null || at < to));

/** Where the moment `at` is in `r`'s file, or null when the file does not hold it (before, after, paused). */
export function offsetIn(r: Recording, at: number, now = Date.now()): number | null {
  if (at < r.startedAt || at > endOf(r, now) || pausedAt(r, at)) return null;
  return writtenBefore(r, at);
}

/** The file and offset holding `at`; the newest file wins where two overlap (OBS never overlaps itself). */
export function locate(recordings: readonly Recording[], at: number, now = Date.now()): FilePosition | null {
  for (let i = recordings.length - 1; i >= 0; i--) {
    const offsetMs = offsetIn(recordings[i], at, now);
    if (offsetMs !== null) return { index: recordings[i].index, offsetMs };
  }
  return null;
}

/** The studio-clock moment at `offsetMs` into `r`'s file (the inverse of offsetIn). */
export function clockAt(r: Recording, offsetMs: number): number {
  let at = r.startedAt + offsetMs;
  // Each pause that begins before the moment reached so far pushes it later by the pause's length.
  for (const [from, to] of [...r.pauses].sort((a, b) => a[0] - b[0])) {
    if (from > at) break;
    at += (to ?? Number.POSITIVE_INFINITY) - from;
  }
  return at;
}

/** Length of the written part of [from, to) in `r`'s file. */
export function overlapMs(r: Recording, from: number, to: number, now = Date.now()): number {
  const a = Math.max(from, r.startedAt);
  const b = Math.min(to, endOf(r, now));
  if (b <= a) return 0;
  return writtenBefore(r, b) - writtenBefore(r, a);
}

/** A span of one file: where a clip or chapter is cut from. */
export interface FileSpan {
  index: number;
  startMs: number;
  endMs: number;
  /** True when the span had to be trimmed: part of [from, to) lies outside this file. */
  trimmed: boolean;
}

/**
 * The file span covering the studio-clock span [from, to). A span across two files (OBS stopped and
 * restarted in the middle) is cut from the file that holds most of it, trimmed to that file: a clip
 * joined across a gap in the recording would show a jump the viewer cannot explain.
 */
export function spanIn(recordings: readonly Recording[], from: number, to: number, now = Date.now()): FileSpan | null {
  let best: { r: Recording; ms: number } | null = null;
  for (const r of recordings) {
    const ms = overlapMs(r, from, to, now);
    if (ms > 0 && (!best || ms > best.ms)) best = { r, ms };
  }
  if (!best) return null;
  const r = best.r;
  const a = Math.max(from, r.startedAt);
  const startMs = writtenBefore(r, a);
  return { index: r.index, startMs, endMs: startMs + best.ms, trimmed: best.ms < to - from };
}
