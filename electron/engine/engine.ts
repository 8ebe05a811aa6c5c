/**
 * The engine: everything but the window. Runs the same under plain Node (headless, tests) and as
 * Electron's utilityProcess. Owns the one HTTP server, the seat socket server and the domain modules.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { CommandHandlers, StatusResponse, StudioState } from '../../shared/contract';
import { createHttpServer } from './api/http-server';
import { Router } from './api/router';
import { type SeatServer, startSeatServer } from './api/seat-server';
import { loopbackPolicy } from './api/security';
import { createLogger, type Logger } from './log';
import type { EngineOptions } from './options';
import { findRendererDir } from './renderer-dir';
import { StateStore } from './state';
import { systemHandlers, systemRoutes } from './system-routes';
import { TokenStore } from './tokens';

export const ENGINE_VERSION = '0.1.0';

export interface ReadyInfo {
  ready: true;
  url: string;
  controlToken: string;
  overlayToken: string;
  gateway: string;
}

export interface Engine {
  url: string;
  port: number;
  tokens: TokenStore;
  state: StateStore<StudioState>;
  logger: Logger;
  ready: ReadyInfo;
  seats: SeatServer;
  close(): Promise<void>;
}

export interface StartEngineOptions extends EngineOptions {
  logger?: Logger;
  rendererDir?: string;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is in use: is another studio running? Start with --port N to pick another.`,
          ),
        );
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startEngine(options: StartEngineOptions): Promise<Engine> {
  const logger = options.logger ?? createLogger({ dir: join(options.dataDir, 'logs'), stderrLevel: 'warn' });
  const tokens = new TokenStore(join(options.dataDir, 'tokens.json'));
  const router = new Router();
  let port = options.port;
  const policy = loopbackPolicy(0);
  Object.defineProperty(policy, 'port', { get: () => port });

  const state = new StateStore<StudioState>({
    engine: { version: ENGINE_VERSION, startedAt: Date.now(), url: '', stopping: false },
  });

  const status = (): StatusResponse => ({
    obs: { connected: false, streaming: false, recording: false, scene: null },
    gateway: { connected: false, lastSeq: 0 },
    session: null,
    pinned: null,
  });

  router.add(...systemRoutes(status));
  const handlers: CommandHandlers = { ...systemHandlers(status) };

  const rendererDir = findRendererDir(options.rendererDir);
  if (!rendererDir) logger.warn('renderer build not found: browser seats get 503 until `npm run build:renderer`');
  const http = createHttpServer({ policy, router, tokens, rendererDir, logger });
  const seats = startSeatServer({ http, policy, tokens, state, handlers, logger });
  port = await listen(http, options.host, options.port);
  const url = `http://127.0.0.1:${port}`;
  state.set('engine', { ...state.slice('engine'), url });
  logger.info({ url, dataDir: options.dataDir }, 'engine listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    tokens,
    state,
    logger,
    seats,
    ready: {
      ready: true,
      url,
      controlToken: tokens.controlToken,
      overlayToken: tokens.overlayToken,
      gateway: options.gateway.kind === 'remote' ? options.gateway.url : 'demo',
    },
    close() {
      closing ??= (async () => {
        state.set('engine', { ...state.slice('engine'), stopping: true });
        state.flush();
        await seats.close(); // closes the HTTP server too
        logger.info('engine stopped');
      })();
      return closing;
    },
  };
}
