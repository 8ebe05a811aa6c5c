/**
 * Channels (METRICS "Channels"): who sold the session's orders — the live room, a promoter's share (推客),
 * a note's link (种草直达), other — and the top promoters. Paid GMV, settled GMV and orders of the
 * channels add up exactly to the session's figures (property-tested); buyers are distinct per channel,
 * so a buyer who bought through two channels counts in both.
 */
import { type Money, money } from '../money';
import { buyerKey, sessionOrders } from './figures';
import { lineMoney, refundsByOrder } from './line-money';
import { CHANNELS, type Channel, type RecordOrder, type SessionRecord } from './types';

export interface ChannelFigures {
  channel: Channel;
  paidGmv: Money;
  settledGmv: Money;
  orders: number;
  buyers: number;
  /** share of the session's paid GMV, 0..1; null when the session has none */
  share: number | null;
}

export interface SharerFigures {
  sharerId: string;
  sharerName: string | null;
  paidGmv: Money;
  settledGmv: Money;
  orders: number;
  /** sum of the commissions the source gave; null when none of its orders named one */
  commission: Money | null;
}

/** Paid GMV of one product per channel, from what its lines were paid. */
export interface ProductChannels {
  productId: string;
  gmv: Record<Channel, Money>;
}

export const SHARERS_SHOWN = 20;

/** The channel an order counts in: its own when it is one of the four, else `other` (never guessed as live). */
export const channelOf = (o: Pick<RecordOrder, 'channel'>): Channel =>
  (CHANNELS as readonly string[]).includes(o.channel ?? '') ? (o.channel as Channel) : 'other';

function refundedOf(record: SessionRecord): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of record.refunds) out.set(r.orderId, (out.get(r.orderId) ?? 0) + r.amount.amount);
  return out;
}

/** The stats response's `channels`: every channel, in the fixed order live, share, note, other. */
export function computeChannels(record: SessionRecord): ChannelFigures[] {
  const orders = sessionOrders(record);
  const refunded = refundedOf(record);
  const rows = new Map(CHANNELS.map((c) => [c, { paid: 0, refunded: 0, orders: 0, buyers: new Set<string>() }]));
  let total = 0;
  for (const o of orders) {
    const row = rows.get(channelOf(o))!;
    const paid = o.total?.amount ?? 0;
    row.paid += paid;
    row.refunded += refunded.get(o.orderId) ?? 0;
    row.orders++;
    row.buyers.add(buyerKey(o));
    total += paid;
  }
  return CHANNELS.map((channel) => {
    const r = rows.get(channel)!;
    return {
      channel,
      paidGmv: money(r.paid, record.currency),
      settledGmv: money(r.paid - r.refunded, record.currency),
      orders: r.orders,
      buyers: r.buyers.size,
      share: total === 0 ? null : r.paid / total,
    };
  });
}

/** The stats response's `sharers`: the top 20 promoters by paid GMV (ties: more orders, then id). */
export function computeSharers(record: SessionRecord, limit = SHARERS_SHOWN): SharerFigures[] {
  const refunded = refundedOf(record);
  const rows = new Map<
    string,
    { name: string | null; paid: number; refunded: number; orders: number; commission: number | null }
  >();
  for (const o of sessionOrders(record)) {
    if (!o.sharerId) continue;
    const row = rows.get(o.sharerId) ?? { name: null, paid: 0, refunded: 0, orders: 0, commission: null };
    row.name ??= o.sharerName ?? null;
    row.paid += o.total?.amount ?? 0;
    row.refunded += refunded.get(o.orderId) ?? 0;
    row.orders++;
    if (o.commission) row.commission = (row.commission ?? 0) + o.commission.amount;
    rows.set(o.sharerId, row);
  }
  return [...rows.entries()]
    .sort(([a, x], [b, y]) => y.paid - x.paid || y.orders - x.orders || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([sharerId, r]) => ({
      sharerId,
      sharerName: r.name,
      paidGmv: money(r.paid, record.currency),
      settledGmv: money(r.paid - r.refunded, record.currency),
      orders: r.orders,
      commission: r.commission === null ? null : money(r.commission, record.currency),
    }));
}

/** Per product, the paid amount of its lines per channel (adds up to the product's paidGmv). */
export function computeProductChannels(record: SessionRecord): ProductChannels[] {
  const refundsOf = refundsByOrder(record.refunds);
  const rows = new Map<string, Record<Channel, number>>();
  for (const o of sessionOrders(record)) {
    const { paid } = lineMoney(o, refundsOf.get(o.orderId) ?? []);
    const channel = channelOf(o);
    o.lines.forEach((l, i) => {
      const row = rows.get(l.productId) ?? { live: 0, share: 0, note: 0, other: 0 };
      row[channel] += paid[i];
      rows.set(l.productId, row);
    });
  }
  return [...rows.entries()].map(([productId, r]) => ({
    productId,
    gmv: {
      live: money(r.live, record.currency),
      share: money(r.share, record.currency),
      note: money(r.note, record.currency),
      other: money(r.other, record.currency),
    },
  }));
}
