/**
 * The 讲解中 card as a satori element tree (flexbox, like the product page's CSS), placed on a
 * transparent 1920x1080 frame where the product overlay's placement puts it, so the image source lines
 * up with the browser-source layout. Pure: time, picture and the drawable-text filter are passed in.
 * Text is data here (satori draws it as glyph outlines), never markup.
 */
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import {
  countdownText,
  currencySign,
  overlayWords,
  priceText,
  stockLine,
  yuanShort,
} from '../../../../shared/overlay-text';

export const FRAME_WIDTH = 1920;
export const FRAME_HEIGHT = 1080;
export const CARD_WIDTH = 640;
export const CARD_HEIGHT = 272;

type Style = Record<string, string | number>;
export interface Element {
  type: string;
  props: {
    style?: Style;
    children?: Element | string | (Element | string)[];
    src?: string;
    width?: number;
    height?: number;
  };
}

const div = (style: Style, children?: Element['props']['children']): Element => ({
  type: 'div',
  props: { style: { display: 'flex', ...style }, children },
});

export interface CardElementOptions {
  now: number;
  /** The product picture as a data: URI, or null for the link-number placeholder. */
  imageHref: string | null;
  fontFamily: string;
  /** Removes characters no loaded font can draw. */
  drawable: (text: string) => string;
}

const THEMES = {
  light: {
    bg: 'rgba(255,255,255,0.97)',
    text: '#1d1d1f',
    muted: '#8a8a8e',
    line: '#ececf0',
    shadow: 'rgba(0,0,0,0.28)',
  },
  dark: { bg: 'rgba(24,24,29,0.94)', text: '#ffffff', muted: '#a1a1aa', line: '#2c2c34', shadow: 'rgba(0,0,0,0.5)' },
} as const;
const TONES = { low: '#ff6a00', out: '#9a9aa0' } as const;

/** #rrggbb at `alpha` as rgba() (satori has no color-mix). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export function productCardElement(card: ProductCard, settings: OverlaySettings, o: CardElementOptions): Element {
  const t = THEMES[settings.theme];
  const w = overlayWords(settings.language);
  const brand = settings.brandColor;
  const d = o.drawable;
  const stock = stockLine(card, settings.language);

  let band: string | null = null;
  if (stock.tone === 'out') band = w.soldOut;
  else if (card.countdownEndsAt !== null)
    band = card.countdownEndsAt > o.now ? `${w.countdown} ${countdownText(card.countdownEndsAt, o.now)}` : w.ended;

  const pic = div(
    {
      position: 'relative',
      width: 232,
      height: 232,
      borderRadius: 20,
      overflow: 'hidden',
      backgroundColor: withAlpha(brand, 0.14),
      flexShrink: 0,
    },
    [
      div(
        {
          position: 'absolute',
          left: 0,
          top: 0,
          width: 232,
          height: 232,
          alignItems: 'center',
          justifyContent: 'center',
        },
        [div({ fontSize: 80, fontWeight: 700, color: brand }, String(card.linkNo))],
      ),
      ...(o.imageHref
        ? [
            {
              type: 'img',
              props: {
                src: o.imageHref,
                width: 232,
                height: 232,
                style: { position: 'absolute', left: 0, top: 0, width: 232, height: 232, objectFit: 'cover' },
              },
            } satisfies Element,
          ]
        : []),
      div(
        {
          position: 'absolute',
          left: 12,
          top: 12,
          height: 36,
          paddingLeft: 14,
          paddingRight: 16,
          borderRadius: 18,
          backgroundColor: brand,
          alignItems: 'center',
        },
        [
          div({ width: 10, height: 10, borderRadius: 5, backgroundColor: '#ffffff', marginRight: 8 }),
          div({ fontSize: 20, fontWeight: 700, color: '#ffffff' }, d(w.live)),
        ],
      ),
      ...(band
        ? [
            div(
              {
                position: 'absolute',
                left: 0,
                bottom: 0,
                width: 232,
                height: 48,
                backgroundColor: 'rgba(0,0,0,0.82)',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 24,
                fontWeight: 700,
                color: '#ffffff',
              },
              d(band),
            ),
          ]
        : []),
    ],
  );

  const tag = (text: string, filled: boolean) =>
    div(
      {
        height: 34,
        paddingLeft: 10,
        paddingRight: 10,
        borderRadius: 8,
        border: `2px solid ${brand}`,
        backgroundColor: filled ? brand : 'transparent',
        color: filled ? '#ffffff' : brand,
        fontSize: 20,
        fontWeight: 700,
        alignItems: 'center',
        marginRight: 10,
      },
      d(text),
    );

  const info = div({ flexDirection: 'column', width: CARD_WIDTH - 20 - 232 - 24 - 24, marginLeft: 24, height: 232 }, [
    div({ marginTop: 2 }, [
      tag(w.link(card.linkNo), false),
      ...(card.discount ? [tag(w.zhe(card.discount.zheTenths), true)] : []),
    ]),
    {
      type: 'div',
      props: {
        style: {
          display: 'block',
          marginTop: 10,
          fontSize: 28,
          lineHeight: '38px',
          height: 76,
          fontWeight: 700,
          color: t.text,
          lineClamp: 2,
          overflow: 'hidden',
          wordBreak: 'break-word',
        },
        children: d(card.title),
      },
    },
    div({ marginTop: 4, alignItems: 'baseline', color: brand, fontWeight: 700 }, [
      div({ fontSize: 30 }, d(currencySign(card.price))),
      div({ fontSize: 60, lineHeight: '64px', marginLeft: 2 }, d(yuanShort(card.price))),
      ...(card.originalPrice
        ? [
            div(
              { fontSize: 24, fontWeight: 400, color: t.muted, marginLeft: 14, textDecoration: 'line-through' },
              d(priceText(card.originalPrice)),
            ),
          ]
        : []),
    ]),
    div({ flexGrow: 1 }),
    div(
      {
        paddingTop: 6,
        borderTop: `2px solid ${t.line}`,
        fontSize: 22,
        fontWeight: stock.tone === 'normal' ? 400 : 700,
        color: stock.tone === 'normal' ? t.muted : TONES[stock.tone],
      },
      d(stock.text),
    ),
  ]);

  const place = settings.placement.product;
  return div(
    {
      position: 'absolute',
      left: place.x,
      top: place.y,
      // satori sizes the content box: the card's outer size is CARD_WIDTH x CARD_HEIGHT with the padding.
      width: CARD_WIDTH - 44,
      height: CARD_HEIGHT - 40,
      padding: '20px 24px 20px 20px',
      borderRadius: 28,
      backgroundColor: t.bg,
      boxShadow: `0 8px 24px ${t.shadow}`,
      transform: `scale(${place.scale})`,
      transformOrigin: 'top left',
      fontFamily: o.fontFamily,
    },
    [pic, info],
  );
}

/** The whole transparent frame: the card when something is pinned (and the overlay is visible). */
export function productFrameElement(
  card: ProductCard | null,
  settings: OverlaySettings,
  o: CardElementOptions,
): Element {
  const show = card && settings.placement.product.visible;
  return div(
    { position: 'relative', width: FRAME_WIDTH, height: FRAME_HEIGHT, backgroundColor: 'transparent' },
    show ? [productCardElement(card, settings, o)] : [],
  );
}
