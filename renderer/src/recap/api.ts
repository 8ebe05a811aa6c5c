/**
 * The recap's reads over the engine's HTTP API with this seat's token (every role may read recaps),
 * and downloads that report their progress.
 */
import type { CompareBody, QuestionsBody, RecapBody, SessionListRow } from '../../../shared/recap/types';
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

const json = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;
const id = encodeURIComponent;

/** Sends a file as the body (the engine detects CSV/XLSX and the charset). */
const postFile = async <T>(path: string, file: Blob): Promise<T> =>
  (await (await get(path, { method: 'POST', body: file, type: file.type || 'application/octet-stream' })).json()) as T;

export const recapApi = {
  previewExport: (sessionId: string, file: Blob) =>
    postFile<ExportPreview>(`/sessions/${id(sessionId)}/reconcile/preview`, file),
  reconcile: (sessionId: string, file: Blob, name: string, columns: ColumnMapping) =>
    postFile<ReconcileAnswer>(
      `/sessions/${id(sessionId)}/reconcile?file=${id(name)}&columns=${id(JSON.stringify(columns))}`,
      file,
    ),
  sessions: () => json<{ sessions: SessionListRow[] }>('/recap/sessions').then((b) => b.sessions),
  recap: (sessionId: string) => json<RecapBody>(`/sessions/${id(sessionId)}/recap`),
  compare: (sessionId: string) => json<CompareBody>(`/sessions/${id(sessionId)}/recap/compare`),
  questions: (sessionId: string) => json<QuestionsBody>(`/sessions/${id(sessionId)}/recap/questions`),
};

export type ExportKind = 'csv' | 'json' | 'html' | 'pdf';

/** Fetches an export and saves it through a download link; `onProgress` gets received bytes. */
export async function downloadExport(
  sessionId: string,
  kind: ExportKind,
  lang: 'zh-CN' | 'en',
  onProgress: (received: number) => void,
): Promise<string> {
  const path =
    kind === 'csv' || kind === 'json'
      ? `/sessions/${id(sessionId)}/export?format=${kind}`
      : `/sessions/${id(sessionId)}/report?format=${kind}&lang=${lang}`;
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
