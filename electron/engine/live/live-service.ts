/**
 * The live path of a show: gateway (the built-in demo room, or a team's gateway) -> GatewayLink ->
 * ledger (durable, one transaction per batch, last seq with it) -> chat intelligence, feed, figures ->
 * seats and overlays. Also keeps the simulator and the chat resolver in step with pins and products.
 */
import { join } from 'node:path';
import { type DemoRoom, startDemoRoom } from '../../../gateway/demo';
import type { GatewayLinkState, LiveFiguresState, Product, ProductLive, StudioState } from '../../../shared/contract';
import type { GatewayConfig } from '../../../shared/contract/studio';
import { type LiveEvent, liveEventSchema } from '../../../shared/events';
import { money } from '../../../shared/money';
import type { FeedHub } from '../feed/feed-hub';
import { toChatItem, toOrderTick } from '../feed/from-live-event';
import { JsonFileWriter } from '../json-file';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { ChatIntel } from './chat-intel';
import { GatewayLink } from './gateway-link';

export interface LiveServiceOptions {
  dataDir: string;
  state: StateStore<StudioState>;
  logger: Logger;
  ledger: Ledger;
  feed: FeedHub;
  intel: ChatIntel;
  /** Called with every applied batch after the ledger has it (overlays' order ticker, goal). */
  onApplied?: (events: readonly LiveEvent[]) => void;
  /** Every ledger write of a batch: null when committed, else the error (full disk ...). */
  onLedgerWrite?: (error: unknown | null) => void;
}

/** Figures, per-product tallies and the radar reach seats at most this often (phones on Wi-Fi). */
const FIGURES_EVERY_MS = 200;

export class LiveService {
  private link: GatewayLink | null = null;
  private demo: DemoRoom | null = null;
  private figuresTimer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private config: GatewayConfig = { kind: 'demo' };
  private readonly configWriter: JsonFileWriter;
  private skuToProduct = new Map<string, string>();
  private stopGatewayPublish: () => void = () => undefined;

  constructor(private readonly options: LiveServiceOptions) {
    this.configWriter = new JsonFileWriter(join(options.dataDir, 'gateway.json'));
    // Once a second: radar auto-answers and heat decay, and figures whose window grows with time.
    this.heartbeat = setInterval(() => {
      options.intel.tick();
      this.scheduleFigures();
    }, 1000);
    this.heartbeat.unref();
  }

  get gatewayConfig(): GatewayConfig {
    return this.config;
  }

  /** Connects to the configured gateway; the demo room starts its own gateway and simulator. */
  async connect(config: GatewayConfig, persist = false): Promise<{ source: string; room: string }> {
    await this.disconnect();
    this.config = config;
    if (persist) await this.configWriter.write(config);
    const { ledger, logger, state } = this.options;
    let target: { url: string; room: string; token: string; source: string };
    if (config.kind === 'demo') {
      this.demo = await startDemoRoom({
        dataDir: this.options.dataDir,
        products: this.simulatorProducts(state.slice('products')),
        speed: config.speed ?? 1,
        pinned: state.slice('pin').pinned?.productId ?? null,
        logger: logger.child({ module: 'demo' }),
      });
      target = { url: this.demo.url, room: this.demo.room, token: this.demo.token, source: 'demo' };
    } else {
      target = { url: config.url, room: config.room, token: config.token, source: config.url };
    }
    const link = new GatewayLink({
      url: target.url,
      room: target.room,
      token: target.token,
      lastSeq: ledger.lastAppliedSeq(target.room),
      apply: (events) => this.apply(events),
      onGap: (gap) => {
        try {
          ledger.markGap(target.room, gap.fromSeq, gap.toSeq);
        } catch (error) {
          this.options.onLedgerWrite?.(error);
          throw error;
        }
      },
      logger: logger.child({ module: 'live' }),
    });
    // The link reports every applied batch; seats need a new status at once, but lastSeq/behind only
    // about once a second (a flood must not become a patch per batch on every phone).
    let lastPublished = 0;
    let trailing: NodeJS.Timeout | null = null;
    let latest: Partial<GatewayLinkState> = {};
    const write = (s: GatewayLinkState['status']) => {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      lastPublished = Date.now();
      state.set('gateway', {
        ...state.slice('gateway'),
        status: s,
        source: target.source,
        room: target.room,
        ...latest,
      });
    };
    const publish = (s: GatewayLinkState['status'], extra: Partial<GatewayLinkState>) => {
      latest = { ...latest, ...extra };
      const previous = state.slice('gateway');
      const wait = 1000 - (Date.now() - lastPublished);
      if (previous.status !== s || previous.source !== target.source || wait <= 0) write(s);
      // Within the second: the newest numbers go out at its end, so the last batch is never left unshown.
      else trailing ??= setTimeout(() => write(s), wait);
    };
    this.stopGatewayPublish = () => {
      if (trailing) clearTimeout(trailing);
    };
    link.on('state', (s) =>
      publish(s.status, { lastSeq: s.lastSeq, behind: s.behind, since: s.since, reason: s.reason }),
    );
    publish('connecting', {
      lastSeq: ledger.lastAppliedSeq(target.room),
      behind: 0,
      since: Date.now(),
      reason: undefined,
    });
    this.link = link;
    link.start();
    logger.info({ source: target.source, room: target.room }, 'live link started');
    return { source: target.source, room: target.room };
  }

