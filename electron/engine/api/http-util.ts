/** Small helpers for node:http: bounded body reading and JSON replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StudioError } from '../../../shared/errors';

/** Reads the body, refusing (413) as soon as it grows past `limit` instead of buffering it all. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new StudioError('body_too_large', `Body is larger than ${limit} bytes`, { status: 413 }));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new StudioError('body_too_large', `Body is larger than ${limit} bytes`, { status: 413 }));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
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

export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof StudioError) {
    // a busy answer (429) says when to try again
    const retry = error.extra?.retryAfter;
    sendJson(
      res,
      error.status,
      error.toBody(),
      typeof retry === 'number' ? { 'retry-after': String(retry) } : undefined,
    );
    return;
  }
  sendJson(res, 500, { error: { code: 'internal_error', message: 'Internal error; see the engine log' } });
}
