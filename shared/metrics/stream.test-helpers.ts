/**
 * Random live-event streams for property tests: a few orders whose events interleave (created, paid,
 * cancelled, partial and excessive refunds, unknown amounts), viewers, chat, likes, redeliveries of the
 * same id and of old seqs, and platform clocks that are null or out of order.
 */
import fc from 'fast-check';
import type { LiveEvent } from '../events';

export const BASE = 1_764_064_800_000;
const cny = (amount: number) => ({ amount, currency: 'CNY' });

type Draft = { kind: string; data: Record<string, unknown> };

const orderIds = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
const skus = ['A', 'B', 'C'];

const orderData = fc.record({
  orderId: fc.constantFrom(...orderIds),
  lines: fc.array(
    fc.record({
      sku: fc.constantFrom(...skus),
      qty: fc.integer({ min: 1, max: 3 }),
      unit: fc.integer({ min: 1, max: 50_000 }),
    }),
    {
      maxLength: 3,
    },
  ),
  totalKnown: fc.integer({ min: 0, max: 9 }),
  buyer: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
  channel: fc.option(fc.constantFrom('live', 'share', 'note', 'other'), { nil: undefined }),
  sharer: fc.option(fc.constantFrom('s1', 's2'), { nil: undefined }),
});

const draft: fc.Arbitrary<Draft> = fc.oneof(
  orderData.map((o) => {
    const total = o.lines.reduce((s, l) => s + l.qty * l.unit, 0);
    return {
      kind: o.totalKnown < 7 ? 'order.paid' : o.totalKnown < 8 ? 'order.created' : 'order.paid',
      data: {
        orderId: o.orderId,
        items: o.lines.map((l) => ({
          sku: l.sku,
          ...(l.sku === 'C' ? { productId: 'P-C' } : {}),
          qty: l.qty,
          unitPrice: cny(l.unit),
        })),
        total: o.totalKnown === 9 ? null : cny(total),
        ...(o.buyer ? { buyerId: o.buyer } : {}),
        ...(o.channel ? { channel: o.channel } : {}),
        ...(o.channel === 'share' && o.sharer ? { sharerId: o.sharer } : {}),
      },
    };
  }),
  fc
    .record({
      orderId: fc.constantFrom(...orderIds),
      refundId: fc.constantFrom('r1', 'r2', 'r3'),
      amount: fc.integer({ min: -10, max: 60_000 }),
    })
    .map((r) => ({
      kind: 'order.refunded',
      data: { orderId: r.orderId, refundId: r.refundId, amount: cny(r.amount) },
    })),
  fc.constantFrom(...orderIds).map((orderId) => ({ kind: 'order.cancelled', data: { orderId } })),
  fc
    .record({
      current: fc.integer({ min: 0, max: 5000 }),
      cumulative: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    })
    .map((v) => ({ kind: 'viewers', data: v.cumulative === undefined ? { current: v.current } : v })),
  fc.constantFrom('有S码吗?', '好看', '几号链接?', '冲').map((text) => ({ kind: 'chat', data: { text } })),
  fc.integer({ min: 1, max: 50 }).map((count) => ({ kind: 'like', data: { count } })),
);

const step = fc.record({
  draft,
  /** ms after BASE the platform says it happened (session runs from 60 s to 660 s) */
  offset: fc.integer({ min: 0, max: 720_000 }),
  occurredKnown: fc.boolean(),
  redeliver: fc.integer({ min: 0, max: 9 }),
});

/** A gateway's output: seq 1.. per room, plus redeliveries (same id again, or an old seq again). */
export const liveStream = (maxLength = 60): fc.Arbitrary<LiveEvent[]> =>
  fc.array(step, { minLength: 1, maxLength }).map((steps) => {
    const out: LiveEvent[] = [];
    let seq = 0;
    let received = BASE;
    steps.forEach((s, i) => {
      if (s.redeliver === 0 && out.length > 0) {
        out.push({ ...out[out.length - 1] }); // same seq again
        return;
      }
      if (s.redeliver === 1 && out.length > 0) {
        seq++;
        out.push({ ...out[Math.floor(out.length / 2)], seq }); // same id, new seq: the gateway would not, but dedupe anyway
        return;
      }
      seq++;
      received = Math.max(received, BASE + s.offset);
      out.push({
        v: 1,
        id: `ev-${i}`,
        seq,
        room: 'r1',
        platform: 'xhs',
        occurredAt: s.occurredKnown ? BASE + s.offset : null,
        receivedAt: received,
        kind: s.draft.kind,
        data: s.draft.data,
      } as LiveEvent);
    });
    return out;
  });

export const isQuestion = (text: string): boolean => /[?？]/.test(text);
/** not on a minute boundary, so the cut first and last minutes are exercised */
export const SESSION_START = BASE + 61_234;
export const SESSION_END = BASE + 664_321;
export const productIdBySku = new Map([
  ['A', 'P-A'],
  ['B', 'P-B'],
]);
