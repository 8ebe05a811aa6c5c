/**
 * The engine: everything but the window. Runs the same under plain Node (headless, tests) and as
 * Electron's utilityProcess. Owns the one HTTP server, the seat socket server and the domain modules,
 * and wires them: pins -> seats/overlays/ledger, gateway events -> ledger -> figures -> seats.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CommandHandlers,
  type GatewayConfig,
  gatewayConfigSchema,
  obsStatusOf,
  type RouteHandlers,
  routes,
  type StatusResponse,
  type StudioState,
} from '../../shared/contract';
import { StudioError } from '../../shared/errors';
import type { PageHandler } from './api/http-server';
import { createHttpServer } from './api/http-server';
import { LanSharing } from './api/lan-sharing';
import { listen } from './api/listen';
import { Router, serveRoutes } from './api/router';
import { type SeatServer, startSeatServer } from './api/seat-server';
import { loopbackPolicy } from './api/security';
import { catalogueImageLoader, catalogueMedia } from './catalogue-media';
import { ensurePrivateDir } from './durable-file';
import { FeedHub } from './feed/feed-hub';
import { createHotkeysService } from './hotkeys-service';
import { ENGINE_VERSION, initialState } from './initial-state';
import { readJsonFile } from './json-file';
import { DEMO_DIR, loadDemoCatalogue } from './ledger/demo';
import { type Ledger, openLedgerOrRefuse } from './ledger/ledger';
import { createBridgeService } from './live/bridge-service';
import { ChatIntel } from './live/chat-intel';
import { LiveService } from './live/live-service';
import { createRadarService } from './live/radar-service';
import { createFileLogger, type Logger } from './log';
import {
  createAesGcmSecretBox,
  createObsHandlers,
  loadObsSettings,
  loadOrCreateKeyFile,
  ObsController,
  parseObsUrl,
} from './obs';
import { OBS_SETTINGS_FILE } from './obs/settings';
import { DEFAULT_RESUME_WINDOW_MS, type EngineOptions } from './options';
import { createOverlayHandlers, OverlayHub } from './overlay';
import { followShowOnOverlays } from './overlay/follow-show';
import { createPinService, type PinService } from './pins/pin-service';
import { type PortLike, parentPortPrinter } from './recap/parent-port-pdf';
import { createRecapService } from './recap/recap-service';
import { trackRecordings } from './recordings/recording-tracker';
import { createRecordingsService } from './recordings/recordings-service';
import { findRendererDir } from './renderer-dir';
import { createSeatService } from './seats/seat-service';
import { StateStore } from './state';
import { StorageMonitor, statusStorage } from './storage-monitor';
import { createStudioService } from './studio-service';
import { systemHandlers, systemRouteHandlers } from './system-routes';
import { TokenStore } from './tokens';

export { ENGINE_VERSION } from './initial-state';

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
  // tokens and sealed secrets live here: this user's alone
  const tightened = ensurePrivateDir(options.dataDir);
  const made = options.logger
    ? { logger: options.logger, file: null }
    : createFileLogger({ dir: join(options.dataDir, 'logs'), stderrLevel: 'warn' });
  const logger = made.logger;
  if (tightened) logger.warn({ dir: options.dataDir }, 'data folder was readable by other users: made private (0700)');
  const tokens = new TokenStore(join(options.dataDir, 'tokens.json'));
  if (tokens.setAside)
    logger.warn(
      { file: tokens.setAside },
      'tokens.json was damaged: set aside, new tokens made (re-copy overlay URLs)',
    );
  const router = new Router();
  const state = new StateStore<StudioState>(initialState(options));
  let port = options.port;
  const portNow = () => port;

  let sharing: LanSharing | null = null;
  const policy = loopbackPolicy(0, () => sharing?.enabledAddresses ?? []);
  Object.defineProperty(policy, 'port', { get: portNow });

  const pins = createPinService({
    dataDir: options.dataDir,
    state,
    logger,
    order: () => state.slice('products').map((p) => p.productId),
  });

  let seats: SeatServer | null = null;
  let overlay: OverlayHub | null = null;
  const feed = new FeedHub({
    emit: (batch) => {
      seats?.emitFeed(batch);
      overlay?.addOrders(batch.orders);
      overlay?.addChat(batch.chat);
    },
    onHighlights: (h) => {
      state.set('highlights', h);
      overlay?.setHighlights(h);
    },
  });

  // The live room: a team's gateway from the command line or Settings, else the demo room with the
  // sample catalogue so a new user sees a show at once.
  const savedGateway = readJsonFile(
    join(options.dataDir, 'gateway.json'),
    gatewayConfigSchema.nullable(),
    null,
    logger,
  );
  const gatewayConfig: GatewayConfig =
    options.gateway.kind === 'remote'
      ? { kind: 'remote', url: options.gateway.url, room: options.gateway.room, token: options.gateway.token }
      : (savedGateway ?? { kind: 'demo', speed: options.demoSpeed });
  const ledger = openLedgerOrRefuse({
    dataDir: options.dataDir,
    logger: logger.child({ module: 'ledger' }),
    room: gatewayConfig.kind === 'remote' ? gatewayConfig.room : 'demo',
    resumeWindowMs: options.resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS,
    // Classified once per comment: the radar reuses the ledger's result (ChatIntel.classify).
    classifyQuestion: (text) => intel.classify(text).question,
  });
  if (ledger.report.recovered) state.set('ledgerNotice', ledger.report.recovered.message);
  if (ledger.refusal)
    state.set('ledgerProblem', {
      code: ledger.refusal.code === 'ledger_damaged' ? 'ledger_damaged' : 'ledger_unavailable',
      message: ledger.refusal.message,
    });
  const intel = new ChatIntel({
    publish: (radar) => state.set('radar', radar),
    onAnswered: (mark) => ledger.recordAnswer(mark),
  });
  const quietMs = Number(process.env.STUDIO_SOURCE_QUIET_MS);
  let storage: StorageMonitor | null = null;
  const live = new LiveService({
    dataDir: options.dataDir,
    state,
    logger,
    ledger,
    feed,
    intel,
    room: gatewayConfig.kind === 'remote' ? gatewayConfig.room : 'demo',
    ...(quietMs > 0 ? { quietMs } : {}),
    onLedgerWrite: (error) => (error === null ? storage?.ledgerWriteOk() : storage?.ledgerWriteFailed(error)),
  });
  const bridges = createBridgeService({
    dataDir: options.dataDir,
    live,
    state,
    logger,
    bridgeTokens: () => tokens.listSeats().filter((s) => s.role === 'bridge' && s.revokedAt === null),
  });
  tokens.onRevoke((id) => bridges.tokenRevoked(id));
  const studio = createStudioService({ dataDir: options.dataDir, ledger, state, pins: pins.board, live, logger });
  const pinChanged = () => {
    const pinned = pins.board.state.pinned;
    try {
      if (pinned) ledger.pin(pinned.productId, pinned.since);
      else ledger.unpin(Date.now());
    } catch (error) {
      // The pin itself stands (seats, overlays); only its record for the recap is missing.
      logger.error({ err: error }, 'pin change not recorded in the ledger');
      storage?.ledgerWriteFailed(error);
    }
    intel.setPinned(pinned?.productId ?? null, pinned?.since ?? Date.now());
    live.pinChanged(pinned?.productId ?? null);
  };
  pins.board.onChange(pinChanged);
  intel.setPinned(pins.board.state.pinned?.productId ?? null, pins.board.state.pinned?.since ?? Date.now());

  // Secrets at rest (OBS password, stream key): the desktop shell hands over a key kept by the OS
  // keychain; headless, a 0600 key file in the data folder.
  const key = process.env.MAISHOU_SECRET_KEY
    ? Buffer.from(process.env.MAISHOU_SECRET_KEY, 'base64')
    : await loadOrCreateKeyFile(join(options.dataDir, 'secret.key'));
  const secretBox = createAesGcmSecretBox(key);
  const obsSettings = await loadObsSettings(options.dataDir, secretBox, logger);
  const obsConfigured = options.obs !== null || existsSync(join(options.dataDir, OBS_SETTINGS_FILE));
  if (options.obs)
    Object.assign(
      obsSettings,
      parseObsUrl(options.obs.url),
      options.obs.password ? { password: options.obs.password } : {},
    );
  let engineUrl = '';
  const obs = new ObsController({
    settings: obsSettings,
    dataDir: options.dataDir,
    secretBox,
    logger,
  });
  state.set('obs', obs.state);
  storage = new StorageMonitor({
    dataDir: options.dataDir,
    state,
    logger,
    logFile: made.file,
    lowBytes: options.diskLowBytes,
    recordDirectory: async () =>
      state.slice('obs').status === 'identified'
        ? (await obs.connection.call('GetRecordDirectory')).recordDirectory
        : null,
  });
  const storageMonitor = storage;
  let wasStreaming = false;
  obs.on('state', (s) => {
    state.set('obs', s);
    // OBS set up after start (first-run setup) without browser sources: the PNG card starts now.
    if (s.status === 'identified' && !s.hasBrowserSource) overlay?.enablePng();
    if (s.streaming.active !== wasStreaming) {
      wasStreaming = s.streaming.active;
      studio.streamingChanged(wasStreaming, Date.now());
    }
  });

  const status = (): StatusResponse => {
    const s = state.get();
    return {
      obs: obsStatusOf(s.obs),
      gateway: {
        connected: s.gateway.status === 'live' || s.gateway.status === 'catching_up',
        lastSeq: s.gateway.lastSeq,
      },
      session: s.session ? { id: s.session.id, startedAt: s.session.startedAt } : null,
      interrupted: s.interrupted
        ? { id: s.interrupted.id, title: s.interrupted.title, startedAt: s.interrupted.startedAt }
        : null,
      pinned: s.pin.pinned ? { productId: s.pin.pinned.productId, since: s.pin.pinned.since } : null,
      storage: statusStorage(storageMonitor.current, s.ledgerProblem),
    };
  };

  const rendererDir = findRendererDir(options.rendererDir);
  if (!rendererDir) logger.warn('renderer build not found: browser seats get 503 until `npm run build:renderer`');
  const catalogueRoots = [join(options.dataDir, 'catalogue'), DEMO_DIR];
  const recordingSettings = () => state.slice('settings').recording;
  const untrackRecordings = trackRecordings({ obs, ledger, logger, settings: recordingSettings });
  const recordings = createRecordingsService({
    ledger,
    logger: logger.child({ module: 'recordings' }),
    settings: recordingSettings,
  });
  const pages: PageHandler[] = [catalogueMedia(catalogueRoots), recordings.page];
  const http = createHttpServer({
    policy,
    router,
    tokens,
    rendererDir,
    logger,
    pages,
  });
  sharing = new LanSharing(http, portNow, options.lanAddresses);
  const seatService = createSeatService({
    tokens,
    sharing,
    state,
    port: portNow,
    logger,
    onCreated: (seat) => {
      if (seat.role === 'bridge') bridges.tokenCreated(seat.id, seat.label);
    },
  });

  const radar = createRadarService(intel, () => state.get().products);
  const overlayHandlers = createOverlayHandlers(() => {
    if (!overlay) throw new StudioError('not_ready', 'Overlays are starting', { status: 503 });
    return overlay;
  });
  const obsHandlers = createObsHandlers(obs);
  const handlers: CommandHandlers = {
    ...systemHandlers(status),
    ...overlayHandlers,
    ...pins.handlers,
    ...seatService.handlers,
    ...createHotkeysService(options.dataDir, state, logger, options.parentPort),
    ...obsHandlers,
    ...studio.handlers,
    ...bridges.handlers,
    ...radar.handlers,
    'chat.highlight': (a) => feed.highlight(a.id),
    'chat.unhighlight': (a) => feed.unhighlight(a.id),
  };
  const routeHandlers: RouteHandlers = {
    ...systemRouteHandlers({
      logDir: join(options.dataDir, 'logs'),
      version: ENGINE_VERSION,
      secrets: () => [
        ...tokens.secretValues(),
        ...obs.secretValues(),
        ...(options.gateway.kind === 'remote' ? [options.gateway.token] : []),
        ...(live.gatewayConfig.kind === 'remote' ? [live.gatewayConfig.token] : []),
      ],
    }),
    ...seatService.routeHandlers,
    ...studio.routeHandlers,
    ...radar.routeHandlers,
    ...bridges.routeHandlers,
    ...recordings.routeHandlers,
    ...createRecapService({
      ledger,
      logger: logger.child({ module: 'recap' }),
      // in the desktop app the main process prints with Electron's printToPDF
      ...(options.parentPort ? { printPdf: parentPortPrinter(options.parentPort) } : {}),
    }).routeHandlers,
  };
  router.add(...serveRoutes(routes, handlers, routeHandlers));

  seats = startSeatServer({
    http,
    policy,
    tokens,
    state,
    handlers,
    logger,
    backlog: () => feed.backlog(),
    onSeatsChanged: (list) => state.set('connectedSeats', list),
  });
  overlay = new OverlayHub({
    io: seats.io,
    tokens,
    dataDir: options.dataDir,
    rendererDir: () => findRendererDir(options.rendererDir),
    logger: logger.child({ module: 'overlay' }),
    baseUrl: () => engineUrl,
    obs: () => (state.slice('obs').status === 'identified' ? obs.connection : null),
    loadImage: catalogueImageLoader(catalogueRoots),
    // The PNG card is for OBS builds without browser sources; parsing the CJK fonts costs a second or
    // two once, so it runs only when OBS is set up (the image source then follows every pin).
    png: obsConfigured,
  });
  pages.push(overlay.pages);
  const overlayHub = overlay;
  state.set('overlay', { settings: overlayHub.settings });
  overlayHub.on('settings', (settings) => state.set('overlay', { settings }));
  followShowOnOverlays(state, overlayHub);

  port = await listen(http, options.host, options.port);
  const url = `http://127.0.0.1:${port}`;
  engineUrl = url;
  // Connect to OBS when the user has set it up (or passed --obs); a first run waits for Settings.
  if (obsConfigured) void obs.start();

  if (ledger.refusal) {
    // Nothing can be recorded: events stay at the gateway (acknowledged there, never lost) until the
    // host deals with the file and restarts.
    logger.error('the live link is not started: the ledger refuses writes');
  } else {
    if (gatewayConfig.kind === 'demo') {
      const loaded = await loadDemoCatalogue(ledger);
      if (loaded > 0) studio.refreshProducts();
    }
    await live.connect(gatewayConfig);
  }
  state.set('engine', { ...state.slice('engine'), url });
  state.set('sharing', { ...state.slice('sharing'), port });
  logger.info({ url, dataDir: options.dataDir }, 'engine listening');

  let closing: Promise<void> | null = null;
  const seatServer = seats;
  return {
    url,
    port,
    tokens,
    state,
    logger,
    seats: seatServer,
    pins,
    feed,
    obs,
    ledger,
    live,
    ready: {
      ready: true,
      url,
      controlToken: tokens.controlToken,
      overlayToken: tokens.overlayToken,
      gateway: gatewayConfig.kind === 'remote' ? gatewayConfig.url : 'demo',
    },
    close() {
      closing ??= (async () => {
        state.set('engine', { ...state.slice('engine'), stopping: true });
        state.flush();
        // SIGTERM closes the session cleanly; SIGKILL leaves it open, to be resumed at the next start.
        if (ledger.currentSession())
          studio.handlers['session.stop']({ confirm: true }, { seat: { id: 'host', role: 'host', label: 'host' } });
        studio.close();
        await bridges.close();
        storageMonitor.close();
        untrackRecordings();
        await recordings.close();
        await live.close();
        feed.close();
        await obs.stop();
        await sharing?.disable();
        await overlayHub.close();
        await seatServer.close(); // closes the HTTP server too
        await pins.flush();
        ledger.close();
        logger.info('engine stopped');
      })();
      return closing;
    },
  };
}
