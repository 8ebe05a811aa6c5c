import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import satori from 'satori';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProductCard } from '../../../../shared/contract/overlay';
import { silentLogger } from '../../log';
import { cardDiscount } from '../product-card';
import { DEFAULT_OVERLAY_SETTINGS } from '../settings';
import { CardPngWriter } from './card-png-writer';
import { loadCardFonts } from './fonts';
import { renderProductCardPng, renderProductCardSvg } from './render-card';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const card = (over: Partial<ProductCard> = {}): ProductCard => ({
  productId: 'p1',
  title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
  image: null,
  linkNo: 1,
  price: cny(69900),
  originalPrice: cny(89900),
  discount: cardDiscount(cny(69900), cny(89900)),
  stock: 120,
  sold: 37,
  stockLimit: null,
  countdownEndsAt: null,
  pinVersion: 1,
  pinnedAt: 0,
  ...over,
});

/** Titles of the fixture catalogue (every category) plus the card's own words. */
const CHINESE = [
  '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
  '桑蚕丝印花小方巾 53×53cm 复古花卉',
  '积雪草舒缓修护精华液 30ml',
  '水洗亚麻床品四件套 1.5/1.8m床 多色可选',
  '武夷山大红袍岩茶 特级 礼盒装 250g',
  '淡水珍珠项链 S925银扣 强光 7-8mm',
  '讲解中 限时 已售罄 限量 仅剩 已抢 库存 号链接 折 立省 刚刚下单 今日目标 目标达成 置顶',
].join('');

/** `text` drawn with the card's fonts (no filtering: the missing-glyph box is drawn as the font has it). */
async function glyphPixels(text: string): Promise<Buffer> {
  const fonts = await loadCardFonts();
  const svg = await satori(
    {
      type: 'div',
      props: { style: { display: 'flex', fontSize: 52, fontFamily: fonts.family }, children: text },
    } as never,
    { width: 64, height: 64, fonts: fonts.fonts },
  );
  return Buffer.from((await renderAsync(svg, { font: { loadSystemFonts: false } })).pixels);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('PNG card fonts', () => {
  it('covers every character of the catalogue and the card words (no tofu)', async () => {
    const fonts = await loadCardFonts();
    expect(fonts.family).toBe('Noto Sans CJK SC');
    expect(fonts.coverage.missing(CHINESE)).toEqual([]);
    expect(fonts.coverage.missing('💎')).toEqual(['💎']);
    expect(fonts.coverage.keepDrawable('真丝💎衬衫\u200d')).toBe('真丝衬衫');
  });

  it('draws real glyphs: each character differs from the missing-glyph box and from blank', async () => {
    const notdef = await glyphPixels('\u{E000}');
    const blank = await glyphPixels(' ');
    for (const ch of Array.from(new Set(Array.from('讲解中限时已售罄真丝缎面衬衫链接折¥')))) {
      const drawn = await glyphPixels(ch);
      expect(drawn.equals(notdef), `${ch} rendered as the missing-glyph box`).toBe(false);
      expect(drawn.equals(blank), `${ch} rendered as nothing`).toBe(false);
    }
  });
});

describe('PNG card', () => {
  it('draws hostile text as glyphs, never as markup', async () => {
    const svg = await renderProductCardSvg(
      card({ title: '<img src=x onerror=alert(1)> & ]]> "引号"' }),
      DEFAULT_OVERLAY_SETTINGS,
    );
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('onerror');
    const png = await renderProductCardPng(
      card({ title: '<img src=x onerror=alert(1)> & ]]>' }),
      DEFAULT_OVERLAY_SETTINGS,
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('is a 1920x1080 frame; empty when nothing is pinned', async () => {
    const full = await renderProductCardPng(card(), DEFAULT_OVERLAY_SETTINGS);
    const empty = await renderProductCardPng(null, DEFAULT_OVERLAY_SETTINGS);
    expect(full.readUInt32BE(16)).toBe(1920);
    expect(full.readUInt32BE(20)).toBe(1080);
    expect(empty.readUInt32BE(16)).toBe(1920);
    expect(full.length).toBeGreaterThan(empty.length * 3);
  });

  it('writes the file atomically and ends on the latest card after a burst', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maishou-card-'));
    dirs.push(dir);
    const path = join(dir, 'overlay', 'product-card.png');
    const writer = new CardPngWriter({ path, logger: silentLogger() });
    const burst = Array.from({ length: 10 }, (_, i) => card({ productId: `p${i}`, linkNo: i + 1, pinVersion: i + 1 }));
    const done = burst.map((c) => writer.update(c, DEFAULT_OVERLAY_SETTINGS));
    await Promise.all(done);
    await writer.close();
    expect(existsSync(path)).toBe(true);
    expect(writer.writes).toBeLessThanOrEqual(3);
    expect(readdirSync(join(dir, 'overlay'))).toEqual(['product-card.png']);
    const last = await renderProductCardPng(burst[9], DEFAULT_OVERLAY_SETTINGS);
    expect(readFileSync(path).equals(last)).toBe(true);
  });
});

describe('PNG card pictures', () => {
  it('reads only pictures inside the catalogue folder', async () => {
    const { fileImageLoader } = await import('./image-loader');
    const dir = mkdtempSync(join(tmpdir(), 'maishou-images-'));
    dirs.push(dir);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    const load = fileImageLoader(dir, (c) => c.productId);
    expect(await load(card({ productId: 'images/a.svg' }))).toMatchObject({ mime: 'image/svg+xml' });
    expect(await load(card({ productId: '../../etc/passwd' }))).toBeNull();
    expect(await load(card({ productId: 'images/missing.png' }))).toBeNull();
    expect(await load(card({ productId: 'images/a.txt' }))).toBeNull();
  });
});
