/**
 * A share order from the live feed whose platform named the sharer and the commission (微信小店 order
 * detail, gateway/orders): the session's sharers show them, a later refund keeps them, and the pure
 * replay of the same events agrees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/events';
import { openLedger } from './ledger';
import { feed, MIN, tempDirs } from './ledger.test-helpers';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('sharer name and commission from the live feed', () => {
  it('reach the stats’ sharers and the record, and survive a later refund of the order', () => {
    const t0 = Date.UTC(2026, 11, 5, 12, 0);
    const ledger = openLedger({ dataDir: dirs.make(), room: 'r1', now: () => t0 });
    const f = feed();
    const s = ledger.startSession({ title: '推客专场', at: t0 });
    const paid = f.paid('w1', t0 + MIN, 23_800, [{ sku: 'SKU-A', qty: 2, unit: 11_900 }], 'u1');
    const share: LiveEvent = {
      ...paid,
      data: { ...paid.data, channel: 'share', sharerId: 'oSharer123', sharerName: '小雨', commission: cny(2_380) },
    } as LiveEvent;
    const plain = f.paid('w2', t0 + 2 * MIN, 5_000, [{ sku: 'SKU-A', qty: 1, unit: 5_000 }], 'u2');
    ledger.applyLiveEvents([share, plain, f.refund('w1', 'rf1', 11_900, t0 + 3 * MIN)]);
    const { stats, record } = ledger.statsWithRecord(s.id, t0 + 10 * MIN);
    expect(stats.sharers).toEqual([
      expect.objectContaining({ sharerId: 'oSharer123', sharerName: '小雨', orders: 1, commission: cny(2_380) }),
    ]);
    expect(record.orders.find((o) => o.orderId === 'w1')).toMatchObject({
      channel: 'share',
      sharerName: '小雨',
      commission: cny(2_380),
    });
    expect(record.orders.find((o) => o.orderId === 'w2')).toMatchObject({ sharerName: null, commission: null });
  });
});