  private apply(events: LiveEvent[]): void {
    const { ledger, feed, intel } = this.options;
    // The gateway validated them, but nothing crosses a process boundary unchecked.
    const valid = events.filter((e) => liveEventSchema.safeParse(e).success);
    if (valid.length !== events.length)
      this.options.logger.warn({ dropped: events.length - valid.length }, 'invalid live events ignored');
    try {
      // Durable when it returns (throws -> the link redelivers from lastSeq); the ledger's live tally has the effects.
      ledger.applyLiveEvents(valid);
    } catch (error) {
      this.options.onLedgerWrite?.(error);
      throw error;
    }
    this.options.onLedgerWrite?.(null);
    const chat = [];
    const orders = [];
    let viewersNow: number | null = null;
    for (const e of valid) {
      if (e.kind === 'viewers') viewersNow = e.data.current;
      const item = toChatItem(e, (text) => intel.observe(text, e.actor?.id ?? null, e.occurredAt ?? e.receivedAt));
      if (item) chat.push(item);
      const tick = toOrderTick(e, (productId, sku) => this.titleOf(productId, sku));
      if (tick) orders.push(tick);
    }
    feed.push(chat, orders);
    if (viewersNow !== null) this.viewersNow = viewersNow;
    this.options.onApplied?.(valid);
    this.scheduleFigures();
  }

  private viewersNow: number | null = null;

  private titleOf(productId: string | null, sku: string): string {
    const id = productId ?? this.skuToProduct.get(sku) ?? null;
    return this.options.state.slice('products').find((p) => p.productId === id)?.title ?? sku;
  }

  /** The catalogue changed: resolver, simulator and sku map follow. */
  productsChanged(products: readonly Product[]): void {
    this.skuToProduct = new Map(products.map((p) => [p.sku, p.productId]));
    this.options.intel.setProducts(products);
    this.demo?.simulator.setProducts(this.simulatorProducts(products));
  }

  pinChanged(productId: string | null): void {
    this.demo?.simulator.setPinned(productId);
    this.scheduleFigures();
  }

  /** A session started, resumed or ended: the ledger's live tally changed with it. */
  sessionChanged(): void {
    this.publishFigures();
  }

  private simulatorProducts(products: readonly Product[]) {
    return products.map((p) => ({
      productId: p.productId,
      sku: p.sku,
      title: p.title,
      price: p.price,
      linkNo: p.linkNo,
    }));
  }

  private scheduleFigures(): void {
    this.figuresTimer ??= setTimeout(() => {
      this.figuresTimer = null;
      this.publishFigures();
    }, FIGURES_EVERY_MS);
  }

  /** Live figures, per-product tallies and the pinned product's GMV to seats. */
  publishFigures(): void {
    const { ledger, state } = this.options;
    const now = Date.now();
    const live = ledger.liveFigures(now);
    const tally = ledger.liveTally();
    const pinned = state.slice('pin').pinned;
    const since = tally && pinned ? tally.productSince(pinned.productId, pinned.since) : null;
    const currentPin =
      since && pinned
        ? {
            productId: pinned.productId,
            since: pinned.since,
            gmv: money(since.gmv, tally!.currency),
            units: since.units,
          }
        : null;
    const figures: LiveFiguresState = {
      sessionId: live?.sessionId ?? null,
      figures: live?.figures ?? null,
      gmvPerMinute: tally?.gmvPerMinute(now) ?? [],
      viewersNow: this.viewersNow,
      incomplete: live?.moneyIncomplete ?? false,
      currentPin,
      channels: tally?.channelSplit() ?? [],
    };
    state.set('figures', figures);
    const productLive: Record<string, ProductLive> = {};
    for (const p of tally?.productTallies() ?? []) {
      productLive[p.productId] = { productId: p.productId, soldUnits: p.units, gmv: p.paid };
    }
    state.set('productLive', productLive);
  }

  private async disconnect(): Promise<void> {
    this.stopGatewayPublish();
    const link = this.link;
    const demo = this.demo;
    this.link = null;
    this.demo = null;
    await link?.close();
    await demo?.close();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    if (this.figuresTimer) clearTimeout(this.figuresTimer);
    await this.disconnect();
    await this.configWriter.flush();
  }
}
