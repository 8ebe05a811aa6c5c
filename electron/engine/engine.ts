/**
 * The engine: everything but the window. Runs the same under plain Node (headless, tests) and as
 * Electron's utilityProcess. `startEngine` makes the core, then each capability in dependency order
 * (each takes only what was made before it and returns its seat command and route handlers), serves
 * them all from one HTTP server and one socket.io server, and starts what connects outward.
 */
import { join } from 'node:path';
import {
  type CommandHandlers,
  liveRoomName,
  type ReadyInfo,
  type RouteHandlers,
  routes,
  type StudioState,
} from '../../shared/contract';
import { createHttpServer } from './api/http-server';
import { LanSharing } from './api/lan-sharing';
import { listen } from './api/listen';
import { serveRoutes } from './api/router';
import { type SeatServer, startSeatServer } from './api/seat-server';
import { createSocketServer } from './api/socket-server';
import { catalogueImageLoader, catalogueMedia } from './catalogue-media';
import { openEngineCore } from './engine-core';
import { FeedHub } from './feed/feed-hub';
import { createHotkeysService } from './hotkeys-service';
import { ENGINE_VERSION } from './initial-state';
import { DEMO_DIR } from './ledger/demo';
import type { Ledger } from './ledger/ledger';
import { createBridgeService } from './live/bridge-service';
import { openLiveRoom } from './live/live-room';
import type { LiveService } from './live/live-service';
import { createRadarService } from './live/radar-service';
import type { Logger } from './log';
import type { ObsController } from './obs';
import { createObsService } from './obs/obs-service';
import type { EngineOptions } from './options';
import { createOverlayHandlers, OverlayHub } from './overlay';
import { followShowOnOverlays } from './overlay/follow-show';
import { followPins } from './pins/follow-pins';
import { createPinService, type PinService } from './pins/pin-service';
import { type PortLike, parentPortPrinter } from './recap/parent-port-pdf';
import { createRecapService } from './recap/recap-service';
import { trackRecordings } from './recordings/recording-tracker';
import { createRecordingsService } from './recordings/recordings-service';
import { findRendererDir } from './renderer-dir';
import { createSeatService } from './seats/seat-service';
import type { StateStore } from './state';
import { StorageMonitor } from './storage-monitor';
import { createStudioService } from './studio-service';
import { engineStatus, systemHandlers, systemRouteHandlers } from './system-routes';
import type { TokenStore } from './tokens';

export { ENGINE_VERSION } from './initial-state';

export interface Engine {
  url: string;
  port: number;
  tokens: TokenStore;
  state: StateStore<StudioState>;
  logger: Logger;
  ready: ReadyInfo;
  seats: SeatServer;
  pins: PinService;
  obs: ObsController;
  feed: FeedHub;
  ledger: Ledger;
  live: LiveService;
  close(): Promise<void>;
}

export interface StartEngineOptions extends EngineOptions {
  logger?: Logger;
  rendererDir?: string;
  /** Addresses LAN sharing listens on (default: this machine's private IPv4 addresses). */
  lanAddresses?: () => string[];
  /** Electron's utilityProcess parent port, when the desktop app runs the engine. */
  parentPort?: PortLike;
}

