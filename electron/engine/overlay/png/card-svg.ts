/**
 * The 讲解中 card as SVG, for OBS builds without a browser source. Same look and words as the product
 * page (shared/overlay-text.ts). Pure: fonts' coverage, the time and the embedded picture are passed in.
 * Every piece of text is XML-escaped and stripped of characters no font can draw (no tofu boxes).
 */
import type { OverlaySettings, ProductCard } from '../../../../shared/contract/overlay';
import { clip, countdownText, currencySign, overlayWords, stockLine, yuanShort } from '../../../../shared/overlay-text';
import type { GlyphCoverage } from './glyph-coverage';

export const CARD_WIDTH = 640;
export const CARD_HEIGHT = 272;
export const FRAME_WIDTH = 1920;
export const FRAME_HEIGHT = 1080;

export interface CardSvgOptions {
  now: number;
  coverage: GlyphCoverage;
  fontFamily: string;
  /** The product picture as a data: URI (PNG, JPEG or SVG), or null for the link-number placeholder. */
  imageHref: string | null;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** Approximate advance in em: full-width for CJK and symbols, narrower for Latin and digits. */
function advance(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80 || (cp >= 0xff00 && cp <= 0xffef)) return 1;
  if (ch === ' ') return 0.28;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[A-Z]/.test(ch)) return 0.64;
  return 0.5;
}

export const textWidth = (text: string, size: number): number =>
  Array.from(text).reduce((w, ch) => w + advance(ch), 0) * size;

