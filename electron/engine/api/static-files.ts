/**
 * Serves the built renderer to browser seats. Only files inside the root are ever read: the decoded path
 * is normalised and checked against the root, so `..`, encoded `%2e%2e`, backslashes and NUL bytes cannot
 * escape it. Unknown paths without an extension fall back to index.html (client-side routes).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a URL path to a file inside `root`, or null when it is outside, hidden or malformed. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootAbs = resolve(root);
  const target = resolve(rootAbs, `.${normalize(`/${decoded}`)}`);
  if (target !== rootAbs && !target.startsWith(rootAbs + sep)) return null;
  // Hidden files below the root (.env, .git) are never served; the root itself may sit in a dot-folder
  // (~/.config/..., an AppImage's /tmp/.mount_x/).
  const inside = target.slice(rootAbs.length).split(sep);
  if (inside.some((part) => part.startsWith('.') && part.length > 1)) return null;
  return target;
}

export interface StaticOptions {
  root: string;
  /** Extra headers for HTML (the Content-Security-Policy). */
  htmlHeaders: Record<string, string>;
  /** Headers for every file (e.g. a sandboxing CSP for user-supplied SVG). */
  headers?: Record<string, string>;
  spaFallback?: boolean;
}

/** Sends the file for `urlPath`; returns false when there is none (the caller answers 404). */
export function serveStatic(res: ServerResponse, urlPath: string, options: StaticOptions, method: string): boolean {
  let file = resolveInside(options.root, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) return false;
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (!options.spaFallback || extname(file) !== '') return false;
    file = join(options.root, 'index.html');
    if (!existsSync(file)) return false;
  }
  const ext = extname(file).toLowerCase();
  const type = TYPES[ext] ?? 'application/octet-stream';
  const isHtml = ext === '.html';
  res.writeHead(200, {
    'content-type': type,
    'content-length': statSync(file).size,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed assets can be cached; HTML must not be, so a new build is picked up.
    'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...options.headers,
    ...(isHtml ? options.htmlHeaders : {}),
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
