/**
 * The show on tape (PROTOCOL D "Recordings and clips"): a session's recordings, signed links the recap's
 * player opens, clip and chapter jobs, the session's clip list and its folder. The routes are declared in
 * shared/contract/recordings.ts and served from `routeHandlers`; the handler logic lives in plain functions
 * so seat commands can share it. The signed media links are the one page outside the model (see there).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ClipRequest, RecordingSettings, RouteHandlers, recordingsRoutes } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import {
  type ClipMode,
  chaptersOf,
  type ProductName,
  planClips,
  safeFileName,
  selectSegments,
} from '../../../shared/recordings/clips';
import type { Recording } from '../../../shared/recordings/timeline';
import type { JobBody, RecordingBody, SessionClipsBody } from '../../../shared/recordings/types';
import { cutClips, sweepPartFiles } from '../clips/cut-clips';
import { resolveFfmpeg } from '../clips/ffmpeg';
import { JobQueue } from '../clips/jobs';
import { listClips } from '../clips/manifest';
import { writeChapters } from '../clips/write-chapters';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log';
import { createMediaLinks, type MediaKind, type MediaLinks } from './media-links';

type RecordingsRouteHandlers = Pick<RouteHandlers, keyof typeof recordingsRoutes>;

const pad = (n: number) => String(n).padStart(2, '0');
const folderDate = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}${pad(d.getMinutes())}`;
};

const fileSize = (path: string | null): number | null => {
  if (!path) return null;
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
};

export interface RecordingsServiceOptions {
  ledger: Ledger;
  logger: Logger;
  settings: () => RecordingSettings;
  links?: MediaLinks;
  now?: () => number;
  /** Opens a folder in the OS file manager (default: xdg-open / open / explorer). */
  openFolder?: (folder: string) => void;
}

