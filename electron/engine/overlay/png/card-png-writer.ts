/**
 * Keeps `<dataDir>/overlay/product-card.png` equal to the card: re-rendered on every change (the latest
 * wins; a change during a render queues exactly one more), once a second while a countdown runs, and
 * written atomically (tmp + rename) so OBS never reads half a file.
 *
 * Render ahead: rendering takes a few hundred ms, a pin must reach the picture within 3 frames. Cards
 * asked for with `prerender` (the pinned product's run-of-show neighbours) are rendered while the
 * writer is idle and kept in memory by their content, so a pin of one of them only writes the file, at
 * once: it waits for no render in flight (that one's result is dropped, the newer card wins).
 */
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import { replaceFile } from '../../durable-file';
import type { Logger } from '../../log';
import type { FontSource } from './fonts';
import { type CardImage, renderProductCardPng } from './render-card';

export interface CardPngWriterOptions {
  path: string;
  logger: Logger;
  fontSources?: readonly FontSource[];
  loadImage?: (card: ProductCard) => Promise<CardImage | null>;
  /**
   * Called with each new picture and its content key (null for a card that counts down), in order, just
   * before its file is written: the hub shows it in OBS without waiting for the disk.
   */
  onPicture?: (card: ProductCard | null, png: Buffer, key: string | null) => void;
  /** Called after each write. */
  onWritten?: (path: string, card: ProductCard | null) => void;
  /** Called after each card rendered ahead (the hub loads it into a hidden slot of OBS's card scene). */
  onRenderedAhead?: () => void;
}

/** Cards (and product pictures) kept in memory: the pinned one, its neighbours, a few recent ones. */
const KEPT_CARDS = 8;

/** What the picture depends on: the card without the pin's version and time, and the settings. */
export function cardKey(card: ProductCard, settings: OverlaySettings): string {
  const { pinVersion: _v, pinnedAt: _t, ...shown } = card;
  return JSON.stringify([shown, settings]);
}

export class CardPngWriter {
  private card: ProductCard | null = null;
  private settings: OverlaySettings | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private tick: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly images = new Map<string, CardImage | null>();
  /** Rendered PNGs by card content (see `cardKey`), most recently used last. */
  private readonly rendered = new Map<string, Buffer>();
  private ahead: ProductCard[] = [];
  /** Bumped by every update: a render or write for an older one is dropped (the latest wins). */
  private generation = 0;
  private writing: Promise<void> = Promise.resolve();
  private aheadRunning: Promise<void> | null = null;
  /** Renders written so far (tests and benchmarks wait on it). */
  writes = 0;
  /** Writes served from a card rendered ahead (tests and benchmarks). */
  hits = 0;

  constructor(private readonly options: CardPngWriterOptions) {}

  /** Schedules a render of `card` with `settings`; resolves when a file showing it (or newer) is written. */
  update(card: ProductCard | null, settings: OverlaySettings): Promise<void> {
    this.card = card;
    this.settings = settings;
    const generation = ++this.generation;
    const kept = this.kept(card, settings);
    if (kept) {
      // Rendered ahead: written now, without waiting for a render in flight (a countdown's tick, a
      // neighbour being rendered ahead): that one is dropped when it ends, since this card is newer.
      this.hits++;
      this.scheduleCountdown();
      return this.write(kept, card, generation);
    }
    this.dirty = true;
    this.running ??= this.drain();
    return this.running;
  }

  /** Resolves when what was asked for last is written (tests and benchmarks). */
  async settled(): Promise<void> {
    for (;;) {
      const running = this.running;
      const writing = this.writing;
      await running;
      await writing;
      if (running === this.running && writing === this.writing) return;
    }
  }

  /** Content keys of the cards asked for ahead, in the order asked (most likely next first). */
  aheadKeys(): string[] {
    const settings = this.settings;
    return settings ? this.ahead.map((c) => cardKey(c, settings)) : [];
  }

  /** The picture of a card rendered ahead or recently, by content key. */
  pngFor(key: string): Buffer | undefined {
    return this.rendered.get(key);
  }

  /** The card's PNG when it is kept (rendered ahead or recently), marked as the most recently used. */
  private kept(card: ProductCard | null, settings: OverlaySettings): Buffer | null {
    if (!card || card.countdownEndsAt) return null;
    const key = cardKey(card, settings);
    const png = this.rendered.get(key);
    if (!png) return null;
    this.rendered.delete(key);
    this.rendered.set(key, png);
    return png;
  }

