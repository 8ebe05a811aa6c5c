/**
 * node:http helpers shared by the engine's control API and the gateway: bounded body reading, JSON and
 * text replies, and PROTOCOL's error body for anything thrown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StudioError } from '../shared/errors';

/** Default largest body: 1 MiB. */
/**
 * The request target as a URL. A target that starts with "/" is a path, always: read as a URL reference,
 * "//" would be a scheme-relative URL without a host (an error) and "//x/y" a request for host x. Anything
 * unreadable is a 400, never an exception out of the server.
 */
export function requestUrl(target: string | undefined, base = 'http://localhost'): URL {
  const raw = target ?? '/';
  try {
    return new URL(raw.startsWith('/') ? `${base}${raw}` : raw, base);
  } catch {
    throw new StudioError('bad_request', 'The request target is not a path', { status: 400 });
  }
}

export const BODY_LIMIT = 1024 * 1024;

export function tooLarge(limit: number): StudioError {
  return new StudioError('body_too_large', `The body is over ${limit} bytes`, { status: 413 });
}

/**
 * Reads a request body up to `limit` bytes while it streams: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is cut off as soon as it passes the limit, so an oversized
 * upload never sits in memory whole.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) {
        // Keep draining (without storing) so the client can read our answer instead of a reset.
        req.resume();
        reject(error);
      } else resolve(body as Buffer);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge(limit));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish(null, Buffer.concat(chunks, size)));
    req.once('error', (error) => finish(error));
    req.once('aborted', () => finish(new StudioError('aborted', 'The client went away', { status: 400 })));
  });
}

/** Parses a JSON body; an empty body is `{}`. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new StudioError('invalid_json', 'Body is not valid JSON', { status: 400 });
  }
}

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
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/**
 * Any thrown value as PROTOCOL's error body; an unknown error becomes 500 with `internalMessage` and no
 * internals. A 413 closes the connection (the rest of the upload is not wanted); `retryAfter` becomes the
 * Retry-After header.
 */
export function sendError(res: ServerResponse, error: unknown, internalMessage = 'Internal error; see the log'): void {
  const studio =
    error instanceof StudioError ? error : new StudioError('internal_error', internalMessage, { status: 500 });
  const headers: Record<string, string> = {};
  if (studio.status === 413) headers.connection = 'close';
  const retry = studio.extra?.retryAfter;
  if (typeof retry === 'number') headers['retry-after'] = String(retry);
  const body = studio.toBody();
  delete (body as Record<string, unknown>).retryAfter;
  sendJson(res, studio.status, body, headers);
}
