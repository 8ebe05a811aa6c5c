/**
 * The recap's reads over the engine's HTTP API with this seat's token (every role may read recaps),
 * and downloads that report their progress. URLs and answer types come from the routes declared in
 * shared/contract (recap.ts, studio.ts).
 */

import { type RouteKey, type RouteResult, routePath } from '../../../shared/contract';
import type { Language } from '../../../shared/language';
import { readSeatLink } from '../engine/seat-link';

export class RecapApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let link: ReturnType<typeof readSeatLink> | null = null;
const seat = () => {
  link ??= readSeatLink();
  return link;
};

async function get(path: string): Promise<Response> {
  const { engineUrl, token } = seat();
  const response = await fetch(`${engineUrl}/api/v1${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    let code = 'http_error';
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not a JSON error body
    }
    throw new RecapApiError(code, message, response.status);
  }
  return response;
}

/** GETs a JSON route by its declaration. */
const json = async <K extends RouteKey>(key: K, params: Parameters<typeof routePath<K>>[1]): Promise<RouteResult<K>> =>
  (await (await get(routePath(key, params))).json()) as RouteResult<K>;

export const recapApi = {
  sessions: () => json('GET /recap/sessions', {}).then((b) => b.sessions),
  recap: (id: string) => json('GET /sessions/:id/recap', { id }),
  compare: (id: string) => json('GET /sessions/:id/recap/compare', { id }),
  questions: (id: string) => json('GET /sessions/:id/recap/questions', { id }),
};

export type ExportKind = 'csv' | 'json' | 'html' | 'pdf';

/** Fetches an export and saves it through a download link; `onProgress` gets received bytes. */
export async function downloadExport(
  sessionId: string,
  kind: ExportKind,
  lang: Language,
  onProgress: (received: number) => void,
): Promise<string> {
  const path =
    kind === 'csv' || kind === 'json'
      ? routePath('GET /sessions/:id/export', { id: sessionId }, { format: kind })
      : routePath('GET /sessions/:id/report', { id: sessionId }, { format: kind, lang });
  const response = await get(path);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received);
    }
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const file = `recap-${sessionId.slice(0, 8)}${kind === 'html' || kind === 'pdf' ? `-${lang}` : ''}.${kind}`;
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file;
}
