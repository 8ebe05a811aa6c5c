/**
 * The engine's one socket.io server, on its HTTP server: seats use `/seat`, overlays `/overlay`.
 * Same-origin only: no CORS headers at all. Host and Origin are checked on every engine.io request (the
 * handshake, each long-polling GET and POST, the WebSocket upgrade), not only the handshake as
 * `allowRequest` would: the engine's own HTTP handler never sees /socket.io/ requests.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { Server } from 'socket.io';
import { sendError } from '../../../node-common/http';
import { StudioError } from '../../../shared/errors';
import { type HostPolicy, isAllowedHost, isAllowedOrigin } from './security';

export function createSocketServer(http: HttpServer, policy: HostPolicy): Server {
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  io.engine.use((req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void) => {
    if (isAllowedHost(req.headers.host, policy) && isAllowedOrigin(req.headers.origin, policy)) return next();
    // On an upgrade `res` is engine.io's stand-in that only closes the socket; on HTTP this is the answer.
    sendError(res, new StudioError('forbidden_host', 'Host or Origin is not this studio', { status: 403 }));
    next(new Error('forbidden_host'));
  });
  return io;
}
