import { describe, expect, it } from 'vitest';
import { slotToLoad } from './obs-card-slots';

const slot = (index: number, key: string | null, usedAt: number) => ({ index, key, usedAt });

describe('slotToLoad', () => {
  it('never picks the shown slot, prefers empty or unwanted slots, least recently used first', () => {
    const slots = [slot(0, 'a', 9), slot(1, 'b', 3), slot(2, null, 5), slot(3, 'c', 1)];
    // c is wanted: b (used at 3) and the empty slot (5) are free; b is older.
    expect(slotToLoad(slots, 0, new Set(['c']))).toBe(1);
    // The shown slot holds the oldest unwanted card but is never chosen.
    expect(slotToLoad(slots, 3, new Set(['b']))).toBe(2);
  });

  it('answers null when every hidden slot holds a wanted card', () => {
    const slots = [slot(0, 'a', 1), slot(1, 'b', 2), slot(2, 'c', 3)];
    expect(slotToLoad(slots, 0, new Set(['b', 'c']))).toBeNull();
    expect(slotToLoad([slot(0, 'a', 1)], 0, new Set())).toBeNull();
  });
});
