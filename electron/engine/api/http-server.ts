/**
 * The engine's one HTTP server on 127.0.0.1: the control API under /api/v1, overlay pages under
 * /overlay, the built renderer for browser seats everywhere else (socket.io attaches itself on /socket.io).
 * Host and Origin are checked before anything else: DNS rebinding must not reach any route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody, requestUrl, sendError, sendJson } from '../../../node-common/http';
import { RENDERER_CSP } from '../../../shared/csp';
import { StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { TokenStore } from '../tokens';
import { assertRole, type Router } from './router';
import { bearerToken, type HostPolicy, isAllowedHost, isAllowedOrigin } from './security';
import { serveStatic } from './static-files';

export interface PageHandler {
  /** Path prefix, e.g. `/overlay/` */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

export interface HttpServerOptions {
  policy: HostPolicy;
  router: Router;
  tokens: TokenStore;
  rendererDir: string | null;
  logger: Logger;
  pages?: PageHandler[];
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { policy, router, tokens, logger } = options;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const identity = tokens.identify(bearerToken(req.headers.authorization));
    if (!identity)
      throw new StudioError('unauthorized', 'A valid control token is required (Authorization: Bearer <token>)', {
        status: 401,
      });
    const path = url.pathname.slice('/api/v1'.length) || '/';
    const { route, params } = router.match(req.method ?? 'GET', path);
    assertRole(identity, route.roles, `${route.method} ${route.path}`);
    const body =
      req.method === 'GET' || req.method === 'HEAD'
        ? Buffer.alloc(0)
        : await readBody(req, route.bodyLimit ?? 1024 * 1024);
    const reply = await route.handle({ params, query: url.searchParams, body, headers: req.headers, identity });
    const status = reply.status ?? 200;
    if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
      res.writeHead(status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...reply.headers });
      res.end(reply.body);
    } else {
      sendJson(res, status, reply.body, reply.headers);
    }
  }

  const server = createServer(async (req, res) => {
    try {
      if (!isAllowedHost(req.headers.host, policy) || !isAllowedOrigin(req.headers.origin, policy)) {
        throw new StudioError('forbidden_host', 'Host or Origin is not this studio', { status: 403 });
      }
      const url = requestUrl(req.url);
      if (url.pathname === '/api/v1' || url.pathname.startsWith('/api/v1/')) {
        await handleApi(req, res, url);
        return;
      }
      const page = options.pages?.find((p) => url.pathname.startsWith(p.prefix));
      if (page) {
        await page.handle(req, res, url);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new StudioError('method_not_allowed', 'Only GET here', { status: 405 });
      if (!options.rendererDir) {
        throw new StudioError('renderer_missing', 'The console is not built: run `npm run build:renderer`', {
          status: 503,
        });
      }
      const served = serveStatic(
        res,
        url.pathname,
        { root: options.rendererDir, htmlHeaders: { 'content-security-policy': RENDERER_CSP }, spaFallback: true },
        req.method,
      );
      if (!served) throw new StudioError('not_found', 'Not found', { status: 404 });
    } catch (error) {
      if (!(error instanceof StudioError)) logger.error({ err: error, url: req.url?.split('?')[0] }, 'request failed');
      if (!res.headersSent) sendError(res, error, 'Internal error; see the engine log');
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
