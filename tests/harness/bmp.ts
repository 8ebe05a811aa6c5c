/** Decodes the BMP screenshots OBS returns (GetSourceScreenshot imageFormat "bmp", 24 or 32 bits). */
export interface Pixels {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel, top row first. */
  rgb: Uint8Array;
}

export function decodeBmp(data: Buffer): Pixels {
  if (data.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP');
  const offset = data.readUInt32LE(10);
  const width = data.readInt32LE(18);
  const rawHeight = data.readInt32LE(22);
  const bpp = data.readUInt16LE(28);
  if (bpp !== 24 && bpp !== 32) throw new Error(`unsupported BMP depth ${bpp}`);
  const height = Math.abs(rawHeight);
  const bytes = bpp / 8;
  const stride = Math.ceil((width * bytes) / 4) * 4;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = rawHeight > 0 ? height - 1 - y : y;
    for (let x = 0; x < width; x++) {
      const at = offset + row * stride + x * bytes;
      const out = (y * width + x) * 3;
      rgb[out] = data[at + 2];
      rgb[out + 1] = data[at + 1];
      rgb[out + 2] = data[at];
    }
  }
  return { width, height, rgb };
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Mean absolute difference per channel (0..255) between two images inside `region`. */
export function meanDifference(a: Pixels, b: Pixels, r: Region): number {
  let sum = 0;
  let n = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * a.width + x) * 3;
      for (let c = 0; c < 3; c++) sum += Math.abs(a.rgb[i + c] - b.rgb[i + c]);
      n += 3;
    }
  }
  return sum / n;
}

/** Distinct colours (quantised to 4 bits per channel) inside `region`: a blank area has one or two. */
export function distinctColours(p: Pixels, r: Region): number {
  const seen = new Set<number>();
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * p.width + x) * 3;
      seen.add(((p.rgb[i] >> 4) << 8) | ((p.rgb[i + 1] >> 4) << 4) | (p.rgb[i + 2] >> 4));
    }
  }
  return seen.size;
}
