/**
 * Reads a request body up to `limit` bytes while it streams: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is cut off as soon as it passes the limit, so an oversized
 * upload never sits in memory whole.
 */
import type { IncomingMessage } from 'node:http';
import { StudioError } from '../../shared/errors';

export const BODY_LIMIT = 1024 * 1024;

export function tooLarge(limit: number): StudioError {
  return new StudioError('body_too_large', `The body is over ${limit} bytes`, { status: 413 });
}

export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
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
