/**
 * Fonts for the PNG card: Debian's Noto Sans CJK collections (fonts-noto-cjk), which resvg reads as
 * .ttc directly, plus what the union of them can draw. Loaded once per process.
 */
import { existsSync } from 'node:fs';
import { GlyphCoverage, readFontFaces } from './glyph-coverage';

export const CARD_FONT_FAMILY = 'Noto Sans CJK SC';

/** Where Debian, Ubuntu and Fedora put the Noto CJK collections. */
export const DEFAULT_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

export interface CardFonts {
  files: string[];
  family: string;
  coverage: GlyphCoverage;
}

const cache = new Map<string, Promise<CardFonts>>();

/** The card fonts found among `candidates`; rejects when none can draw Chinese. */
export function loadCardFonts(candidates: readonly string[] = DEFAULT_FONT_FILES): Promise<CardFonts> {
  const key = candidates.join('\n');
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const files = candidates.filter((f) => existsSync(f));
      const faces = (await Promise.all(files.map((f) => readFontFaces(f)))).flat();
      const coverage = GlyphCoverage.union(faces.map((f) => f.coverage));
      if (!coverage.has(0x4e2d /* 中 */)) {
        throw new Error(
          `No Chinese font found for the PNG card (looked for ${candidates.join(', ')}); install fonts-noto-cjk`,
        );
      }
      const family = faces.some((f) => f.families.includes(CARD_FONT_FAMILY))
        ? CARD_FONT_FAMILY
        : (faces.find((f) => f.coverage.has(0x4e2d))?.families[0] ?? CARD_FONT_FAMILY);
      return { files, family, coverage };
    })();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
