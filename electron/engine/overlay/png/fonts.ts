/**
 * Fonts for the PNG card. Debian's fonts-noto-cjk ships only .ttc collections, which satori cannot read
 * (it rejects `ttcf`); so the Simplified Chinese face is copied out of each collection into a standalone
 * OpenType font (its own table directory, the same table bytes), once per process. What the faces can
 * draw is read from their cmap, so text is checked before rendering and never shows tofu boxes.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import { type GlyphCoverage, readFontFaces } from './glyph-coverage';

export const CARD_FONT_FAMILY = 'Noto Sans CJK SC';

export interface FontSource {
  /** .ttc collection or standalone .otf/.ttf */
  file: string;
  weight: 400 | 700;
  /** Face to take from a collection (a family name in its name table); else the Noto SC face, else any with 中. */
  family?: string;
}

const noto = (dir: string, regular: string, bold: string): FontSource[] => [
  { file: join(dir, regular), weight: 400 },
  { file: join(dir, bold), weight: 700 },
];

/**
 * The system font folders of each OS, best first: Noto Sans CJK where installed (the same face on every
 * OS), then what the OS ships with: Microsoft YaHei (微软雅黑) on Windows, PingFang SC (苹方) and
 * Hiragino Sans GB on macOS. The glyph check still decides what a face can draw.
 */
export function fontSourcesFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}, home = homedir()): FontSource[] {
  if (platform === 'win32') {
    const fonts = win32.join(env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows', 'Fonts');
    const user = win32.join(env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local'), 'Microsoft', 'Windows', 'Fonts');
    return [
      ...[user, fonts].flatMap((d) => [
        { file: win32.join(d, 'NotoSansCJKsc-Regular.otf'), weight: 400 as const },
        { file: win32.join(d, 'NotoSansCJKsc-Bold.otf'), weight: 700 as const },
      ]),
      { file: win32.join(fonts, 'msyh.ttc'), weight: 400, family: 'Microsoft YaHei' },
      { file: win32.join(fonts, 'msyhbd.ttc'), weight: 700, family: 'Microsoft YaHei' },
      { file: win32.join(fonts, 'simhei.ttf'), weight: 400 },
    ];
  }
  if (platform === 'darwin') {
    return [
      ...['/Library/Fonts', join(home, 'Library', 'Fonts')].flatMap((d) =>
        noto(d, 'NotoSansCJKsc-Regular.otf', 'NotoSansCJKsc-Bold.otf'),
      ),
      { file: '/System/Library/Fonts/PingFang.ttc', weight: 400, family: 'PingFang SC' },
      { file: '/System/Library/Fonts/PingFang.ttc', weight: 700, family: 'PingFang SC' },
      { file: '/System/Library/Fonts/Hiragino Sans GB.ttc', weight: 400 },
      { file: '/System/Library/Fonts/STHeiti Medium.ttc', weight: 700 },
    ];
  }
  // Debian/Ubuntu (fonts-noto-cjk), Fedora (google-noto-sans-cjk), Arch (noto-fonts-cjk), user fonts
  return [
    ...noto('/usr/share/fonts/opentype/noto', 'NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc'),
    ...noto('/usr/share/fonts/google-noto-cjk', 'NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc'),
    ...noto('/usr/share/fonts/noto-cjk', 'NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc'),
    ...noto(join(home, '.local', 'share', 'fonts'), 'NotoSansCJKsc-Regular.otf', 'NotoSansCJKsc-Bold.otf'),
  ];
}

export const DEFAULT_FONT_SOURCES: FontSource[] = fontSourcesFor(process.platform, process.env);

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

export interface CardFonts {
  family: string;
  fonts: CardFont[];
  /** Characters every loaded weight can draw. */
  coverage: GlyphCoverage;
}

/** Copies face `index` of a TrueType/OpenType collection into a standalone font file. */
export function extractFace(collection: Buffer, index: number): Buffer {
  if (collection.toString('latin1', 0, 4) !== 'ttcf') return collection;
  const offset = collection.readUInt32BE(12 + index * 4);
  const count = collection.readUInt16BE(offset + 4);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = offset + 12 + i * 16;
    return {
      tag: collection.toString('latin1', at, at + 4),
      checksum: collection.readUInt32BE(at + 4),
      start: collection.readUInt32BE(at + 8),
      length: collection.readUInt32BE(at + 12),
    };
  });
  const headerLength = 12 + count * 16;
  const size = tables.reduce((n, t) => n + ((t.length + 3) & ~3), headerLength);
  const out = Buffer.alloc(size);
  collection.copy(out, 0, offset, offset + 12); // sfnt version and search fields
  let cursor = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(cursor, at + 8);
    out.writeUInt32BE(t.length, at + 12);
    collection.copy(out, cursor, t.start, t.start + t.length);
    cursor += (t.length + 3) & ~3;
  });
  return out;
}

let cached: { key: string; fonts: Promise<CardFonts> } | null = null;

/** The card's fonts (one per weight) from the first sources that exist; rejects when none draws Chinese. */
export function loadCardFonts(sources: readonly FontSource[] = DEFAULT_FONT_SOURCES): Promise<CardFonts> {
  const key = JSON.stringify(sources);
  if (cached?.key === key) return cached.fonts;
  const fonts = (async (): Promise<CardFonts> => {
    const loaded: CardFont[] = [];
    const coverages: GlyphCoverage[] = [];
    for (const weight of [400, 700] as const) {
      const source = sources.find((s) => s.weight === weight && existsSync(s.file));
      if (!source) continue;
      const faces = await readFontFaces(source.file);
      const face =
        (source.family ? faces.find((f) => f.families.includes(source.family as string)) : undefined) ??
        faces.find((f) => f.families.includes(CARD_FONT_FAMILY)) ??
        faces.find((f) => f.coverage.has(0x4e2d));
      if (!face) continue;
      loaded.push({
        name: CARD_FONT_FAMILY,
        data: extractFace(await readFile(source.file), face.index),
        weight,
        style: 'normal',
      });
      coverages.push(face.coverage);
    }
    if (loaded.length === 0 || !coverages.every((c) => c.has(0x4e2d /* 中 */))) {
      throw new Error(
        `No Chinese font for the PNG card (looked for ${sources.map((s) => s.file).join(', ')}); install Noto Sans CJK SC (fonts-noto-cjk on Debian/Ubuntu)`,
      );
    }
    // A weight missing: the other stands in for it.
    if (loaded.length === 1) loaded.push({ ...loaded[0], weight: loaded[0].weight === 400 ? 700 : 400 });
    const coverage = coverages.reduce((a, b) => a.intersect(b));
    return { family: CARD_FONT_FAMILY, fonts: loaded, coverage };
  })();
  fonts.catch(() => {
    if (cached?.fonts === fonts) cached = null;
  });
  cached = { key, fonts };
  return fonts;
}
