/**
 * Keeps `<dataDir>/overlay/product-card.png` equal to the card: re-rendered on every change (the latest
 * wins; a change during a render queues exactly one more), once a second while a countdown runs, and
 * written atomically (tmp + rename) so OBS never reads half a file.
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

export class CardPngWriter {
  private card: ProductCard | null = null;
  private settings: OverlaySettings | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private tick: NodeJS.Timeout | null = null;
  private closed = false;
  private imageFor: { productId: string; image: CardImage | null } | null = null;
  /** Renders written so far (tests and benchmarks wait on it). */
  writes = 0;

  constructor(private readonly options: CardPngWriterOptions) {}

  /** Schedules a render of `card` with `settings`; resolves when a file showing it (or newer) is written. */
  update(card: ProductCard | null, settings: OverlaySettings): Promise<void> {
    this.card = card;
    this.settings = settings;
    this.dirty = true;
    this.running ??= this.drain();
    return this.running;
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
    }
  }

  private async renderOnce(): Promise<void> {
    const card = this.card;
    const settings = this.settings;
    if (!settings) return;
    try {
      const png = await renderProductCardPng(card, settings, {
        fontSources: this.options.fontSources,
        image: card ? await this.image(card) : null,
      });
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
    if (this.imageFor?.productId !== card.productId) {
      let image: CardImage | null = null;
      try {
        image = await this.options.loadImage(card);
      } catch (error) {
        this.options.logger.warn({ err: error, productId: card.productId }, 'product image unavailable for PNG card');
      }
      this.imageFor = { productId: card.productId, image };
    }
    return this.imageFor.image;
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
