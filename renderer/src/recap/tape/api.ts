/**
 * The recording, clips and chapters over the engine's HTTP API (PROTOCOL D "Recordings and clips").
 * Media links in the answers are relative, signed and short-lived: made absolute against the engine.
 */
import { type ParamsOf, type RouteKey, type RouteResult, routePath, splitRouteKey } from '../../../../shared/contract';
import type { JobBody, RecordingBody, SessionClipsBody } from '../../../../shared/recordings/types';
import { readSeatLink } from '../../engine/seat-link';
import { RecapApiError } from '../api';

export type { JobBody, RecordingBody, SessionClipsBody };

/** What the recap asks to cut: chosen pin segments, a mode and a lead-in. */
export interface ClipRequestBody {
  segments: number[];
  mode: 'fast' | 'exact';
  leadInMs: number;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const { engineUrl, token } = readSeatLink();
  const response = await fetch(`${engineUrl}/api/v1${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
  if (!response.ok) {
    throw new RecapApiError(
      body.error?.code ?? 'http_error',
      body.error?.message ?? `HTTP ${response.status}`,
      response.status,
    );
  }
  return body;
}

/** Sends route `key` (PROTOCOL D, shared/contract/recordings.ts) with its parameters; a JSON body for POSTs. */
const send = <K extends RouteKey>(key: K, params: ParamsOf<K>, body?: ClipRequestBody): Promise<RouteResult<K>> => {
  const { method } = splitRouteKey(key);
  const init: RequestInit = method === 'POST' ? { method, body: JSON.stringify(body ?? {}) } : { method };
  return call<RouteResult<K>>(routePath(key, params), init);
};

/** An engine-relative media link made absolute (the desktop window's page is not the engine's origin). */
export const mediaUrl = (relative: string): string => `${readSeatLink().engineUrl}${relative}`;

export const tapeApi = {
  recordings: (sessionId: string) => send('GET /sessions/:id/recordings', { id: sessionId }).then((b) => b.recordings),
  clips: (sessionId: string) => send('GET /sessions/:id/clips', { id: sessionId }),
  cut: (sessionId: string, body: ClipRequestBody) =>
    send('POST /sessions/:id/clips', { id: sessionId }, body).then((b) => b.job),
  chapters: (sessionId: string) => send('POST /sessions/:id/chapters', { id: sessionId }).then((b) => b.job),
  job: (jobId: string) => send('GET /jobs/:id', { id: jobId }),
  cancel: (jobId: string) => send('DELETE /jobs/:id', { id: jobId }),
  openFolder: (sessionId: string) => send('POST /sessions/:id/clips/open-folder', { id: sessionId }),
};
