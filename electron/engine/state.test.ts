import { describe, expect, it } from 'vitest';
import { StateStore } from './state';

describe('StateStore', () => {
  it('coalesces changes of one tick into one patch with only the changed slices', async () => {
    const store = new StateStore({ a: 1, b: 'x', c: true });
    const patches: unknown[] = [];
    store.on('patch', (p) => patches.push(p));
    store.set('a', 2);
    store.set('a', 3);
    store.set('b', 'y');
    store.set('c', true); // unchanged: not in the patch
    expect(patches).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(patches).toEqual([{ a: 3, b: 'y' }]);
    expect(store.get()).toEqual({ a: 3, b: 'y', c: true });
  });
});
