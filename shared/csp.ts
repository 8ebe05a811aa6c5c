/**
 * Content-Security-Policy of the studio's pages: nothing but our own origin runs or connects. The
 * console may not be framed at all; overlay pages may be framed by the studio itself (its previews).
 */
export function pageCsp(frameAncestors: "'none'" | "'self'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The console's policy. */
export const RENDERER_CSP = pageCsp("'none'");
