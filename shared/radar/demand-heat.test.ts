import { describe, expect, it } from 'vitest';
import { DemandHeat, demandKindOf } from './demand-heat';

const MIN = 60_000;

describe('DemandHeat', () => {
  it('decays with the configured half-life and ranks hottest first', () => {
    const heat = new DemandHeat({ halfLifeMs: 3 * MIN });
    for (let i = 0; i < 8; i++) heat.add('P1', 'want', 0);
    for (let i = 0; i < 4; i++) heat.add('P2', 'link', 0);
    expect(heat.heatOf('P1', 0)).toBeCloseTo(8);
    expect(heat.heatOf('P1', 3 * MIN)).toBeCloseTo(4);
    expect(heat.ranking(3 * MIN).map((e) => e.productId)).toEqual(['P1', 'P2']);
    // a fresh burst for P2 overtakes old P1 demand
    for (let i = 0; i < 6; i++) heat.add('P2', 'want', 6 * MIN);
    const r = heat.ranking(6 * MIN);
    expect(r[0].productId).toBe('P2');
    expect(r[0].heat).toBeCloseTo(6 + 4 / 4);
    expect(r[0].perMinute).toBeCloseTo(r[0].heat * (Math.LN2 / 3));
  });

  it('keeps per-minute counts', () => {
    const heat = new DemandHeat({ minutesKept: 2 });
    heat.add('P1', 'want', 10);
    heat.add('P1', 'question', 20);
    heat.add('P1', 'want', MIN + 5);
    heat.add('P1', 'link', 2 * MIN + 5);
    expect(heat.minutes('P1')).toEqual([
      { minute: MIN, want: 1, link: 0, question: 0 },
      { minute: 2 * MIN, want: 0, link: 1, question: 0 },
    ]);
  });

  it('suggests pinning the top product when it clearly beats the pinned one, without flicker', () => {
    const heat = new DemandHeat({ halfLifeMs: 3 * MIN, minHeat: 3, enterRatio: 1.5, exitRatio: 1.1 });
    for (let i = 0; i < 4; i++) heat.add('PIN', 'want', 0);
    for (let i = 0; i < 5; i++) heat.add('B', 'want', 0);
    expect(heat.suggestion(0, 'PIN')).toBeNull(); // 5 < 4 x 1.5
    heat.add('B', 'want', 0);
    expect(heat.suggestion(0, 'PIN')).toMatchObject({ productId: 'B', pinnedProductId: 'PIN' }); // 6 >= 6
    // B stays suggested while it keeps ahead by the exit ratio, even under the enter ratio
    heat.add('PIN', 'want', 0);
    expect(heat.suggestion(0, 'PIN')?.productId).toBe('B'); // 6 vs 5: above 1.1x
    // C slightly hotter than B does not steal the suggestion
    for (let i = 0; i < 7; i++) heat.add('C', 'want', 0);
    expect(heat.suggestion(0, 'PIN')?.productId).toBe('B');
    // once B is pinned there is nothing to suggest unless C clearly beats it
    expect(heat.suggestion(0, 'B')).toBeNull();
    // B falls behind the pinned product: withdrawn
    for (let i = 0; i < 3; i++) heat.add('PIN', 'want', 0);
    expect(heat.suggestion(0, 'PIN')).toBeNull();
  });

  it('maps classified comments to demand signals', () => {
    expect(demandKindOf({ intent: 'want', question: false, linkNo: null })).toBe('want');
    expect(demandKindOf({ intent: 'link', question: true, linkNo: null })).toBe('link');
    expect(demandKindOf({ intent: 'size', question: true, linkNo: 3 })).toBe('question');
    expect(demandKindOf({ intent: 'praise', question: false, linkNo: 3 })).toBeNull();
  });

  it('tracks a bounded number of products', () => {
    const heat = new DemandHeat({ maxProducts: 10 });
    for (let i = 0; i < 100; i++) heat.add(`P${i}`, 'want', i);
    expect(heat.ranking(100, 1000)).toHaveLength(10);
  });
});
