/**
 * Renders the product card to PNG with resvg (in libuv's thread pool: the engine's event loop stays
 * free during a chat flood) using the system's Noto CJK fonts.
 */
import { renderAsync } from '@resvg/resvg-js';
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import { productFrameSvg } from './card-svg';
import { DEFAULT_FONT_FILES, loadCardFonts } from './fonts';

export interface CardImage {
  bytes: Buffer;
  /** image/png, image/jpeg or image/svg+xml */
  mime: string;
}

export interface RenderCardOptions {
  now?: number;
  fontFiles?: readonly string[];
  /** The product picture; without it the card shows the link number instead. */
  image?: CardImage | null;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp', 'image/gif']);

/** A 1920x1080 transparent PNG with the card at the product overlay's placement (empty when `card` is null). */
export async function renderProductCardPng(
  card: ProductCard | null,
  settings: OverlaySettings,
  options: RenderCardOptions = {},
): Promise<Buffer> {
  const fonts = await loadCardFonts(options.fontFiles ?? DEFAULT_FONT_FILES);
  const image = options.image && IMAGE_TYPES.has(options.image.mime) ? options.image : null;
  const svg = productFrameSvg(card, settings, {
    now: options.now ?? Date.now(),
    coverage: fonts.coverage,
    fontFamily: fonts.family,
    imageHref: image ? `data:${image.mime};base64,${image.bytes.toString('base64')}` : null,
  });
  const rendered = await renderAsync(svg, {
    font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: fonts.family },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  return rendered.asPng();
}
