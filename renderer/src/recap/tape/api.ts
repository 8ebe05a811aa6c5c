/**
 * The recording, clips and chapters over the engine's HTTP API (PROTOCOL D "Recordings and clips").
 * Media links in the answers are relative, signed and short-lived: made absolute against the engine.
 */
import type { JobBody, RecordingBody, SessionClipsBody } from '../../../../shared/recordings/types';
import { readSeatLink } from '../../engine/seat-link';
import { RecapApiError } from '../api';

export type { JobBody, RecordingBody, SessionClipsBody };

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

const id = encodeURIComponent;
const post = <T>(path: string, body: unknown = {}) => call<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** An engine-relative media link made absolute (the desktop window's page is not the engine's origin). */
export const mediaUrl = (relative: string): string => `${readSeatLink().engineUrl}${relative}`;

export const tapeApi = {
  recordings: (sessionId: string) =>
    call<{ recordings: RecordingBody[] }>(`/sessions/${id(sessionId)}/recordings`).then((b) => b.recordings),
  clips: (sessionId: string) => call<SessionClipsBody>(`/sessions/${id(sessionId)}/clips`),
  cut: (sessionId: string, body: { segments: number[]; mode: 'fast' | 'exact'; leadInMs: number }) =>
    post<{ job: string }>(`/sessions/${id(sessionId)}/clips`, body).then((b) => b.job),
  chapters: (sessionId: string) => post<{ job: string }>(`/sessions/${id(sessionId)}/chapters`).then((b) => b.job),
  job: (jobId: string) => call<JobBody>(`/jobs/${id(jobId)}`),
  cancel: (jobId: string) => call<JobBody>(`/jobs/${id(jobId)}`, { method: 'DELETE' }),
  openFolder: (sessionId: string) => post<{ folder: string }>(`/sessions/${id(sessionId)}/clips/open-folder`),
};