  /**
   * Renders these cards in the background, when nothing else is being written, and keeps them for a
   * pin (the latest list replaces the previous one). Cards with a running countdown are not kept.
   */
  prerender(cards: readonly ProductCard[], settings: OverlaySettings): void {
    this.settings ??= settings;
    this.ahead = cards.filter((c) => !c.countdownEndsAt);
    if (!this.running) this.aheadRunning ??= this.renderAhead();
  }

  /** Resolves when every card asked for ahead is rendered (tests and benchmarks). */
  async aheadSettled(): Promise<void> {
    while (this.aheadRunning || this.running) await (this.aheadRunning ?? this.running);
  }

  private async renderAhead(): Promise<void> {
    try {
      while (!this.closed && !this.running) {
        const settings = this.settings;
        const card = settings && this.ahead.find((c) => !this.rendered.has(cardKey(c, settings)));
        if (!card || !settings) return;
        await this.render(card, settings);
        this.options.onRenderedAhead?.();
      }
    } finally {
      this.aheadRunning = null;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty && !this.closed) {
        this.dirty = false;
        await this.renderOnce();
      }
    } finally {
      this.running = null;
      this.scheduleCountdown();
      if (this.ahead.length > 0) this.aheadRunning ??= this.renderAhead();
    }
  }

  /** The card's PNG: from the cards rendered ahead, else rendered now (and kept unless it counts down). */
  private async render(card: ProductCard | null, settings: OverlaySettings): Promise<Buffer> {
    const kept = this.kept(card, settings);
    if (kept) return kept;
    const key = card && !card.countdownEndsAt ? cardKey(card, settings) : null;
    const png = await renderProductCardPng(card, settings, {
      fontSources: this.options.fontSources,
      image: card ? await this.image(card) : null,
    });
    if (key) {
      this.rendered.set(key, png);
      while (this.rendered.size > KEPT_CARDS) this.rendered.delete(this.rendered.keys().next().value as string);
    }
    return png;
  }

  private async renderOnce(): Promise<void> {
    const card = this.card;
    const settings = this.settings;
    const generation = this.generation;
    if (!settings) return;
    try {
      // Wait for a card being rendered ahead: it may be this one.
      if (this.aheadRunning) await this.aheadRunning;
      if (generation !== this.generation) return; // a newer card was asked for meanwhile
      const png = await this.render(card, settings);
      await this.write(png, card, generation);
    } catch (error) {
      this.options.logger.error({ err: error }, 'product card PNG render failed');
    }
  }

  /** Writes atomically, in the order asked; a write for a card older than the latest asked for is dropped. */
  private write(png: Buffer, card: ProductCard | null, generation: number): Promise<void> {
    const next = this.writing.then(async () => {
      if (generation !== this.generation || this.closed) return;
      const key = card && !card.countdownEndsAt && this.settings ? cardKey(card, this.settings) : null;
      this.options.onPicture?.(card, png, key);
      await replaceFile(this.options.path, png);
      this.writes++;
      this.options.onWritten?.(this.options.path, card);
    });
    this.writing = next.catch((error) => this.options.logger.error({ err: error }, 'product card PNG write failed'));
    return this.writing;
  }

  private async image(card: ProductCard): Promise<CardImage | null> {
    if (!this.options.loadImage) return null;
    if (!this.images.has(card.productId)) {
      let image: CardImage | null = null;
      try {
        image = await this.options.loadImage(card);
      } catch (error) {
        this.options.logger.warn({ err: error, productId: card.productId }, 'product image unavailable for PNG card');
      }
      this.images.set(card.productId, image);
      while (this.images.size > KEPT_CARDS) this.images.delete(this.images.keys().next().value as string);
    }
    return this.images.get(card.productId) ?? null;
  }

  /** A running countdown changes the picture every second; nothing else ticks. */
  private scheduleCountdown(): void {
    if (this.tick) clearTimeout(this.tick);
    this.tick = null;
    const ends = this.card?.countdownEndsAt;
    if (this.closed || !ends || !this.settings) return;
    const now = Date.now();
    if (ends + 1000 < now) return;
    const wait = 1000 - ((ends - now) % 1000) + 5;
    this.tick = setTimeout(() => {
      this.tick = null;
      if (this.settings) void this.update(this.card, this.settings);
    }, wait);
    this.tick.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.tick) clearTimeout(this.tick);
    await this.running;
    await this.writing;
  }
}
