import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProductCard } from '../../../../shared/contract/overlay';
import { silentLogger } from '../../log';
import { DEFAULT_OVERLAY_SETTINGS } from '../settings';
import { CardPngWriter } from './card-png-writer';
import { renderProductCardPng } from './render-card';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const card = (over: Partial<ProductCard> = {}): ProductCard => ({
  productId: 'p1',
  title: '桑蚕丝印花小方巾 53×53cm 复古花卉',
  image: null,
  linkNo: 1,
  price: cny(25900),
  originalPrice: null,
  discount: null,
  stock: 40,
  sold: 3,
  stockLimit: null,
  countdownEndsAt: null,
  pinVersion: 1,
  pinnedAt: 0,
  ...over,
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('CardPngWriter render-ahead', () => {
  it('writes a card rendered ahead at once, not after a render in flight, which never overwrites it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maishou-writer-'));
    dirs.push(dir);
    const path = join(dir, 'overlay', 'product-card.png');
    const written: string[] = [];
    const writer = new CardPngWriter({
      path,
      logger: silentLogger(),
      onWritten: (_p, c) => written.push(c?.productId ?? 'none'),
    });
    const ahead = card({ productId: 'ahead', linkNo: 2 });
    writer.prerender([ahead], DEFAULT_OVERLAY_SETTINGS);
    await writer.aheadSettled();
    // A card with a running countdown is never kept: its render takes its time (fonts parsed already).
    const counting = card({ productId: 'counting', linkNo: 3, countdownEndsAt: Date.now() + 60_000 });
    let countingDone = false;
    void writer.update(counting, DEFAULT_OVERLAY_SETTINGS).then(() => {
      countingDone = true;
    });
    // The pin of the card rendered ahead, while that render runs.
    await writer.update({ ...ahead, pinVersion: 2, pinnedAt: 5 }, DEFAULT_OVERLAY_SETTINGS);
    expect(countingDone).toBe(false);
    expect(writer.hits).toBe(1);
    expect(written).toEqual(['ahead']);
    await writer.settled();
    await writer.close();
    // The older card's render ended after the pin: dropped, the file still shows the pinned card.
    expect(written).toEqual(['ahead']);
    const expected = await renderProductCardPng(ahead, DEFAULT_OVERLAY_SETTINGS);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });
});
