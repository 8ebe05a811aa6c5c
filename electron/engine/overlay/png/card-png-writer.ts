/**
 * Keeps `<dataDir>/overlay/product-card.png` equal to the card: re-rendered on every change (the latest
 * wins; a change during a render queues exactly one more), once a second while a countdown runs, and
 * written atomically (tmp + rename) so OBS never reads half a file.
 *
 * Render ahead: rendering takes a few hundred ms, a pin must reach the picture within 3 frames. Cards
 * asked for with `prerender` (the pinned product's run-of-show neighbours) are rendered while the
 * writer is idle and kept in memory by their content, so a pin of one of them only writes the file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import type { Logger } from '../../log';
import type { FontSource } from './fonts';
import { type CardImage, renderProductCardPng } from './render-card';

export interface CardPngWriterOptions {
  path: string;
  logger: Logger;
  fontSources?: readonly FontSource[];
  loadImage?: (card: ProductCard) => Promise<CardImage | null>;
  /** Called after each write (the hub nudges OBS to reload the file at once). */
  onWritten?: (path: string, card: ProductCard | null) => void;
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
    this.dirty = true;
    this.running ??= this.drain();
    return this.running;
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
    const key = card && !card.countdownEndsAt ? cardKey(card, settings) : null;
    const kept = key ? this.rendered.get(key) : undefined;
    if (key && kept) {
      this.rendered.delete(key);
      this.rendered.set(key, kept);
      return kept;
    }
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
    if (!settings) return;
    try {
      // Wait for a card being rendered ahead: it may be this one.
      if (this.aheadRunning) await this.aheadRunning;
      const before = card && !card.countdownEndsAt && this.rendered.has(cardKey(card, settings));
      const png = await this.render(card, settings);
      if (before) this.hits++;
      await mkdir(dirname(this.options.path), { recursive: true });
      const tmp = `${this.options.path}.${process.pid}.tmp`;
      await writeFile(tmp, png);
      await rename(tmp, this.options.path);
      this.writes++;
      this.options.onWritten?.(this.options.path, card);
    } catch (error) {
      this.options.logger.error({ err: error }, 'product card PNG render failed');
    }
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
  }
}
