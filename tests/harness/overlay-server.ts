/**
 * A small real server for overlay tests until the hub is wired into the engine: the engine's own
 * createHttpServer + seat socket.io server + TokenStore, with an OverlayHub on them. Restart keeps the
 * port and the data folder (tokens, overlay.json), like the engine does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageHandler } from '../../electron/engine/api/http-server';
import { createHttpServer } from '../../electron/engine/api/http-server';
import { Router } from '../../electron/engine/api/router';
import { type SeatServer, startSeatServer } from '../../electron/engine/api/seat-server';
import { loopbackPolicy } from '../../electron/engine/api/security';
import { createSocketServer } from '../../electron/engine/api/socket-server';
import { silentLogger } from '../../electron/engine/log';
import { type ObsRequester, OverlayHub, type OverlayHubOptions } from '../../electron/engine/overlay';
import { StateStore } from '../../electron/engine/state';
import { TokenStore } from '../../electron/engine/tokens';
import type { StudioState } from '../../shared/contract';
import { freePort } from './process';

export interface OverlayServer {
  url: string;
  port: number;
  dataDir: string;
  overlayToken: string;
  controlToken: string;
  hub: OverlayHub;
  tokens: TokenStore;
  pageUrl(name: string, token?: string | null): string;
  /** Closes everything (sockets dropped, port freed). */
  stop(): Promise<void>;
  /** Starts again on the same port and data folder: a new hub (empty live state, settings from disk). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export interface OverlayServerOptions {
  rendererDir: string | null;
  dataDir?: string;
  obs?: () => ObsRequester | null;
  png?: boolean;
  loadImage?: OverlayHubOptions['loadImage'];
}

export async function startOverlayServer(options: OverlayServerOptions): Promise<OverlayServer> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'maishou-overlay-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let http: Server;
  let seats: SeatServer;
  let hub: OverlayHub;
  let tokens: TokenStore;

  async function launch(): Promise<void> {
    const logger = silentLogger();
    tokens = new TokenStore(join(dataDir, 'tokens.json'));
    const policy = loopbackPolicy(port);
    const state = new StateStore<StudioState>({
      engine: { version: 'test', startedAt: Date.now(), url, stopping: false },
    } as StudioState); // only the engine slice: this server carries overlays, not a show
    // The HTTP server looks pages up per request, so the hub's handler can join once the hub exists.
    const pages: PageHandler[] = [];
    http = createHttpServer({ policy, router: new Router(), tokens, rendererDir: options.rendererDir, logger, pages });
    seats = startSeatServer({ io: createSocketServer(http, policy), tokens, state, handlers: {} as never, logger });
    hub = new OverlayHub({
      io: seats.io,
      tokens,
      dataDir,
      rendererDir: options.rendererDir,
      logger,
      baseUrl: () => url,
      obs: options.obs,
      png: options.png ?? false,
      loadImage: options.loadImage,
    });
    pages.push(hub.pages);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => resolve());
    });
  }

  await launch();
  const server: OverlayServer = {
    url,
    port,
    dataDir,
    get overlayToken() {
      return tokens.overlayToken;
    },
    get controlToken() {
      return tokens.controlToken;
    },
    get hub() {
      return hub;
    },
    get tokens() {
      return tokens;
    },
    pageUrl(name, token = tokens.overlayToken) {
      return `${url}/overlay/${name}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
    },
    async stop() {
      await hub.close();
      http.closeAllConnections();
      await seats.close();
    },
    async restart() {
      await server.stop();
      await launch();
    },
    async dispose() {
      await server.stop().catch(() => undefined);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
