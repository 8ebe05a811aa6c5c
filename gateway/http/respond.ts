import type { ServerResponse } from 'node:http';
import { StudioError } from '../../shared/errors';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Any thrown value as PROTOCOL's error body; unknown errors become 500 without internals. */
export function sendError(res: ServerResponse, error: unknown): void {
  const studio =
    error instanceof StudioError ? error : new StudioError('internal_error', 'The gateway failed', { status: 500 });
  const headers: Record<string, string> = {};
  if (studio.status === 413) headers.connection = 'close';
  const retry = studio.extra?.retryAfter;
  if (typeof retry === 'number') headers['retry-after'] = String(retry);
  const body = studio.toBody();
  delete (body as Record<string, unknown>).retryAfter;
  sendJson(res, studio.status, body, headers);
}
