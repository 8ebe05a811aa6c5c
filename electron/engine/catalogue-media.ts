/**
 * Product images for the console and overlays: `/catalogue/images/x.svg` from the user's catalogue
 * folder in the data directory, else the demo catalogue. Read-only, inside those folders only.
 */

import { sendError } from '../../node-common/http';
import type { ProductCard } from '../../shared/contract';
import { StudioError } from '../../shared/errors';
import type { PageHandler } from './api/http-server';
import { serveStatic } from './api/static-files';
import { fileImageLoader } from './overlay/png/image-loader';
import type { CardImage } from './overlay/png/render-card';

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

/** The URL seats and overlays load a product image from: https as is, catalogue paths under /catalogue/. */
export function catalogueImageUrl(image: string): string {
  return /^https:\/\//.test(image) ? image : `/catalogue/${image.replace(/^\/+/, '')}`;
}

/** Reads a product picture for the PNG card from the catalogue folders (user's first, then the demo). */
export function catalogueImageLoader(roots: readonly string[]): (card: ProductCard) => Promise<CardImage | null> {
  const loaders = roots.map((root) =>
    fileImageLoader(root, (card) =>
      card.image?.startsWith('/catalogue/') ? card.image.slice('/catalogue/'.length) : null,
    ),
  );
  return async (card) => {
    for (const load of loaders) {
      const image = await load(card);
      if (image) return image;
    }
    return null;
  };
}
