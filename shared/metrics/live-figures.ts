/**
 * Live counters: the figures of METRICS.md kept up to date event by event, in O(1) per order, refund,
 * chat or like (viewers samples out of time order fall back to a re-sum). `figures(now)` equals
 * computeFigures over the same record with the window's end at `liveWindowEnd(now, latest)`; the
 * property tests replay random streams and compare at every step.
 */
import { type Money, money } from '../money';
import { channelOf } from './channels';
import { buyerKey, moneyRatio, ratioOrNull } from './figures';
import { linePaid } from './line-money';
import {
  CHANNELS,
  type Channel,
  type Figures,
  MINUTE_MS,
  type RecordChat,
  type RecordLike,
  type RecordOrder,
  type RecordRefund,
  type RecordViewers,
  type SessionWindow,
} from './types';

/** One product's live figures: units and the money its lines were paid (the console's per-product column). */
export interface ProductTally {
  productId: string;
  units: number;
  paid: Money;
}

/** The live split by channel (the console's small live/推客 figure). */
export interface LiveChannel {
  channel: Channel;
  paidGmv: Money;
  orders: number;
}

interface TalliedOrder {
  total: Money | null;
  units: number;
  buyer: string;
  paidAt: number;
  channel: Channel;
  lines: { productId: string; qty: number; paid: number }[];
}

/**
 * The end of a running session's window: now, or just after the latest event when a platform clock runs
 * ahead, so nothing the live counters show is outside the window the recap computes.
 */
export const liveWindowEnd = (now: number, latestAt: number | null): number =>
  latestAt === null ? now : Math.max(now, latestAt + 1);

export class LiveFigures {
  readonly start: number;
  /** null while the session runs */
  readonly end: number | null;
  readonly currency: string;
  private readonly orders = new Map<string, TalliedOrder>();
  private readonly products = new Map<string, { units: number; paid: number }>();
  private readonly channels = new Map<Channel, { paid: number; orders: number }>(
    CHANNELS.map((c) => [c, { paid: 0, orders: 0 }]),
  );
  /** paid GMV per clock minute (minute = floor(paidAt / 60 000)) */
  private readonly minutes = new Map<number, number>();
  private readonly buyers = new Map<string, number>();
  private paid = 0;
  private refunded = 0;
  private units = 0;
  private withoutAmount = 0;
  private chat = 0;
  private likes = 0;
  private latestAt: number | null = null;
  private samples: RecordViewers[] = [];
  /** viewer-ms of the closed intervals between consecutive samples */
  private closedSum = 0;
  private peak: number | null = null;
  private cumulative: { at: number; seq: number; value: number } | null = null;

  constructor(window: { start: number; end: number | null }, currency: string) {
    this.start = window.start;
    this.end = window.end;
    this.currency = currency;
  }

  private inside(at: number): boolean {
    return at >= this.start && (this.end === null || at < this.end);
  }

  private touch(at: number): void {
    if (this.latestAt === null || at > this.latestAt) this.latestAt = at;
  }

  /** A paid order, or the same order again with its amount now known. Orders paid outside the window are ignored. */
  order(o: RecordOrder): void {
    if (!this.inside(o.paidAt)) return;
    this.touch(o.paidAt);
    const before = this.orders.get(o.orderId);
    if (before) {
      // The same order again with its amount now known: its money moves, its count does not.
      this.count(before, -1);
      before.total = o.total;
      const paid = linePaid(o);
      before.lines.forEach((l, i) => {
        l.paid = paid[i];
      });
      this.count(before, 1);
      return;
    }
    const paid = linePaid(o);
    const tallied: TalliedOrder = {
      total: o.total,
      units: o.lines.reduce((s, l) => s + l.qty, 0),
      buyer: buyerKey(o),
      paidAt: o.paidAt,
      channel: channelOf(o),
      lines: o.lines.map((l, i) => ({ productId: l.productId, qty: l.qty, paid: paid[i] })),
    };
    this.orders.set(o.orderId, tallied);
    this.buyers.set(tallied.buyer, (this.buyers.get(tallied.buyer) ?? 0) + 1);
    this.units += tallied.units;
    const channel = this.channels.get(tallied.channel)!;
    channel.orders++;
    for (const l of tallied.lines) {
      const row = this.products.get(l.productId) ?? { units: 0, paid: 0 };
      row.units += l.qty;
      this.products.set(l.productId, row);
    }
    this.count(tallied, 1);
  }

