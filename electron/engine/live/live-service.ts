/**
 * The live path of a show: gateway (the built-in demo room, or a team's gateway; none when the host
 * chose bridges only) -> GatewayLink ->
 * ledger (durable, one transaction per batch, last seq with it) -> chat intelligence, feed, figures ->
 * seats and overlays. Local bridges (POST /bridge/events, Social Stream Ninja listeners) come in by
 * `ingestLocal` and take the very same path from the ledger on (`apply`): one record, one dedupe by id,
 * one chat list with each item's source. Also keeps the simulator and the chat resolver in step with
 * pins and products, and the health of every source (`sources` slice).
 */
import { join } from 'node:path';
import { type DemoRoom, startDemoRoom } from '../../../gateway/demo';
import type { GatewayLinkState, LiveFiguresState, Product, ProductLive, StudioState } from '../../../shared/contract';
import { type GatewayConfig, liveRoomName } from '../../../shared/contract/studio';
import { type InboundEvent, type LiveEvent, liveEventSchema } from '../../../shared/events';
import { DEFAULT_QUIET_MS } from '../../../shared/live/source-health';
import { money } from '../../../shared/money';
import type { FeedHub } from '../feed/feed-hub';
import { toChatItem, toOrderTick } from '../feed/from-live-event';
import { JsonFileWriter } from '../json-file';
import type { ApplyResult } from '../ledger/apply';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { ChatIntel } from './chat-intel';
import { GatewayLink, type LinkStatus } from './gateway-link';
import { SourceMonitor } from './source-monitor';

export interface LiveServiceOptions {
  dataDir: string;
  state: StateStore<StudioState>;
  logger: Logger;
  ledger: Ledger;
  feed: FeedHub;
  intel: ChatIntel;
  /** Called with every applied batch after the ledger has it (overlays' order ticker, goal). */
  onApplied?: (events: readonly LiveEvent[]) => void;
  /** Nothing from a connected source for this long during a session is a warning (default 60 s). */
  quietMs?: number;
  now?: () => number;
  /** The room local events go to before the gateway link names one (the ledger's default room). */
  room?: string;
  /** Every ledger write of a batch: null when committed, else the error (full disk ...). */
  onLedgerWrite?: (error: unknown | null) => void;
}

