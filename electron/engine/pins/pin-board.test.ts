import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/errors';
import { PinBoard } from './pin-board';

function board(order = ['a', 'b', 'c']) {
  let clock = 1_000;
  const b = new PinBoard(
    () => order,
    undefined,
    () => clock,
  );
  return { b, tick: (ms: number) => (clock += ms) };
}

describe('PinBoard', () => {
  it('pins, moves and unpins with a growing version', () => {
    const { b, tick } = board();
    expect(b.set('b')).toEqual({ pinned: { productId: 'b', since: 1000, version: 1 } });
    tick(500);
    expect(b.next().pinned).toEqual({ productId: 'c', since: 1500, version: 2 });
    expect(b.previous().pinned?.productId).toBe('b');
    expect(b.clear()).toEqual({ pinned: null });
    expect(b.state.version).toBe(4);
  });

  it('next with nothing pinned pins the first; the ends answer atEnd and change nothing', () => {
    const { b } = board();
    expect(b.next().pinned?.productId).toBe('a');
    expect(b.previous()).toEqual({ pinned: b.state.pinned, atEnd: true });
    b.set('c');
    const before = b.state.version;
    expect(b.next()).toMatchObject({ pinned: { productId: 'c' }, atEnd: true });
    expect(b.state.version).toBe(before);
    b.clear();
    expect(b.previous()).toEqual({ pinned: null, atEnd: true });
  });

  it('refuses a stale command with the current state, and unknown products', () => {
    const { b } = board();
    b.set('a'); // version 1
    b.set('b', { expectedVersion: 1 }); // version 2: assistant was first
    try {
      b.set('c', { expectedVersion: 1 }); // host pressed against version 1
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StudioError);
      const e = error as StudioError;
      expect(e.status).toBe(409);
      expect(e.toBody()).toMatchObject({ error: { code: 'stale_pin' }, pinned: { productId: 'b', version: 2 } });
    }
    expect(b.state.pinned?.productId).toBe('b');
    expect(() => b.set('zzz')).toThrow(/No product zzz/);
    expect(b.state.version).toBe(2);
  });

  it('sets a countdown and stock limit for a pin and drops them on the next pin', () => {
    const { b } = board();
    b.set('a', { countdownSeconds: 60, stockLimit: 50 });
    expect(b.state.countdownEndsAt).toBe(61_000);
    expect(b.state.stockLimit).toBe(50);
    b.next();
    expect(b.state.countdownEndsAt).toBeNull();
    expect(b.state.stockLimit).toBeNull();
  });

  it('repinning the pinned product is not a change; a removed product unpins', () => {
    const { b } = board();
    const changes: number[] = [];
    b.onChange((s) => changes.push(s.version));
    b.set('a');
    b.set('a');
    b.productRemoved('b');
    b.productRemoved('a');
    expect(changes).toEqual([1, 2]);
    expect(b.state.pinned).toBeNull();
  });
});
