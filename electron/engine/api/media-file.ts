/**
 * Sends one media file with HTTP range requests (RFC 9110 §14): a video element asks for `bytes=N-`
 * as it seeks, so a 4-hour recording plays from any minute without being read whole. The caller
 * decides WHICH file (only files the studio registered); this only answers ranges of it.
 */
import { createReadStream, type Stats, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { StudioError } from '../../../shared/errors';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.flv': 'video/x-flv',
  '.ts': 'video/mp2t',
  '.jpg': 'image/jpeg',
};

/** [start, end] inclusive, or 'none' (no Range header), or 'unsatisfiable'. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'none' | 'unsatisfiable' {
  if (!header) return 'none';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges (multipart answers) are not needed by players: the whole file is sent instead.
  if (!m || (m[1] === '' && m[2] === '')) return 'none';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

/** Answers GET/HEAD for `file` with ranges; 404 when the file is gone. */
export function sendMediaFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    stats = null as unknown as Stats;
  }
  if (!stats?.isFile()) {
    throw new StudioError('file_missing', 'The file is no longer where it was recorded (moved or deleted)', {
      status: 404,
    });
  }
  const size = stats.size;
  const common = {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'content-range': `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range === 'none' ? [0, size - 1] : range;
  const length = size === 0 ? 0 : end - start + 1;
  res.writeHead(range === 'none' ? 200 : 206, {
    ...common,
    'content-length': length,
    ...(range === 'none' ? {} : { 'content-range': `bytes ${start}-${end}/${size}` }),
  });
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