  /** Adds (sign 1) or takes back (-1) an order's money everywhere it counts. */
  private count(o: TalliedOrder, sign: 1 | -1): void {
    const amount = sign * (o.total?.amount ?? 0);
    this.paid += amount;
    if (o.total === null) this.withoutAmount += sign;
    this.channels.get(o.channel)!.paid += amount;
    const minute = Math.floor(o.paidAt / MINUTE_MS);
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + amount);
    for (const l of o.lines) this.products.get(l.productId)!.paid += sign * l.paid;
  }

  /** Units and paid money per product id (the one live tally: the recap's per-product figures, live). */
  productTallies(): ProductTally[] {
    return [...this.products.entries()].map(([productId, r]) => ({
      productId,
      units: r.units,
      paid: money(r.paid, this.currency),
    }));
  }

  /** Paid GMV and orders per channel, in the fixed order live, share, note, other. */
  channelSplit(): LiveChannel[] {
    return CHANNELS.map((channel) => {
      const r = this.channels.get(channel)!;
      return { channel, paidGmv: money(r.paid, this.currency), orders: r.orders };
    });
  }

  /** Paid GMV per clock minute of the window so far (the sparkline), the last `max` minutes at most. */
  gmvPerMinute(now: number, max = 24 * 60): number[] {
    const { end } = this.windowAt(now);
    if (end <= this.start) return [];
    const first = Math.floor(this.start / MINUTE_MS);
    const last = Math.floor((end - 1) / MINUTE_MS);
    const from = Math.max(first, last - max + 1);
    const out = new Array<number>(last - from + 1).fill(0);
    for (const [minute, amount] of this.minutes) if (minute >= from && minute <= last) out[minute - from] += amount;
    return out;
  }

  /** Paid money and units of one product's lines paid at or after `since` (the pinned product's 讲解中 GMV). */
  productSince(productId: string, since: number): { gmv: number; units: number } {
    let gmv = 0;
    let units = 0;
    for (const o of this.orders.values()) {
      if (o.paidAt < since) continue;
      for (const l of o.lines) {
        if (l.productId !== productId) continue;
        gmv += l.paid;
        units += l.qty;
      }
    }
    return { gmv, units };
  }

  /** An accepted refund: counts when its order is one of the session's, whenever it arrives. */
  refund(r: RecordRefund): void {
    if (this.orders.has(r.orderId)) this.refunded += r.amount.amount;
  }

  chatEvent(c: RecordChat): void {
    if (!this.inside(c.at)) return;
    this.touch(c.at);
    this.chat++;
  }

  like(l: RecordLike): void {
    if (!this.inside(l.at)) return;
    this.touch(l.at);
    this.likes += l.count;
  }

  viewers(v: RecordViewers): void {
    if (!this.inside(v.at)) return;
    this.touch(v.at);
    if (this.peak === null || v.current > this.peak) this.peak = v.current;
    if (v.cumulative !== null) {
      const c = this.cumulative;
      if (c === null || v.at > c.at || (v.at === c.at && v.seq > c.seq)) {
        this.cumulative = { at: v.at, seq: v.seq, value: v.cumulative };
      }
    }
    const last = this.samples[this.samples.length - 1];
    if (!last || v.at > last.at || (v.at === last.at && v.seq > last.seq)) {
      if (last) this.closedSum += last.current * (v.at - last.at);
      this.samples.push(v);
      return;
    }
    // Out of time order (a platform clock): insert in place and re-sum once.
    this.samples.push(v);
    this.samples.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.closedSum = 0;
    for (let i = 1; i < this.samples.length; i++) {
      this.closedSum += this.samples[i - 1].current * (this.samples[i].at - this.samples[i - 1].at);
    }
  }

  /** The window's end these figures are computed for. */
  windowAt(now: number): SessionWindow {
    return { start: this.start, end: this.end ?? liveWindowEnd(now, this.latestAt) };
  }

  /** Whether some paid order has no amount yet (money figures are a lower bound). */
  get moneyIncomplete(): boolean {
    return this.withoutAmount > 0;
  }

  get totalLikes(): number {
    return this.likes;
  }

  figures(now: number): Figures {
    const { end } = this.windowAt(now);
    const c = this.currency;
    const orders = this.orders.size;
    const buyers = this.buyers.size;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    let average: number | null = null;
    if (first) {
      const span = end - first.at;
      average = span === 0 ? last.current : (this.closedSum + last.current * (end - last.at)) / span;
    }
    const cumulative = this.cumulative?.value ?? null;
    const windowMs = end - this.start;
    return {
      paidGmv: money(this.paid, c),
      refunds: money(this.refunded, c),
      settledGmv: money(this.paid - this.refunded, c),
      orders,
      units: this.units,
      buyers,
      perBuyer: moneyRatio(this.paid, buyers, c),
      aov: moneyRatio(this.paid, orders, c),
      perUnit: moneyRatio(this.paid, this.units, c),
      refundRate: ratioOrNull(this.refunded, this.paid),
      peakViewers: this.peak,
      averageViewers: average,
      cumulativeViewers: cumulative,
      gpm: cumulative === null ? null : moneyRatio(this.paid, cumulative, c, 1000),
      conversion: cumulative === null ? null : ratioOrNull(buyers, cumulative),
      chatRate: windowMs <= 0 ? null : (this.chat * 60_000) / windowMs,
    };
  }
}
