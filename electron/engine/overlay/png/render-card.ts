/**
 * Renders the product card to PNG: satori lays the card out and turns its text into glyph outlines
 * (fonts parsed once per process, then a few ms per card), resvg rasterises the result in libuv's thread
 * pool so the engine's event loop stays free.
 */
import { renderAsync } from '@resvg/resvg-js';
import satori from 'satori';
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import { FRAME_HEIGHT, FRAME_WIDTH, productFrameElement } from './card-element';
import { type CardFonts, DEFAULT_FONT_SOURCES, type FontSource, loadCardFonts } from './fonts';

export interface CardImage {
  bytes: Buffer;
  /** image/png, image/jpeg or image/svg+xml */
  mime: string;
}

export interface RenderCardOptions {
  now?: number;
  fontSources?: readonly FontSource[];
  /** The product picture; without it the card shows the link number instead. */
  image?: CardImage | null;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/svg+xml', 'image/gif']);

/** The frame as SVG (text already outlines). */
export async function renderProductCardSvg(
  card: ProductCard | null,
  settings: OverlaySettings,
  options: RenderCardOptions = {},
): Promise<string> {
  const fonts: CardFonts = await loadCardFonts(options.fontSources ?? DEFAULT_FONT_SOURCES);
  const image = options.image && IMAGE_TYPES.has(options.image.mime) ? options.image : null;
  const element = productFrameElement(card, settings, {
    now: options.now ?? Date.now(),
    imageHref: image ? `data:${image.mime};base64,${image.bytes.toString('base64')}` : null,
    fontFamily: fonts.family,
    drawable: (text) => fonts.coverage.keepDrawable(text),
  });
  // biome-ignore lint/suspicious/noExplicitAny: satori's ReactNode type; our element tree is its plain-object form
  return satori(element as any, { width: FRAME_WIDTH, height: FRAME_HEIGHT, fonts: fonts.fonts });
}

/** A 1920x1080 transparent PNG with the card at the product overlay's placement (empty when `card` is null). */
export async function renderProductCardPng(
  card: ProductCard | null,
  settings: OverlaySettings,
  options: RenderCardOptions = {},
): Promise<Buffer> {
  const svg = await renderProductCardSvg(card, settings, options);
  const rendered = await renderAsync(svg, { font: { loadSystemFonts: false }, imageRendering: 0 });
  return rendered.asPng();
}