/** Breaks `text` into at most `maxLines` lines of `width`, the last ending in "…" when cut. */
export function wrapLines(text: string, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const a = advance(ch) * size;
    if (w + a > width && line !== '') {
      if (lines.length === maxLines - 1) {
        let cut = Array.from(line);
        while (cut.length > 0 && textWidth(`${cut.join('')}…`, size) > width) cut = cut.slice(0, -1);
        lines.push(`${cut.join('').trimEnd()}…`);
        return lines;
      }
      // Never split a Latin word or a number: carry its start over to the next line.
      let carry = '';
      if (/[A-Za-z0-9]/.test(ch)) {
        const word = /[A-Za-z0-9.,%+-]+$/.exec(line)?.[0] ?? '';
        if (word && word.length < line.length) {
          carry = word;
          line = line.slice(0, -word.length);
        }
      }
      lines.push(line.trimEnd());
      line = ch === ' ' && !carry ? '' : carry + ch;
      w = textWidth(line, size);
    } else {
      line += ch;
      w += a;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const THEMES = {
  light: { bg: '#ffffff', bgOpacity: 0.97, text: '#1d1d1f', muted: '#8a8a8e', line: '#ececf0', shadow: 0.28 },
  dark: { bg: '#18181d', bgOpacity: 0.94, text: '#ffffff', muted: '#a1a1aa', line: '#2c2c34', shadow: 0.5 },
} as const;

const TONES = { normal: null, low: '#ff6a00', out: '#9a9aa0' } as const;

/** The card alone, at layout scale 1, as an SVG fragment (a `<g>`) plus the `<defs>` it needs. */
export function productCardGroup(
  card: ProductCard,
  settings: OverlaySettings,
  o: CardSvgOptions,
): { defs: string; body: string } {
  const t = THEMES[settings.theme];
  const w = overlayWords(settings.language);
  const brand = settings.brandColor;
  const font = escapeXml(o.fontFamily);
  const safe = (text: string) => escapeXml(o.coverage.keepDrawable(text));
  const img = { x: 20, y: 20, size: 232 };
  const col = 276;
  const colWidth = CARD_WIDTH - col - 24;
  const parts: string[] = [];

  parts.push(
    `<rect x="0" y="0" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="28" fill="${t.bg}" fill-opacity="${t.bgOpacity}" filter="url(#card-shadow)"/>`,
  );
  // Picture (or the link number on a brand tint), clipped to rounded corners.
  if (o.imageHref) {
    parts.push(
      `<image href="${escapeXml(o.imageHref)}" x="${img.x}" y="${img.y}" width="${img.size}" height="${img.size}" preserveAspectRatio="xMidYMid slice" clip-path="url(#card-img)"/>`,
    );
  } else {
    parts.push(
      `<rect x="${img.x}" y="${img.y}" width="${img.size}" height="${img.size}" rx="20" fill="${brand}" fill-opacity="0.14"/>`,
      `<text x="${img.x + img.size / 2}" y="${img.y + img.size / 2 + 28}" text-anchor="middle" font-family="${font}" font-weight="700" font-size="80" fill="${brand}">${card.linkNo}</text>`,
    );
  }
  // 讲解中 pill on the picture.
  const liveText = safe(w.live);
  const liveW = textWidth(liveText, 20) + 48;
  parts.push(
    `<rect x="${img.x + 12}" y="${img.y + 12}" width="${liveW}" height="36" rx="18" fill="${brand}"/>`,
    `<circle cx="${img.x + 30}" cy="${img.y + 30}" r="5" fill="#ffffff"/>`,
    `<text x="${img.x + 42}" y="${img.y + 37}" font-family="${font}" font-weight="700" font-size="20" fill="#ffffff">${liveText}</text>`,
  );
  // Countdown band at the bottom of the picture, or 已售罄 when nothing is left.
  const stock = stockLine(card, settings.language);
  const band = (text: string, fill: string) =>
    parts.push(
      `<rect x="${img.x}" y="${img.y + img.size - 48}" width="${img.size}" height="48" fill="${fill}" fill-opacity="0.82" clip-path="url(#card-img)"/>`,
      `<text x="${img.x + img.size / 2}" y="${img.y + img.size - 16}" text-anchor="middle" font-family="${font}" font-weight="700" font-size="24" fill="#ffffff">${safe(text)}</text>`,
    );
  if (stock.tone === 'out') band(w.soldOut, '#000000');
  else if (card.countdownEndsAt !== null) {
    const left = card.countdownEndsAt - o.now;
    band(left > 0 ? `${w.countdown} ${countdownText(card.countdownEndsAt, o.now)}` : w.ended, '#000000');
  }

  // Row 1: link number and discount.
  const link = safe(w.link(card.linkNo));
  const linkW = textWidth(link, 20) + 24;
  parts.push(
    `<rect x="${col}" y="26" width="${linkW}" height="34" rx="8" fill="none" stroke="${brand}" stroke-width="2"/>`,
    `<text x="${col + 12}" y="50" font-family="${font}" font-weight="700" font-size="20" fill="${brand}">${link}</text>`,
  );
  if (card.discount) {
    const zhe = safe(w.zhe(card.discount.zheTenths));
    const zheW = textWidth(zhe, 20) + 24;
    parts.push(
      `<rect x="${col + linkW + 10}" y="26" width="${zheW}" height="34" rx="8" fill="${brand}"/>`,
      `<text x="${col + linkW + 22}" y="50" font-family="${font}" font-weight="700" font-size="20" fill="#ffffff">${zhe}</text>`,
    );
  }
  // Rows 2-3: title, two lines at most.
  const title = wrapLines(o.coverage.keepDrawable(card.title), 28, colWidth, 2);
  title.forEach((line, i) => {
    parts.push(
      `<text x="${col}" y="${100 + i * 38}" font-family="${font}" font-weight="700" font-size="28" fill="${t.text}">${escapeXml(line)}</text>`,
    );
  });
  // Row 4: price, original price struck through.
  const sign = safe(currencySign(card.price));
  const amount = safe(yuanShort(card.price));
  const signW = textWidth(sign, 30);
  const amountW = textWidth(amount, 60);
  parts.push(
    `<text x="${col}" y="214" font-family="${font}" font-weight="700" font-size="30" fill="${brand}">${sign}</text>`,
    `<text x="${col + signW + 2}" y="214" font-family="${font}" font-weight="700" font-size="60" fill="${brand}">${amount}</text>`,
  );
  if (card.originalPrice) {
    const orig = safe(`${currencySign(card.originalPrice)}${yuanShort(card.originalPrice)}`);
    const x = col + signW + amountW + 16;
    const origW = textWidth(orig, 24);
    if (x + origW <= CARD_WIDTH - 16) {
      parts.push(
        `<text x="${x}" y="212" font-family="${font}" font-size="24" fill="${t.muted}">${orig}</text>`,
        `<line x1="${x - 2}" y1="203" x2="${x + origW + 2}" y2="203" stroke="${t.muted}" stroke-width="2"/>`,
      );
    }
  }
  // Row 5: stock or sold.
  const toneColor = TONES[stock.tone] ?? t.muted;
  parts.push(
    `<line x1="${col}" y1="230" x2="${CARD_WIDTH - 24}" y2="230" stroke="${t.line}" stroke-width="2"/>`,
    `<text x="${col}" y="258" font-family="${font}" font-weight="${stock.tone === 'normal' ? 400 : 700}" font-size="22" fill="${toneColor}">${safe(clip(stock.text, 24))}</text>`,
  );

  const defs = [
    `<filter id="card-shadow" x="-10%" y="-10%" width="120%" height="130%"><feDropShadow dx="0" dy="8" stdDeviation="12" flood-color="#000000" flood-opacity="${t.shadow}"/></filter>`,
    `<clipPath id="card-img"><rect x="${img.x}" y="${img.y}" width="${img.size}" height="${img.size}" rx="20"/></clipPath>`,
  ].join('');
  return { defs, body: parts.join('') };
}

/**
 * The whole 1920x1080 frame (transparent) with the card where the product overlay's placement puts it,
 * so the image source lines up with the browser-source layout. An empty frame when nothing is pinned.
 */
export function productFrameSvg(card: ProductCard | null, settings: OverlaySettings, o: CardSvgOptions): string {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${FRAME_WIDTH}" height="${FRAME_HEIGHT}" viewBox="0 0 ${FRAME_WIDTH} ${FRAME_HEIGHT}">`;
  const place = settings.placement.product;
  if (!card || !place.visible) return `${open}</svg>`;
  const { defs, body } = productCardGroup(card, settings, o);
  return `${open}<defs>${defs}</defs><g transform="translate(${place.x} ${place.y}) scale(${place.scale})">${body}</g></svg>`;
}
