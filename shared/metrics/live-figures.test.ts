import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../events';
import { computeChannels } from './channels';
import { computeFigures } from './figures';
import { LiveFigures } from './live-figures';
import { applyOrderEvent, type OrderEvent, type OrderState } from './order-state';
import { eventTime, replayEvents, toRecordOrder } from './replay';
import { computeStats } from './stats';
import { BASE, isQuestion, liveStream, productIdBySku, SESSION_END, SESSION_START } from './stream.test-helpers';
import type { SessionRecord } from './types';

/** Feeds one event to the counters the way the ledger does (dedupe, order state, then the counters). */
function feeder(live: LiveFigures) {
  const states = new Map<string, OrderState>();
  const ids = new Set<string>();
  let lastSeq = 0;
  return (e: LiveEvent) => {
    if (e.seq <= lastSeq || ids.has(e.id)) return;
    lastSeq = e.seq;
    ids.add(e.id);
    const at = eventTime(e);
    if (e.kind === 'chat') live.chatEvent({ at, question: isQuestion(e.data.text) });
    else if (e.kind === 'like') live.like({ at, count: e.data.count });
    else if (e.kind === 'viewers')
      live.viewers({ at, seq: e.seq, current: e.data.current, cumulative: e.data.cumulative ?? null });
    else if (e.kind !== 'gift') {
      const outcome = applyOrderEvent(
        states.get(e.data.orderId),
        { kind: e.kind, at, data: e.data } as OrderEvent,
        'CNY',
      );
      if (outcome.next) states.set(e.data.orderId, outcome.next);
      if (outcome.effect === 'paid' || outcome.effect === 'amount')
        live.order(toRecordOrder(outcome.next!, productIdBySku));
      if (outcome.refund) live.refund(outcome.refund);
    }
  };
}

function record(events: LiveEvent[], window: { start: number; end: number }): SessionRecord {
  const r = replayEvents(events, { currency: 'CNY', productIdBySku, classifyQuestion: isQuestion });
  return { window, currency: 'CNY', ...r, pins: [], gaps: [], products: [] };
}

describe('live counters agree with the pure figures', () => {
  it('at every step of random streams, for a running session', () => {
    fc.assert(
      fc.property(liveStream(), fc.integer({ min: 0, max: 800_000 }), (events, nowOffset) => {
        const live = new LiveFigures({ start: SESSION_START, end: null }, 'CNY');
        const feed = feeder(live);
        for (let i = 0; i < events.length; i++) {
          feed(events[i]);
          const now = BASE + nowOffset;
          const window = live.windowAt(now);
          expect(live.figures(now)).toEqual(computeFigures(record(events.slice(0, i + 1), window)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps per-product units and paid money, the channel split and GMV per minute equal to the recap', () => {
    fc.assert(
      fc.property(liveStream(), fc.integer({ min: 0, max: 800_000 }), (events, nowOffset) => {
        const live = new LiveFigures({ start: SESSION_START, end: null }, 'CNY');
        const feed = feeder(live);
        for (const e of events) feed(e);
        const now = BASE + nowOffset;
        const r = record(events, live.windowAt(now));
        const stats = computeStats(r);
        const recapProducts = stats.products
          .filter((p) => p.units > 0)
          .map((p) => ({ productId: p.productId, units: p.units, paid: p.paidGmv }));
        const byId = (a: { productId: string }, b: { productId: string }) => (a.productId < b.productId ? -1 : 1);
        expect(live.productTallies().sort(byId)).toEqual(recapProducts.sort(byId));
        expect(live.channelSplit()).toEqual(
          computeChannels(r).map((c) => ({ channel: c.channel, paidGmv: c.paidGmv, orders: c.orders })),
        );
        expect(live.gmvPerMinute(now)).toEqual(stats.minutes.map((m) => m.paidGmv.amount));
      }),
      { numRuns: 150 },
    );
  });

  it('at every step of random streams, for an ended session with late refunds', () => {
    fc.assert(
      fc.property(liveStream(), (events) => {
        const live = new LiveFigures({ start: SESSION_START, end: SESSION_END }, 'CNY');
        const feed = feeder(live);
        for (let i = 0; i < events.length; i++) {
          feed(events[i]);
          const window = { start: SESSION_START, end: SESSION_END };
          expect(live.figures(0)).toEqual(computeFigures(record(events.slice(0, i + 1), window)));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('order state', () => {
  const paid = (orderId: string, total: number | null): OrderEvent => ({
    kind: 'order.paid',
    at: 1,
    data: { orderId, items: [], total: total === null ? null : { amount: total, currency: 'CNY' } },
  });
  const refund = (orderId: string, refundId: string, amount: number): OrderEvent => ({
    kind: 'order.refunded',
    at: 2,
    data: { orderId, refundId, amount: { amount, currency: 'CNY' } },
  });

  it('takes partial refunds up to what was paid and refuses the one that goes over, as an anomaly', () => {
    let s = applyOrderEvent(undefined, paid('o', 1000), 'CNY').next!;
    s = applyOrderEvent(s, refund('o', 'r1', 600), 'CNY').next!;
    s = applyOrderEvent(s, refund('o', 'r2', 400), 'CNY').next!;
    expect(s).toMatchObject({ status: 'refunded', refunded: 1000 });
    const over = applyOrderEvent(s, refund('o', 'r3', 1), 'CNY');
    expect(over.next).toBeUndefined();
    expect(over.anomaly?.kind).toBe('refund_exceeds_paid');
    expect(applyOrderEvent(s, refund('o', 'r1', 600), 'CNY')).toEqual({ duplicate: true });
  });

  it('refuses a refund for an order never seen paid and never moves a paid order back', () => {
    expect(applyOrderEvent(undefined, refund('x', 'r', 1), 'CNY').anomaly?.kind).toBe('refund_unknown_order');
    const created = applyOrderEvent(
      undefined,
      { kind: 'order.created', at: 0, data: paid('x', 5).data } as OrderEvent,
      'CNY',
    ).next!;
    expect(applyOrderEvent(created, refund('x', 'r', 1), 'CNY').anomaly?.kind).toBe('refund_unknown_order');
    const s = applyOrderEvent(created, paid('x', 5), 'CNY').next!;
    expect(applyOrderEvent(s, { kind: 'order.created', at: 3, data: paid('x', 5).data } as OrderEvent, 'CNY')).toEqual(
      {},
    );
    expect(applyOrderEvent(s, { kind: 'order.cancelled', at: 3, data: { orderId: 'x' } }, 'CNY').anomaly?.kind).toBe(
      'cancel_after_paid',
    );
  });

  it('learns an unknown amount from a later payment notice instead of guessing it', () => {
    const s = applyOrderEvent(undefined, paid('o', null), 'CNY').next!;
    const later = applyOrderEvent(s, paid('o', 700), 'CNY');
    expect(later.effect).toBe('amount');
    expect(later.next?.total).toEqual({ amount: 700, currency: 'CNY' });
    expect(later.next?.paidAt).toBe(1);
  });
});