/** Source id of the gateway link in the `sources` slice and on chat items. */
export const GATEWAY_SOURCE = 'gateway';

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
  private room = 'demo';
  /** Health of every source; bridges register theirs here. */
  readonly sources = new SourceMonitor();
  private lastSourcesJson = '';
  private readonly now: () => number;

  constructor(private readonly options: LiveServiceOptions) {
    this.now = options.now ?? Date.now;
    this.room = options.room ?? 'demo';
    this.configWriter = new JsonFileWriter(join(options.dataDir, 'gateway.json'));
    // Once a second: radar auto-answers and heat decay, figures whose window grows with time, source health.
    this.heartbeat = setInterval(() => {
      options.intel.tick();
      this.scheduleFigures();
      this.publishSources();
    }, 1000);
    this.heartbeat.unref();
  }

  /** Sources' health to seats, when it changed. */
  publishSources(): void {
    const session = this.options.ledger.currentSession();
    const list = this.sources.snapshot(
      this.now(),
      session?.startedAt ?? null,
      this.options.quietMs ?? DEFAULT_QUIET_MS,
    );
    const json = JSON.stringify(list);
    if (json === this.lastSourcesJson) return;
    this.lastSourcesJson = json;
    this.options.state.set('sources', list);
  }

  /** The room local events are recorded in: the running session's, else the gateway link's. */
  localRoom(): string {
    return this.options.ledger.currentSession()?.room ?? this.room;
  }

  /**
   * Applies events that came in on this machine (validated inbound events) as if the gateway had sent
   * them: numbered in the room's local lane, recorded once by id, in order, durable before this returns.
   * Throws when the ledger cannot write (nothing is then applied, and the caller must not acknowledge).
   */
  ingestLocal(events: readonly InboundEvent[], source: string): { accepted: number; duplicates: number } {
    const { ledger } = this.options;
    const room = this.localRoom();
    const receivedAt = this.now();
    let seq = ledger.lastLocalSeq(room);
    const live = events.map((e) => ({ ...e, v: 1, room, seq: ++seq, receivedAt }) as LiveEvent);
    const result = this.apply(live, source);
    return { accepted: result.applied, duplicates: result.duplicates };
  }

  get gatewayConfig(): GatewayConfig {
    return this.config;
  }

  /**
   * Connects to the configured gateway; the demo room starts its own gateway and simulator; bridges only
   * connects nothing. Whatever was linked before is closed first (what it delivered is in the ledger).
   */
  async connect(config: GatewayConfig, persist = false): Promise<{ source: string; room: string }> {
    await this.disconnect();
    this.config = config;
    if (persist) await this.configWriter.write(config);
    if (config.kind === 'local') return this.bridgesOnly();
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
      apply: (events) => {
        this.apply(events, GATEWAY_SOURCE);
      },
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
    const write = (s: LinkStatus) => {
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
    const publish = (s: LinkStatus, extra: Partial<GatewayLinkState>) => {
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
    const gatewaySource = (status: LinkStatus, reason?: string) =>
      this.sources.set(GATEWAY_SOURCE, {
        kind: 'gateway',
        label: target.source === 'demo' ? 'demo' : target.room,
        state:
          status === 'live' || status === 'catching_up' ? 'connected' : status === 'connecting' ? 'connecting' : status,
        ...(reason ? { reason } : {}),
      });
    gatewaySource('connecting');
    this.room = target.room;
    ledger.followRoom(target.room);
    link.on('state', (s) => {
      gatewaySource(s.status, s.reason);
      publish(s.status, { lastSeq: s.lastSeq, behind: s.behind, since: s.since, reason: s.reason });
    });
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

  /** No gateway link and no simulator: only this computer's bridges feed the room, recorded as `local`. */
  private bridgesOnly(): { source: string; room: string } {
    const named = liveRoomName({ kind: 'local' });
    this.sources.remove(GATEWAY_SOURCE);
    this.publishSources();
    this.room = named.room;
    this.options.ledger.followRoom(named.room);
    this.options.state.set('gateway', { status: 'local', ...named, lastSeq: 0, behind: 0, since: this.now() });
    this.options.logger.info({ room: named.room }, 'live room: bridges only, no gateway link');
    return named;
  }

  /** The one path into the record, for the gateway link and local bridges alike. */
  private apply(events: LiveEvent[], source: string): ApplyResult {
    const { ledger, feed, intel } = this.options;
    // The gateway and the bridge endpoint validated them, but nothing crosses a boundary unchecked.
    const valid = events.filter((e) => liveEventSchema.safeParse(e).success);
    if (valid.length !== events.length)
      this.options.logger.warn({ dropped: events.length - valid.length }, 'invalid live events ignored');
    let result: ApplyResult;
    try {
      // Durable when it returns (throws -> the link redelivers from lastSeq, the bridge endpoint answers an
      // error); the ledger's live tally has the effects of the fresh ones.
      result = ledger.applyLiveEvents(valid);
    } catch (error) {
      this.options.onLedgerWrite?.(error);
      throw error;
    }
    this.options.onLedgerWrite?.(null);
    this.sources.record(source, valid.length, this.now());
    const fresh = result.fresh;
    const chat = [];
    const orders = [];
    let viewersNow: number | null = null;
    for (const e of fresh) {
      if (e.kind === 'viewers') viewersNow = e.data.current;
      const item = toChatItem(
        e,
        (text) => intel.observe(text, e.actor?.id ?? null, e.occurredAt ?? e.receivedAt),
        source,
      );
      if (item) chat.push(item);
      const tick = toOrderTick(e, (productId, sku) => this.titleOf(productId, sku));
      if (tick) orders.push(tick);
    }
    feed.push(chat, orders);
    if (viewersNow !== null) this.viewersNow = viewersNow;
    if (fresh.length > 0) this.options.onApplied?.(fresh);
    this.scheduleFigures();
    return result;
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
      productLive[p.productId] = { productId: p.productId, units: p.units, gmv: p.paid };
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
