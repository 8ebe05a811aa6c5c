/**
 * HTTP side of the overlays: `GET /overlay/{product|chat|orders|goal}?token=` answers the page (built into
 * the renderer folder as overlay.html; its scripts and styles are the renderer's hashed /assets), and
 * `GET /overlay/product.png?token=` the current PNG card. No valid token: 401 with the error body, not
 * the page. Overlay pages may be framed by the studio itself (previews), never by anyone else.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { OVERLAY_NAMES, type OverlayName } from '../../../shared/contract/overlay';
import { pageCsp } from '../../../shared/csp';
import { StudioError } from '../../../shared/errors';
import type { PageHandler } from '../api/http-server';
import type { TokenIdentity, TokenStore } from '../tokens';

export const OVERLAY_PREFIX = '/overlay/';
export const OVERLAY_HTML = 'overlay.html';

export const OVERLAY_CSP = pageCsp("'self'");

const isOverlayName = (name: string): name is OverlayName => (OVERLAY_NAMES as readonly string[]).includes(name);

/**
 * Who may open an overlay: the overlay token (OBS), and every seat token so the studio can preview the
 * pages (they show only what is on the stream anyway).
 */
export function overlayIdentity(tokens: TokenStore, token: string | null | undefined): TokenIdentity | null {
  const identity = tokens.identify(token);
  // Bridge tokens only push events in; they open nothing.
  return identity?.role === 'bridge' ? null : identity;
}

export interface OverlayPagesOptions {
  tokens: TokenStore;
  rendererDir: () => string | null;
  pngPath: string;
}

export function overlayPages(options: OverlayPagesOptions): PageHandler {
  return {
    prefix: OVERLAY_PREFIX,
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new StudioError('method_not_allowed', 'Only GET here', { status: 405 });
      const name = url.pathname.slice(OVERLAY_PREFIX.length).replace(/\/$/, '');
      const isPng = name === 'product.png';
      if (!isPng && !isOverlayName(name)) {
        throw new StudioError('not_found', `No overlay named ${name}; use ${OVERLAY_NAMES.join(', ')}`, {
          status: 404,
        });
      }
      if (!overlayIdentity(options.tokens, url.searchParams.get('token'))) {
        throw new StudioError('unauthorized', 'A valid overlay token is required (?token=<overlay token>)', {
          status: 401,
        });
      }
      const common = {
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (isPng) {
        const png = await readFile(options.pngPath).catch(() => null);
        if (!png) throw new StudioError('not_found', 'No product card has been rendered yet', { status: 404 });
        res.writeHead(200, { ...common, 'content-type': 'image/png', 'content-length': png.length });
        res.end(req.method === 'HEAD' ? undefined : png);
        return;
      }
      const dir = options.rendererDir();
      const html = dir ? await readFile(join(dir, OVERLAY_HTML)).catch(() => null) : null;
      if (!html) {
        throw new StudioError('renderer_missing', 'The overlay pages are not built: run `npm run build:renderer`', {
          status: 503,
        });
      }
      res.writeHead(200, {
        ...common,
        'content-type': 'text/html; charset=utf-8',
        'content-length': html.length,
        'content-security-policy': OVERLAY_CSP,
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    },
  };
}
