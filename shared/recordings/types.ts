/**
 * Bodies of the recordings and clips API (PROTOCOL D "Recordings and clips"), shared by the engine
 * and the recap. PROTOCOL's fields come first in each; the rest is what the recap's player shows.
 */
import type { ClipMode } from './clips';
import type { Recording } from './timeline';

/** One entry of `GET /sessions/{id}/recordings`. */
export interface RecordingBody {
  path: string | null;
  startedAt: number;
  endedAt: number | null;
  exists: boolean;
  index: number;
  pauses: Recording['pauses'];
  sizeBytes: number | null;
  /** signed, short-lived link for a video element (engine-relative); null when the file is missing */
  url: string | null;
}

/** A clip the studio cut, as listed in the session folder's clips.json. */
export interface ClipEntry {
  segment: number;
  productId: string;
  name: string;
  path: string;
  cover: string;
  durationMs: number;
  sizeBytes: number;
  mode: ClipMode;
  leadInMs: number;
  createdAt: number;
}

export interface ChapteredCopy {
  recording: number;
  path: string;
  chapters: number;
}

export type JobState = 'running' | 'done' | 'failed';
export type JobKind = 'clips' | 'chapters';

/** `GET /jobs/{id}` (PROTOCOL D), plus kind, session, folder, and each clip's name, cover, size and mode. */
export interface JobBody {
  id: string;
  kind: JobKind;
  sessionId: string;
  state: JobState;
  progress: number;
  clips: (Pick<ClipEntry, 'segment' | 'productId' | 'path' | 'durationMs'> &
    Pick<ClipEntry, 'name' | 'cover' | 'sizeBytes' | 'mode'>)[];
  /** segments no recording holds (skipped) */
  skipped: number[];
  chapters: ChapteredCopy[];
  folder: string;
  error?: { code: string; message: string };
}

/** `GET /sessions/{id}/clips`: the session's clip folder, its clips (with signed links) and its jobs. */
export interface SessionClipsBody {
  folder: string | null;
  clips: (ClipEntry & { url: string; coverUrl: string })[];
  jobs: JobBody[];
}
