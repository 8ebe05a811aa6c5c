/**
 * The overlays' live state and their socket.io namespace `/overlay`. The engine tells the hub what
 * changed (a pin, orders, highlights, GMV); each page gets the state when it (re)connects, then only
 * the changed slices it draws, coalesced to its own pace (page-feeds.ts): a pin goes out at once, chat,
 * orders and GMV at most once per page step, so a flood costs little in OBS's browser. Keeps the PNG
 * card for OBS without a browser source.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Namespace, Server } from 'socket.io';
import type { ChatItem, HighlightState, OrderTick } from '../../../shared/contract/feed';
import {
  type ObsOverlaySetupReport,
  OVERLAY_NAMES,
  type OverlayName,
  type OverlaySettings,
  type OverlaySettingsPatch,
  type OverlayState,
  type OverlayUrls,
  overlaySettingsPatchSchema,
  type ProductCard,
} from '../../../shared/contract/overlay';
import { fromZodError, StudioError } from '../../../shared/errors';
import { type Money, zero } from '../../../shared/money';
import type { PageHandler } from '../api/http-server';
import type { Logger } from '../log';
import type { TokenStore } from '../tokens';
import { ensureOverlaySources, type ObsRequester } from './obs-sources';
import { appendCapped, freshItems, toOverlayChat, toOverlayTicks } from './order-ticks';
import { PageFeeds, pageSnapshot } from './page-feeds';
import { overlayIdentity, overlayPages } from './pages';
import { CardPngWriter } from './png/card-png-writer';
import type { FontSource } from './png/fonts';
import { ObsCardSlots } from './png/obs-card-slots';
import type { CardImage } from './png/render-card';
import { applySettingsPatch, DEFAULT_OVERLAY_SETTINGS } from './settings';
import { saveOverlaySettings } from './settings-file';

export const OVERLAY_NAMESPACE = '/overlay';
/** Ticker and live-chat lines kept for a (re)connecting page. */
export const ORDERS_KEPT = 20;
export const CHAT_KEPT = 30;
/** The room of clients that name no page (`auth.page`): they get every slice. */
const ALL_SLICES = 'all';

export interface OverlayHubOptions {
  /** The engine's socket.io server (the seat server's `io`); the hub adds the `/overlay` namespace. */
  io: Server;
  tokens: TokenStore;
  dataDir: string;
  /** Folder of the built renderer holding overlay.html (a function: it may be built after start). */
  rendererDir: string | null | (() => string | null);
  logger: Logger;
  /** The engine's URL (http://127.0.0.1:PORT), known once it listens: for the URLs OBS opens. */
  baseUrl: () => string;
  /** The connected OBS, if any: for "set up OBS" and to reload the PNG card the moment it changes. */
  obs?: () => ObsRequester | null;
  /** Keep the PNG card up to date (default true). */
  png?: boolean;
  /** The product picture for the PNG card (the catalogue's image bytes). */
  loadImage?: (card: ProductCard) => Promise<CardImage | null>;
  /** Fonts for the PNG card (default: Noto Sans CJK from fonts-noto-cjk). */
  fontSources?: readonly FontSource[];
}

export interface OverlayHubEvents {
  /** Settings changed (persisted already): the engine may mirror them into the seats' state. */
  settings: [OverlaySettings];
  /** The PNG card was rewritten. */
  png: [string];
  /** OBS was told to show the rewritten card (a switch to a slot loaded ahead, or a reload of the shown one). */
  obsImage: [string];
}

