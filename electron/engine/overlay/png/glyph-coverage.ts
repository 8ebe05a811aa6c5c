/**
 * Which characters a set of font files can draw, read from their cmap tables (OpenType and .ttc
 * collections, as Debian's fonts-noto-cjk ships them). The PNG card checks its text against this before
 * rendering, so a character no font has is left out instead of becoming a tofu box on the stream.
 */
import { type FileHandle, open } from 'node:fs/promises';

/** Sorted, non-overlapping [first, last] code point ranges. */
export class GlyphCoverage {
  constructor(private readonly ranges: readonly (readonly [number, number])[]) {}

  static union(list: readonly GlyphCoverage[]): GlyphCoverage {
    const all = list.flatMap((c) => c.ranges).sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of all) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    return new GlyphCoverage(merged);
  }

  /** Characters both can draw. */
  intersect(other: GlyphCoverage): GlyphCoverage {
    const out: [number, number][] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a1, b1] = this.ranges[i];
      const [a2, b2] = other.ranges[j];
      const lo = Math.max(a1, a2);
      const hi = Math.min(b1, b2);
      if (lo <= hi) out.push([lo, hi]);
      if (b1 < b2) i++;
      else j++;
    }
    return new GlyphCoverage(out);
  }

  get size(): number {
    return this.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  }

  has(codePoint: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.ranges[mid];
      if (codePoint < a) hi = mid - 1;
      else if (codePoint > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Characters of `text` no font can draw (whitespace and controls are never reported). */
  missing(text: string): string[] {
    const out = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp <= 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      if (!this.has(cp)) out.add(ch);
    }
    return [...out];
  }

  /** `text` without the characters no font can draw (variation selectors and ZWJ go with them). */
  keepDrawable(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      if (cp === 0x20 || this.has(cp)) out += ch;
    }
    return out;
  }
}

async function readAt(file: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, offset);
  if (bytesRead < length) throw new Error('font file is truncated');
  return buffer;
}

interface TableRef {
  offset: number;
  length: number;
}

async function tableDirectory(file: FileHandle, offset: number): Promise<Map<string, TableRef>> {
  const head = await readAt(file, offset, 12);
  const count = head.readUInt16BE(4);
  const records = await readAt(file, offset + 12, count * 16);
  const tables = new Map<string, TableRef>();
  for (let i = 0; i < count; i++) {
    const at = i * 16;
    tables.set(records.toString('latin1', at, at + 4), {
      offset: records.readUInt32BE(at + 8),
      length: records.readUInt32BE(at + 12),
    });
  }
  return tables;
}

function familyNames(name: Buffer): string[] {
  const count = name.readUInt16BE(2);
  const stringsAt = name.readUInt16BE(4);
  const out = new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    const platform = name.readUInt16BE(at);
    const nameId = name.readUInt16BE(at + 6);
    if (platform !== 3 || (nameId !== 1 && nameId !== 16)) continue;
    const length = name.readUInt16BE(at + 8);
    const start = stringsAt + name.readUInt16BE(at + 10);
    const bytes = Buffer.from(name.subarray(start, start + length));
    out.add(bytes.swap16().toString('utf16le'));
  }
  return [...out];
}

function rangesFromCmap(cmap: Buffer): [number, number][] {
  const count = cmap.readUInt16BE(2);
  let format4: number | null = null;
  for (let i = 0; i < count; i++) {
    const at = 4 + i * 8;
    const platform = cmap.readUInt16BE(at);
    const encoding = cmap.readUInt16BE(at + 2);
    const offset = cmap.readUInt32BE(at + 4);
    const format = cmap.readUInt16BE(offset);
    if (format === 12 && (platform === 3 || platform === 0)) {
      const groups = cmap.readUInt32BE(offset + 12);
      const ranges: [number, number][] = [];
      for (let g = 0; g < groups; g++) {
        const gAt = offset + 16 + g * 12;
        ranges.push([cmap.readUInt32BE(gAt), cmap.readUInt32BE(gAt + 4)]);
      }
      return ranges;
    }
    if (format === 4 && platform === 3 && encoding === 1) format4 = offset;
  }
  if (format4 === null) return [];
  const segX2 = cmap.readUInt16BE(format4 + 6);
  const ends = format4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const covered: number[] = [];
  for (let s = 0; s < segX2 / 2; s++) {
    const end = cmap.readUInt16BE(ends + s * 2);
    const start = cmap.readUInt16BE(starts + s * 2);
    const delta = cmap.readInt16BE(deltas + s * 2);
    const ro = cmap.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (ro === 0) glyph = (c + delta) & 0xffff;
      else {
        const idAt = rangeOffsets + s * 2 + ro + (c - start) * 2;
        glyph = idAt + 2 <= cmap.length ? cmap.readUInt16BE(idAt) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) covered.push(c);
    }
  }
  const ranges: [number, number][] = [];
  for (const c of covered) {
    const last = ranges[ranges.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else ranges.push([c, c]);
  }
  return ranges;
}

export interface FontFace {
  file: string;
  index: number;
  families: string[];
  coverage: GlyphCoverage;
}

/** Every face in an .otf/.ttf/.ttc file with its family names and cmap coverage. */
export async function readFontFaces(path: string): Promise<FontFace[]> {
  const file = await open(path, 'r');
  try {
    const head = await readAt(file, 0, 12);
    const offsets: number[] = [];
    if (head.toString('latin1', 0, 4) === 'ttcf') {
      const n = head.readUInt32BE(8);
      const list = await readAt(file, 12, n * 4);
      for (let i = 0; i < n; i++) offsets.push(list.readUInt32BE(i * 4));
    } else offsets.push(0);
    const faces: FontFace[] = [];
    for (const [index, offset] of offsets.entries()) {
      const tables = await tableDirectory(file, offset);
      const cmapRef = tables.get('cmap');
      const nameRef = tables.get('name');
      if (!cmapRef) continue;
      const cmap = await readAt(file, cmapRef.offset, cmapRef.length);
      const names = nameRef ? familyNames(await readAt(file, nameRef.offset, nameRef.length)) : [];
      faces.push({ file: path, index, families: names, coverage: new GlyphCoverage(rangesFromCmap(cmap)) });
    }
    return faces;
  } finally {
    await file.close();
  }
}