export async function startEngine(options: StartEngineOptions): Promise<Engine> {
  const core = await openEngineCore(options);
  const { dataDir, logger, tokens, state, reach, router, pages } = core;

  // OBS, and the disks it and the ledger write to.
  const obs = await createObsService(core, options);
  const storage = new StorageMonitor({
    dataDir,
    state,
    logger,
    logFile: core.logFile,
    lowBytes: options.diskLowBytes,
    recordDirectory: async () => (await obs.identified()?.call('GetRecordDirectory'))?.recordDirectory ?? null,
  });

  // The live room: chat and orders in, the ledger, the feed to seats and overlays, the pins.
  const feed = new FeedHub();
  feed.on('highlights', (h) => state.set('highlights', h));
  const room = await openLiveRoom(core, options, { feed, storage });
  const { ledger, intel, live } = room;
  const pins = createPinService({
    dataDir,
    state,
    logger,
    order: () => state.slice('products').map((p) => p.productId),
  });
  followPins(pins.board, { ledger, intel, live, storage, logger });
  const bridges = createBridgeService({
    dataDir,
    live,
    state,
    logger,
    bridgeTokens: () => tokens.listSeats().filter((s) => s.role === 'bridge' && s.revokedAt === null),
  });
  tokens.onRevoke((id) => bridges.tokenRevoked(id));
  const studio = createStudioService({ dataDir, ledger, state, pins: pins.board, live, logger });
  obs.controller.on(
    'state',
    streamingEdges((active) => studio.streamingChanged(active, Date.now())),
  );
  const radar = createRadarService(intel, () => state.get().products);

  // Recordings and recaps over the ledger.
  const recordingSettings = () => state.slice('settings').recording;
  const untrackRecordings = trackRecordings({ obs: obs.controller, ledger, logger, settings: recordingSettings });
  const recordings = createRecordingsService({
    ledger,
    logger: logger.child({ module: 'recordings' }),
    settings: recordingSettings,
  });
  const recap = createRecapService({
    ledger,
    logger: logger.child({ module: 'recap' }),
    // in the desktop app the main process prints with Electron's printToPDF
    ...(options.parentPort ? { printPdf: parentPortPrinter(options.parentPort) } : {}),
  });

  // The one HTTP server (the control API, pages) with LAN sharing, and its socket.io server.
  const rendererDir = findRendererDir(options.rendererDir);
  if (!rendererDir) logger.warn('renderer build not found: browser seats get 503 until `npm run build:renderer`');
  const catalogueRoots = [join(dataDir, 'catalogue'), DEMO_DIR];
  pages.push(catalogueMedia(catalogueRoots), recordings.page);
  const http = createHttpServer({ policy: reach, router, tokens, rendererDir, logger, pages });
  const sharing = new LanSharing(http, reach, options.lanAddresses);
  const io = createSocketServer(http, reach);
  const seatService = createSeatService({
    tokens,
    sharing,
    state,
    port: () => reach.port,
    logger,
    onCreated: (seat) => {
      if (seat.role === 'bridge') bridges.tokenCreated(seat.id, seat.label);
    },
  });

  // Overlays (browser sources in OBS): the show's card, chat, orders, goal.
  const overlay = new OverlayHub({
    io,
    tokens,
    dataDir,
    rendererDir: () => findRendererDir(options.rendererDir),
    logger: logger.child({ module: 'overlay' }),
    baseUrl: () => reach.url,
    obs: obs.identified,
    loadImage: catalogueImageLoader(catalogueRoots),
    // The PNG card is for OBS builds without browser sources; parsing the CJK fonts costs a second or
    // two once, so it runs only when OBS is set up (the image source then follows every pin).
    png: obs.configured,
  });
  pages.push(overlay.pages);
  state.set('overlay', { settings: overlay.settings });
  overlay.on('settings', (settings) => state.set('overlay', { settings }));
  followShowOnOverlays(state, overlay);
  feed.on('batch', (batch) => {
    overlay.addOrders(batch.orders);
    overlay.addChat(batch.chat);
  });
  feed.on('highlights', (h) => overlay.setHighlights(h));
  obs.controller.on('state', (s) => {
    // OBS set up after start (first-run setup) without browser sources: the PNG card starts now.
    if (s.status === 'identified' && !s.hasBrowserSource) overlay.enablePng();
  });

  // Every capability's handlers: seat commands over socket.io, routes over HTTP (shared/contract).
  const handlers: CommandHandlers = {
    ...systemHandlers(() => engineStatus(state, storage)),
    ...createOverlayHandlers(() => overlay),
    ...pins.handlers,
    ...seatService.handlers,
    ...createHotkeysService(dataDir, state, logger, options.parentPort),
    ...obs.handlers,
    ...studio.handlers,
    ...bridges.handlers,
    ...radar.handlers,
    'chat.highlight': (a) => feed.highlight(a.id),
    'chat.unhighlight': (a) => feed.unhighlight(a.id),
  };
  const routeHandlers: RouteHandlers = {
    ...systemRouteHandlers({
      logDir: join(dataDir, 'logs'),
      version: ENGINE_VERSION,
      secrets: () => [
        ...tokens.secretValues(),
        ...obs.controller.secretValues(),
        ...(options.gateway.kind === 'remote' ? [options.gateway.token] : []),
        ...(live.gatewayConfig.kind === 'remote' ? [live.gatewayConfig.token] : []),
      ],
    }),
    ...seatService.routeHandlers,
    ...studio.routeHandlers,
    ...radar.routeHandlers,
    ...bridges.routeHandlers,
    ...recordings.routeHandlers,
    ...recap.routeHandlers,
  };
  router.add(...serveRoutes(routes, handlers, routeHandlers));
  const seats = startSeatServer({
    io,
    tokens,
    state,
    handlers,
    logger,
    backlog: () => feed.backlog(),
    onSeatsChanged: (list) => state.set('connectedSeats', list),
  });
  feed.on('batch', (batch) => seats.emitFeed(batch));

  // Serving: then OBS (when the user has set it up, or passed --obs) and the live link connect.
  reach.port = await listen(http, options.host, options.port);
  const url = reach.url;
  obs.start();
  await room.start();
  state.set('engine', { ...state.slice('engine'), url });
  state.set('sharing', { ...state.slice('sharing'), port: reach.port });
  logger.info({ url, dataDir }, 'engine listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port: reach.port,
    tokens,
    state,
    logger,
    seats,
    pins,
    feed,
    obs: obs.controller,
    ledger,
    live,
    ready: {
      ready: true,
      url,
      controlToken: tokens.controlToken,
      overlayToken: tokens.overlayToken,
      gateway: liveRoomName(room.gatewayConfig).source,
    },
    close() {
      closing ??= (async () => {
        state.set('engine', { ...state.slice('engine'), stopping: true });
        state.flush();
        studio.close(); // ends the open session (SIGKILL leaves it open, to be resumed at the next start)
        await bridges.close();
        storage.close();
        untrackRecordings();
        await recordings.close();
        await live.close();
        feed.close();
        await obs.close();
        await sharing.disable();
        await overlay.close();
        await seats.close(); // closes the HTTP server too
        await pins.flush();
        ledger.close();
        logger.info('engine stopped');
      })();
      return closing;
    },
  };
}

/** Calls `changed` when OBS's streaming starts or stops (not on every state emit). */
function streamingEdges(changed: (active: boolean) => void): (s: { streaming: { active: boolean } }) => void {
  let streaming = false;
  return (s) => {
    if (s.streaming.active === streaming) return;
    streaming = s.streaming.active;
    changed(streaming);
  };
}
