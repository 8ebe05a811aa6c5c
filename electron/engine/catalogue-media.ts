/**
 * Product images for the console and overlays: `/catalogue/images/x.svg` from the user's catalogue
 * folder in the data directory, else the demo catalogue. Read-only, inside those folders only.
 */

import { StudioError } from '../../shared/errors';
import type { PageHandler } from './api/http-server';
import { sendError } from './api/http-util';
import { serveStatic } from './api/static-files';

/** An SVG opened directly must not run scripts in the studio's origin. */
const SANDBOX = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" };

export function catalogueMedia(roots: readonly string[]): PageHandler {
  return {
    prefix: '/catalogue/',
    handle(req, res, url) {
      const path = url.pathname.slice('/catalogue'.length);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, new StudioError('method_not_allowed', 'Only GET here', { status: 405 }));
        return;
      }
      for (const root of roots) {
        if (serveStatic(res, path, { root, htmlHeaders: {}, headers: SANDBOX, spaFallback: false }, req.method)) return;
      }
      sendError(res, new StudioError('not_found', 'No such image', { status: 404 }));
    },
  };
}