export function createRecordingsService(options: RecordingsServiceOptions) {
  const { ledger, logger } = options;
  const now = options.now ?? Date.now;
  const links = options.links ?? createMediaLinks();
  const jobs = new JobQueue(logger);

  function recordingsOf(sessionId: string): Recording[] {
    const s = ledger.getSession(sessionId);
    return ledger.recordings
      .overlapping(s.startedAt, s.endedAt)
      .map(({ path, startedAt, endedAt, pauses }, index) => ({ index, path, startedAt, endedAt, pauses }));
  }

  function listRecordings(sessionId: string): RecordingBody[] {
    return recordingsOf(sessionId).map((r) => {
      const sizeBytes = fileSize(r.path);
      return {
        path: r.path,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        exists: sizeBytes !== null,
        index: r.index,
        pauses: r.pauses,
        sizeBytes,
        url: sizeBytes === null ? null : links.url('recording', sessionId, r.index),
      };
    });
  }

  /** The session's clip folder: `<clips folder or the first recording's folder>/<date time title>`. */
  function folderOf(sessionId: string, recordings = recordingsOf(sessionId)): string | null {
    const s = ledger.getSession(sessionId);
    const first = recordings.find((r) => r.path !== null)?.path;
    const root = options.settings().clipsFolder ?? (first ? dirname(first) : null);
    return root ? join(root, safeFileName(`${folderDate(s.startedAt)} ${s.title}`)) : null;
  }

  function catalogue(): ProductName[] {
    return ledger.listProducts().map((p) => ({ productId: p.productId, title: p.title, linkNo: p.linkNo }));
  }

  function readyFolder(sessionId: string, recordings: Recording[]): string {
    const folder = folderOf(sessionId, recordings);
    if (!folder || recordings.length === 0)
      throw new StudioError('no_recording', 'OBS recorded nothing during this session', { status: 409 });
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  /** Starts cutting the chosen pin segments (validated against `clipRequestSchema` by the router). */
  function startClips(sessionId: string, request: ClipRequest): JobBody {
    const { segments: choice, mode, leadInMs } = request;
    const recordings = recordingsOf(sessionId);
    const segments = ledger.stats(sessionId, now()).segments;
    const chosen = selectSegments(segments, choice);
    if (chosen.length === 0) throw new StudioError('no_segments', 'The session has no pin segments', { status: 409 });
    const plan = planClips({ segments, chosen, recordings, catalogue: catalogue(), leadInMs, now: now() });
    if (choice !== 'all' && plan.missing.length > 0) {
      const k = choice.indexOf(plan.missing[0]);
      throw new StudioError('not_recorded', `No recording holds pin segment ${plan.missing[0]}`, {
        status: 409,
        path: `segments[${k}]`,
      });
    }
    if (plan.clips.length === 0)
      throw new StudioError('not_recorded', 'No recording holds any of these pin segments', { status: 409 });
    const files = new Map<number, string>();
    for (const c of plan.clips) {
      const r = recordings[c.span.index];
      if (fileSize(r.path) === null) {
        throw new StudioError(
          'recording_missing',
          `The recording ${r.path ?? '(not named by OBS)'} is missing (moved or deleted): it cannot be cut`,
          { status: 409, path: `recordings[${r.index}]` },
        );
      }
      files.set(r.index, r.path as string);
    }
    const folder = readyFolder(sessionId, recordings);
    const ffmpeg = resolveFfmpeg(options.settings().ffmpeg).path;
    return jobs.add({ kind: 'clips', sessionId, folder, skipped: plan.missing }, async (ctx) => {
      sweepPartFiles(folder);
      await cutClips({
        ffmpeg,
        folder,
        mode: mode as ClipMode,
        plans: plan.clips,
        files,
        signal: ctx.signal,
        onProgress: ctx.progress,
        onClip: ctx.clip,
      });
    });
  }

  function startChapters(sessionId: string): JobBody {
    const recordings = recordingsOf(sessionId);
    const s = ledger.getSession(sessionId);
    const segments = ledger.stats(sessionId, now()).segments;
    const names = catalogue();
    const present = recordings.filter((r) => fileSize(r.path) !== null);
    if (recordings.length > 0 && present.length === 0)
      throw new StudioError('recording_missing', 'Every recording of this session is missing (moved or deleted)', {
        status: 409,
      });
    const work = present
      .map((r) => ({ r, chapters: chaptersOf(r, segments, names, now()) }))
      .filter((w) => w.chapters.length > 0);
    const folder = readyFolder(sessionId, recordings);
    if (work.length === 0)
      throw new StudioError('no_segments', 'No recording holds any pin segment of this session', { status: 409 });
    const ffmpeg = resolveFfmpeg(options.settings().ffmpeg).path;
    return jobs.add({ kind: 'chapters', sessionId, folder }, async (ctx) => {
      sweepPartFiles(folder);
      for (const [k, w] of work.entries()) {
        const copy = await writeChapters({
          ffmpeg,
          folder,
          recording: { index: w.r.index, path: w.r.path as string },
          chapters: w.chapters,
          title: s.title,
          signal: ctx.signal,
          onProgress: (f) => ctx.progress((k + f) / work.length),
        });
        ctx.chaptered(copy);
      }
    });
  }

  function sessionClips(sessionId: string): SessionClipsBody {
    const folder = folderOf(sessionId);
    const clips = folder ? listClips(folder) : [];
    return {
      folder,
      clips: clips.map((c, n) => ({
        ...c,
        url: links.url('clip', sessionId, n),
        coverUrl: links.url('cover', sessionId, n),
      })),
      jobs: jobs.forSession(sessionId),
    };
  }

  /** The registered file behind a signed link; anything else is 404. */
  function mediaFile(kind: MediaKind, sessionId: string, n: number): string {
    const missing = () => new StudioError('not_found', 'No such file in this session', { status: 404 });
    if (kind === 'recording') {
      const path = recordingsOf(sessionId)[n]?.path;
      if (!path) throw missing();
      return path;
    }
    const folder = folderOf(sessionId);
    const clip = folder ? listClips(folder)[n] : undefined;
    if (!clip) throw missing();
    return kind === 'clip' ? clip.path : clip.cover;
  }

  const openFolder =
    options.openFolder ??
    ((folder: string) => {
      const [cmd, args] =
        process.platform === 'win32'
          ? ['explorer', [folder]]
          : process.platform === 'darwin'
            ? ['open', [folder]]
            : ['xdg-open', [folder]];
      const child = spawn(cmd as string, args as string[], { detached: true, stdio: 'ignore' });
      child.on('error', (error) => logger.warn({ err: error }, 'could not open the clip folder'));
      child.unref();
    });

  function openClipFolder(sessionId: string): { folder: string } {
    const folder = folderOf(sessionId);
    if (!folder) throw new StudioError('no_recording', 'OBS recorded nothing during this session', { status: 409 });
    mkdirSync(folder, { recursive: true });
    openFolder(folder);
    return { folder };
  }

  /** The handlers of shared/contract/recordings.ts's routes. */
  const routeHandlers: RecordingsRouteHandlers = {
    'GET /sessions/:id/recordings': ({ params }) => ({ recordings: listRecordings(params.id) }),
    'POST /sessions/:id/clips': ({ params, body }) => ({ job: startClips(params.id, body).id }),
    'GET /sessions/:id/clips': ({ params }) => sessionClips(params.id),
    'POST /sessions/:id/chapters': ({ params }) => ({ job: startChapters(params.id).id }),
    'POST /sessions/:id/clips/open-folder': ({ params }) => openClipFolder(params.id),
    'GET /jobs/:id': ({ params }) => jobs.get(params.id),
    'DELETE /jobs/:id': ({ params }) => jobs.cancel(params.id),
  };

  return {
    routeHandlers,
    page: links.handler(mediaFile),
    listRecordings,
    startClips,
    startChapters,
    sessionClips,
    jobs,
    close: () => jobs.close(),
  };
}

export type RecordingsService = ReturnType<typeof createRecordingsService>;