export class OverlayHub extends EventEmitter<OverlayHubEvents> {
  readonly pages: PageHandler;
  readonly pngPath: string;
  readonly settingsPath: string;
  private readonly nsp: Namespace;
  private current: OverlayState;
  private readonly feeds: PageFeeds;
  private png: CardPngWriter | null = null;
  /** The PNG card's slots in OBS (for OBS without the browser source). */
  private readonly slots: ObsCardSlots;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: OverlayHubOptions) {
    super();
    this.pngPath = join(options.dataDir, 'overlay', 'product-card.png');
    this.slots = new ObsCardSlots({
      obs: () => options.obs?.() ?? null,
      dir: join(options.dataDir, 'overlay'),
      logger: options.logger,
    });
    this.settingsPath = join(options.dataDir, 'overlay.json');
    const rendererDir = options.rendererDir;
    this.pages = overlayPages({
      tokens: options.tokens,
      rendererDir: typeof rendererDir === 'function' ? rendererDir : () => rendererDir,
      pngPath: this.pngPath,
    });
    this.current = {
      product: null,
      highlights: { items: [] },
      chat: [],
      orders: [],
      goal: { target: null, current: zero(), title: DEFAULT_OVERLAY_SETTINGS.goalTitle },
      settings: this.loadSettings(),
    };
    this.current.goal = { ...this.current.goal, ...this.goalFromSettings(this.current.settings) };
    if (options.png !== false) this.enablePng();

    this.nsp = options.io.of(OVERLAY_NAMESPACE);
    this.feeds = new PageFeeds(
      () => this.current,
      (page, patch) => this.nsp.to(page ? `page:${page}` : ALL_SLICES).emit('patch', patch),
    );
    this.nsp.use((socket, next) => {
      const identity = overlayIdentity(options.tokens, socket.handshake.auth?.token);
      if (!identity) next(new Error('bad_token'));
      else {
        socket.data.seatId = identity.seatId;
        next();
      }
    });
    this.nsp.on('connection', (socket) => {
      const page = socket.handshake.auth?.page;
      const named = OVERLAY_NAMES.includes(page);
      void socket.join(named ? `page:${page}` : ALL_SLICES);
      socket.emit('snapshot', named ? pageSnapshot(this.current) : this.current);
    });
  }

  /**
   * Starts keeping the PNG card (idempotent). The engine calls it when OBS is set up, also after start:
   * a studio configured later must not need a restart for the image source to follow the pins.
   */
  enablePng(): void {
    if (this.png || this.closed) return;
    this.png = new CardPngWriter({
      path: this.pngPath,
      logger: this.options.logger,
      fontSources: this.options.fontSources,
      loadImage: this.options.loadImage,
      onPicture: (_card, png, key) => {
        void this.slots.present(key, png).then((told) => told && this.emit('obsImage', this.pngPath));
      },
      onWritten: (path) => this.emit('png', path),
      onRenderedAhead: () => this.slots.fill(),
    });
    this.slots.follow(this.png);
    void this.png.update(this.current.product, this.current.settings);
  }

  /** Settings load at start-up (a small file, read once): damaged fields fall back to the defaults. */
  private loadSettings(): OverlaySettings {
    let raw: string;
    try {
      raw = readFileSync(this.settingsPath, 'utf8');
    } catch {
      return DEFAULT_OVERLAY_SETTINGS;
    }
    try {
      const parsed = overlaySettingsPatchSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return applySettingsPatch(DEFAULT_OVERLAY_SETTINGS, parsed.data);
      this.options.logger.warn({ issue: parsed.error.issues[0]?.message }, 'overlay.json invalid; using defaults');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'overlay.json unreadable; using defaults');
    }
    return DEFAULT_OVERLAY_SETTINGS;
  }

  private goalFromSettings(s: OverlaySettings): Pick<OverlayState['goal'], 'target' | 'title'> {
    return { target: s.goalTarget, title: s.goalTitle };
  }

  /** The whole state pages get on connect. */
  get state(): OverlayState {
    return this.current;
  }

  get settings(): OverlaySettings {
    return this.current.settings;
  }

  private change(patch: Partial<OverlayState>, immediate: boolean): void {
    this.current = { ...this.current, ...patch };
    this.feeds.changed(Object.keys(patch) as (keyof OverlayState)[], immediate);
  }

  /** Sends what changed now. */
  flush(): void {
    this.feeds.flush();
  }

  /** The pinned product's card, or null when nothing is pinned. Call on every pin and on figure changes. */
  setProductCard(card: ProductCard | null): void {
    // Called on every figure change too (an order for another product): an identical card costs nothing.
    if (JSON.stringify(card) === JSON.stringify(this.current.product)) return;
    this.change({ product: card }, true);
    void this.png?.update(card, this.current.settings);
  }

  /**
   * Cards a pin may show next (the pinned product's run-of-show neighbours): the PNG card renders them
   * ahead, in the background, so such a pin only writes the file. Nothing without the PNG card.
   */
  prerenderCards(cards: readonly ProductCard[]): void {
    this.png?.prerender(cards, this.current.settings);
    // They also go into hidden slots of OBS's card scene, so their pin is a switch.
    this.slots.fill();
  }

  /** New order ticks from the feed; only paid ones reach the ticker, with names masked here. */
  addOrders(ticks: readonly OrderTick[]): void {
    const fresh = freshItems(this.current.orders, toOverlayTicks(ticks));
    if (fresh.length === 0) return;
    // Every fresh tick reaches the orders page, however many come in one of its steps (the state keeps
    // only the last ORDERS_KEPT).
    this.feeds.ordersAdded(fresh);
    this.change({ orders: appendCapped(this.current.orders, fresh, ORDERS_KEPT) }, false);
  }

  /** New live comments; kept only when the chat overlay shows live chat (questions or all). */
  addChat(items: readonly ChatItem[]): void {
    const mode = this.current.settings.chatMode;
    if (mode === 'highlights') return;
    const chat = appendCapped(this.current.chat, toOverlayChat(items, mode), CHAT_KEPT);
    if (chat !== this.current.chat) this.change({ chat }, false);
  }

  /** Comments the host pinned to the chat overlay. */
  setHighlights(highlights: HighlightState): void {
    this.change({ highlights }, true);
  }

  /** Paid GMV of the running session (zero between sessions). */
  setGoalCurrent(current: Money): void {
    if (this.current.goal.current.amount === current.amount && this.current.goal.current.currency === current.currency)
      return;
    this.change({ goal: { ...this.current.goal, current } }, false);
  }

  /** Applies and persists a settings change; refused changes throw a StudioError with the field's path. */
  async setSettings(patch: unknown): Promise<OverlaySettings> {
    const parsed = overlaySettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw fromZodError(parsed.error, 'invalid_arguments');
    const settings = applySettingsPatch(this.current.settings, parsed.data as OverlaySettingsPatch);
    const modeChanged = settings.chatMode !== this.current.settings.chatMode;
    this.change(
      {
        settings,
        goal: { ...this.current.goal, ...this.goalFromSettings(settings) },
        ...(modeChanged ? { chat: [] } : {}),
      },
      true,
    );
    void this.png?.update(this.current.product, settings);
    const write = this.saving.then(() => saveOverlaySettings(this.settingsPath, settings));
    this.saving = write.catch(() => undefined);
    await write;
    this.emit('settings', settings);
    return settings;
  }

  /** The four page URLs with the overlay token (for OBS and the copy buttons). */
  urls(): OverlayUrls {
    const base = this.options.baseUrl().replace(/\/+$/, '');
    const token = encodeURIComponent(this.options.tokens.overlayToken);
    return Object.fromEntries(OVERLAY_NAMES.map((n) => [n, `${base}/overlay/${n}?token=${token}`])) as OverlayUrls;
  }

  /**
   * Creates or repairs the overlay sources (all four, or those named) in `scene` of the connected OBS;
   * without a scene, in the program scene. Shared by the seat command and `POST /obs/overlays`.
   */
  async setupObs(scene?: string, overlays?: readonly OverlayName[]): Promise<ObsOverlaySetupReport> {
    const obs = this.options.obs?.();
    if (!obs) throw new StudioError('obs_not_connected', 'OBS is not connected: connect it first', { status: 503 });
    const sceneName = scene ?? String((await obs.call('GetCurrentProgramScene')).currentProgramSceneName ?? '');
    if (!sceneName) throw new StudioError('no_scene', 'OBS has no program scene: name a scene', { path: 'scene' });
    const report = await ensureOverlaySources(obs, {
      sceneName,
      urls: this.urls(),
      slotDir: join(this.options.dataDir, 'overlay'),
      only: overlays,
    });
    if (report.kind === 'image_source') {
      this.slots.reset();
      this.enablePng();
      await this.png?.update(this.current.product, this.current.settings);
      this.slots.fill();
    }
    return report;
  }

  /** Resolves when the PNG card shows the current state (tests, benchmarks). */
  async pngSettled(): Promise<void> {
    await this.png?.settled();
    await this.slots.settled();
  }

  /** Resolves when the cards asked for ahead are rendered (tests, benchmarks). */
  async pngAheadSettled(): Promise<void> {
    await this.png?.aheadSettled();
    await this.slots.settled();
  }

  /** Pins shown in OBS by switching to a card slot loaded ahead (tests, benchmarks). */
  get obsSlotSwitches(): number {
    return this.slots.switches;
  }

  /** PNG writes served from a card rendered ahead (tests, benchmarks). */
  get pngHits(): number {
    return this.png?.hits ?? 0;
  }

  /** Number of PNG renders written (benchmarks). */
  get pngWrites(): number {
    return this.png?.writes ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    this.nsp.disconnectSockets(true);
    this.nsp.removeAllListeners();
    await this.png?.close();
    await this.slots.close();
    await this.saving;
  }
}
