/**
 * Links a video or image element can open: a video element cannot send an Authorization header, so a
 * caller who holds a token gets, through the API, a short-lived URL signed for ONE registered file
 * (`/media/recording/<session>/<index>?exp=&sig=`). The URL names a session and an index, never a
 * path: the handler looks the file up in the ledger, so nothing unregistered can be reached. The key
 * lives in memory: links die with the engine, as they should.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StudioError } from '../../../shared/errors';
import type { PageHandler } from '../api/http-server';
import { sendMediaFile } from '../api/media-file';
import { safeEqual } from '../api/security';

export const MEDIA_PREFIX = '/media/';
export type MediaKind = 'recording' | 'clip' | 'cover';
const KINDS: readonly MediaKind[] = ['recording', 'clip', 'cover'];
/** Long enough to watch a 4-hour show from the recap; the recap asks again when a link expires. */
export const MEDIA_LINK_TTL_MS = 6 * 3_600_000;

export interface MediaLinks {
  /** `/media/<kind>/<session>/<n>?exp=…&sig=…` (relative to the engine URL). */
  url(kind: MediaKind, sessionId: string, n: number, now?: number): string;
  /** The page handler serving signed links; `resolve` names the registered file (or throws 404). */
  handler(resolve: (kind: MediaKind, sessionId: string, n: number) => string): PageHandler;
}

export function createMediaLinks(key: Buffer = randomBytes(32), clock: () => number = Date.now): MediaLinks {
  const sign = (kind: string, sessionId: string, n: number, exp: number) =>
    createHmac('sha256', key).update(`${kind}\n${sessionId}\n${n}\n${exp}`).digest('base64url');
  return {
    url(kind, sessionId, n, now = clock()) {
      const exp = now + MEDIA_LINK_TTL_MS;
      return `${MEDIA_PREFIX}${kind}/${encodeURIComponent(sessionId)}/${n}?exp=${exp}&sig=${sign(kind, sessionId, n, exp)}`;
    },
    handler(resolve) {
      return {
        prefix: MEDIA_PREFIX,
        handle(req: IncomingMessage, res: ServerResponse, url: URL) {
          if (req.method !== 'GET' && req.method !== 'HEAD')
            throw new StudioError('method_not_allowed', 'Only GET here', { status: 405 });
          const parts = url.pathname.slice(MEDIA_PREFIX.length).split('/');
          const [kind, rawSession, rawN] = parts;
          let sessionId = '';
          try {
            sessionId = decodeURIComponent(rawSession ?? '');
          } catch {
            // stays empty: refused below
          }
          const n = Number(rawN);
          const exp = Number(url.searchParams.get('exp'));
          const sig = url.searchParams.get('sig') ?? '';
          const valid =
            parts.length === 3 &&
            KINDS.includes(kind as MediaKind) &&
            sessionId !== '' &&
            /^\d{1,6}$/.test(rawN ?? '') &&
            Number.isSafeInteger(exp) &&
            exp > clock() &&
            safeEqual(sig, sign(kind, sessionId, n, exp));
          if (!valid) {
            throw new StudioError('unauthorized', 'A valid media link is required (ask the API for a fresh one)', {
              status: 401,
            });
          }
          sendMediaFile(req, res, resolve(kind as MediaKind, sessionId, n));
        },
      };
    },
  };
}
