import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/events';
import { SessionTally } from './session-tally';

const T0 = 1_764_064_800_000;
let seq = 0;
const paid = (
  orderId: string,
  at: number,
  sku: string,
  qty: number,
  unit: number,
  total: number | null = unit * qty,
): LiveEvent => ({
  v: 1,
  id: `p:${orderId}:${++seq}`,
  seq,
  room: 'r',
  receivedAt: at,
  platform: 'xhs',
  kind: 'order.paid',
  occurredAt: at,
  data: {
    orderId,
    items: [{ sku, qty, unitPrice: { amount: unit, currency: 'CNY' } }],
    total: total === null ? null : { amount: total, currency: 'CNY' },
  },
});

describe('SessionTally', () => {
  const tally = () => new SessionTally(T0, 'CNY', (sku) => (sku.startsWith('S') ? `P-${sku}` : null));

  it('counts each order once, even when it is delivered again', () => {
    const t = tally();
    t.add([
      paid('o1', T0 + 1000, 'SA', 2, 100),
      paid('o1', T0 + 1000, 'SA', 2, 100),
      paid('o2', T0 + 61_000, 'SB', 1, 500),
    ]);
    expect(t.perProduct()).toEqual({
      'P-SA': { productId: 'P-SA', soldUnits: 2, gmv: { amount: 200, currency: 'CNY' } },
      'P-SB': { productId: 'P-SB', soldUnits: 1, gmv: { amount: 500, currency: 'CNY' } },
    });
    expect(t.gmvPerMinute(T0 + 90_000)).toEqual([200, 500]);
  });

  it('ignores orders paid before the session and lines of unknown products', () => {
    const t = tally();
    t.add([paid('old', T0 - 1, 'SA', 1, 100), paid('x', T0 + 5, 'ZZ', 1, 100)]);
    expect(t.perProduct()).toEqual({});
    expect(t.gmvPerMinute(T0 + 10)).toEqual([100]);
  });

  it('sums a product since its pin', () => {
    const t = tally();
    t.add([paid('a', T0 + 1000, 'SA', 1, 100), paid('b', T0 + 5000, 'SA', 3, 100), paid('c', T0 + 6000, 'SB', 1, 100)]);
    expect(t.productSince('P-SA', T0 + 2000)).toEqual({ gmv: 300, units: 3 });
  });
});
