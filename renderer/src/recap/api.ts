/**
 * The recap's reads over the engine's HTTP API with this seat's token (every role may read recaps),
 * and downloads that report their progress. URLs and answer types come from the routes declared in
 * shared/contract (recap.ts, studio.ts).
 */

import { type RouteKey, type RouteResult, routePath } from '../../../shared/contract';
import type { Language } from '../../../shared/language';
import type { ColumnMapping } from '../../../shared/reconcile/fields';
import type { ExportPreview, ReconcileAnswer } from '../../../shared/reconcile/types';
import { readSeatLink } from '../engine/seat-link';

export type { ExportPreview, ReconcileAnswer };

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

async function get(path: string, init: { method?: string; body?: Blob; type?: string } = {}): Promise<Response> {
  const { engineUrl, token } = seat();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (init.type) headers['content-type'] = init.type;
  const response = await fetch(`${engineUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    body: init.body,
    headers,
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
const json = async <K extends RouteKey>(
  key: K,
  params: Parameters<typeof routePath<K>>[1],
  search = '',
): Promise<RouteResult<K>> => (await (await get(`${routePath(key, params)}${search}`)).json()) as RouteResult<K>;

/** POSTs a file as the body of a route (the engine detects CSV/XLSX and the charset). */
const postFile = async <K extends RouteKey>(path: string, file: Blob): Promise<RouteResult<K>> =>
  (await (
    await get(path, { method: 'POST', body: file, type: file.type || 'application/octet-stream' })
  ).json()) as RouteResult<K>;

export const recapApi = {
  previewExport: (id: string, file: Blob) =>
    postFile<'POST /sessions/:id/reconcile/preview'>(routePath('POST /sessions/:id/reconcile/preview', { id }), file),
  reconcile: (id: string, file: Blob, name: string, columns: ColumnMapping) =>
    postFile<'POST /sessions/:id/reconcile'>(
      routePath('POST /sessions/:id/reconcile', { id }, { file: name, columns: JSON.stringify(columns) }),
      file,
    ),
  sessions: () => json('GET /recap/sessions', {}).then((b) => b.sessions),
  recap: (id: string) => json('GET /sessions/:id/recap', { id }),
  /** Rehearsals (彩排) are left out of the baselines unless `withRehearsals`. */
  compare: (id: string, withRehearsals = false) =>
    json('GET /sessions/:id/recap/compare', { id }, withRehearsals ? '?rehearsals=include' : ''),
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
