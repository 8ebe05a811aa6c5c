/**
 * Catalogue import over the control API (PROTOCOL.md D `POST /products/import`) with upload progress:
 * fetch cannot report upload progress, XMLHttpRequest can. The reply lists the rows that failed by line.
 */
import { seatAuthorization } from '../engine/connection';

export interface ImportReply {
  imported: number;
  errors: { line: number; message: string }[];
}

export type ImportProgress = { phase: 'uploading'; fraction: number } | { phase: 'processing' };

export class ImportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The content type the engine expects for a file, from its name (CSV or XLSX). */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

export function uploadCatalogue(file: File, onProgress: (p: ImportProgress) => void): Promise<ImportReply> {
  return new Promise((resolve, reject) => {
    const type = importContentType(file.name);
    if (!type) {
      reject(new ImportError(0, 'unsupported_file', file.name));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/products/import');
    const auth = seatAuthorization();
    if (auth) xhr.setRequestHeader('authorization', auth);
    xhr.setRequestHeader('content-type', type);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'uploading', fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new ImportError(0, 'network', 'The engine could not be reached'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object' && 'imported' in body) {
        resolve(body as ImportReply);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ImportError(xhr.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.send(file);
  });
}
