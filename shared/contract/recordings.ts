/**
 * The show on tape (PROTOCOL D "Recordings and clips", issue 19): a session's recordings, clip and chapter
 * jobs, the session's clip list and its folder. Reading is open to the host, the assistant and viewers;
 * cutting, chaptering, opening the folder and cancelling a job are the host's. The prompter reads the show,
 * not its tape, so it is not among the readers. The renderer's tape client builds its URLs from these keys.
 *
 * The one exception to the model: the files themselves (`GET|HEAD /media/<recording|clip|cover>/<session>/<n>
 * ?exp=&sig=`, electron/engine/recordings/media-links.ts). A video element cannot send an Authorization
 * header, so those links are signed instead of role-checked, live outside /api/v1, and stream the file with
 * HTTP Range (206 partial content, HEAD, 416) rather than answer one JSON value or FileReply: the API routes
 * below hand them out (`url`, `coverUrl`), a page handler of the HTTP server serves them.
 */
import { z } from 'zod';
import type { JobBody, RecordingBody, SessionClipsBody } from '../recordings/types';
import { HOST_ONLY, type Role, route } from './define';

/** Who may read a session's tape: every seat role but the prompter. */
export const TAPE_READERS: readonly Role[] = ['host', 'assistant', 'viewer'];

/** `POST /sessions/{id}/clips`: which pin segments, how to cut, and the lead-in before each (default 0). */
export const clipRequestSchema = z
  .object({
    segments: z.union([z.literal('all'), z.array(z.number().int().nonnegative()).min(1).max(1000)]),
    mode: z.enum(['fast', 'exact']).default('fast'),
    leadInMs: z.number().int().min(0).max(60_000).default(0),
  })
  .strict();
export type ClipRequest = z.output<typeof clipRequestSchema>;

// Issue 19 shipped these answering `invalid_input` for a bad clip request; the code stays as it was.
const CLIP_BODY_CODE = 'invalid_input';

export const recordingsRoutes = {
  'GET /sessions/:id/recordings': route<{ recordings: RecordingBody[] }>()({ roles: TAPE_READERS }),
  'POST /sessions/:id/clips': route<{ job: string }>()({
    roles: HOST_ONLY,
    body: clipRequestSchema,
    invalidBody: CLIP_BODY_CODE,
    status: 202,
  }),
  'GET /sessions/:id/clips': route<SessionClipsBody>()({ roles: TAPE_READERS }),
  'POST /sessions/:id/chapters': route<{ job: string }>()({ roles: HOST_ONLY, status: 202 }),
  'POST /sessions/:id/clips/open-folder': route<{ folder: string }>()({ roles: HOST_ONLY }),
  'GET /jobs/:id': route<JobBody>()({ roles: TAPE_READERS }),
  'DELETE /jobs/:id': route<JobBody>()({ roles: HOST_ONLY }),
};
