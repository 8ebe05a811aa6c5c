/**
 * The audience model, pure: one call to `second(now)` advances the show by one simulated second and
 * returns the events that second produced. Viewers follow a ramp-up and drift with bumps when a new
 * product is pinned; chat, likes and gifts scale with viewers; orders follow the pinned product, its price
 * and the viewers; some orders are cancelled, a few refunded later, and a few deliveries are sent twice
 * (as platforms do) to exercise dedupe downstream.
 */
import type { InboundEvent } from '../../shared/events';
import type { Money } from '../../shared/money';
import { CHAT_TEMPLATES, type ChatIntent, fill, GIFTS, GREETING_HEAVY_MINUTES, nickname, SIZES } from './phrases';
import { Rng } from './random';

export interface SimulatorProduct {
  productId: string;
  sku: string;
  title: string;
  price: Money;
  linkNo: number;
}

export interface SecondResult {
  events: InboundEvent[];
  /** Events delivered a second time (same id), as a platform retry would. */
  redeliveries: InboundEvent[];
}

interface Pending {
  due: number;
  event: InboundEvent;
}

interface Viewer {
  id: string;
  name: string;
}

export class Audience {
  private readonly rng: Rng;
  private t = 0;
  private viewers = 30;
  private cumulative = 30;
  private peak: number;
  private bump = 0;
  private pinned: SimulatorProduct | null = null;
  private products: SimulatorProduct[] = [];
  private pending: Pending[] = [];
  private counter = 0;
  private orderCounter = 0;
  private readonly pool: Viewer[] = [];

  constructor(
    seed: number,
    products: SimulatorProduct[],
    private readonly runId: string,
  ) {
    this.rng = new Rng(seed);
    this.peak = this.rng.int(800, 2500);
    this.products = products;
    for (let i = 0; i < 400; i++) {
      this.pool.push({ id: `u_${this.rng.hex(10)}`, name: nickname(() => this.rng.next()) });
    }
  }

  setProducts(products: SimulatorProduct[]): void {
    this.products = products;
    if (this.pinned) this.pinned = products.find((p) => p.productId === this.pinned?.productId) ?? null;
  }

  setPinned(productId: string | null): void {
    const next = productId === null ? null : (this.products.find((p) => p.productId === productId) ?? null);
    if (next && next.productId !== this.pinned?.productId) this.bump = 0.12 + this.rng.next() * 0.1;
    this.pinned = next;
  }

  get currentViewers(): number {
    return Math.round(this.viewers);
  }

  private nextId(kind: string): string {
    this.counter++;
    return `sim:${this.runId}:${kind}:${this.counter}`;
  }

  private actor(): Viewer {
    return this.rng.pick(this.pool);
  }

  /** Advances one simulated second; `now` stamps occurredAt. */
  second(now: number): SecondResult {
    this.t++;
    const events: InboundEvent[] = [];
    const redeliveries: InboundEvent[] = [];
    this.stepViewers();
    const v = this.viewers;
    if (this.t % 5 === 1) {
      events.push({
        id: this.nextId('viewers'),
        platform: 'simulator',
        occurredAt: now,
        kind: 'viewers',
        data: { current: Math.round(v), cumulative: Math.round(this.cumulative) },
      });
    }
    const chats = this.rng.poisson(v * 0.0035 * (this.pinned ? 1.2 : 0.8));
    for (let i = 0; i < chats; i++) {
      const text = this.chatLine();
      events.push({
        id: this.nextId('chat'),
        platform: 'simulator',
        occurredAt: now,
        actor: this.actor(),
        kind: 'chat',
        data: { text },
      });
    }
    const likes = this.rng.poisson(v * 0.04);
    if (likes > 0) {
      events.push({
        id: this.nextId('like'),
        platform: 'simulator',
        occurredAt: now,
        actor: this.actor(),
        kind: 'like',
        data: { count: likes },
      });
    }
    if (this.rng.chance(Math.min(0.5, v * 0.0002))) {
      const gift = this.rng.weighted({ heart: 50, rose: 30, lipstick: 15, rocket: 1 });
      const g = GIFTS.find((x) => x.giftId === gift)!;
      const count = gift === 'heart' ? this.rng.int(1, 10) : 1;
      events.push({
        id: this.nextId('gift'),
        platform: 'simulator',
        occurredAt: now,
        actor: this.actor(),
        kind: 'gift',
        data: { giftId: g.giftId, name: g.name, count, value: { amount: g.value * count, currency: 'CNY' } },
      });
    }
    for (const order of this.newOrders(now)) events.push(order);
    // Follow-ups whose time has come: payments, cancellations, refunds.
    const due = this.pending.filter((p) => p.due <= this.t);
    this.pending = this.pending.filter((p) => p.due > this.t);
    for (const p of due) events.push({ ...p.event, occurredAt: now } as InboundEvent);
    for (const e of events) {
      if (e.kind.startsWith('order.') && this.rng.chance(0.03)) redeliveries.push(e);
    }
    return { events, redeliveries };
  }

  private stepViewers(): void {
    const ramp = this.peak / (1 + Math.exp(-(this.t - 240) / 70));
    const target = Math.max(20, ramp * (1 + this.bump));
    this.bump *= 0.995;
    const noise = 1 + this.rng.normal() * 0.01;
    const previous = this.viewers;
    this.viewers = Math.max(5, (this.viewers + (target - this.viewers) * 0.03) * noise);
    // New arrivals replace leavers (about 0.5% a second), plus growth.
    this.cumulative += Math.max(0, this.viewers - previous) + this.viewers * 0.005;
  }

  private chatLine(): string {
    const early = this.t < GREETING_HEAVY_MINUTES * 60;
    for (;;) {
      const intent = this.rng.weighted<ChatIntent>({
        want: this.pinned ? 22 : 6,
        price: this.pinned ? 9 : 4,
        size: 9,
        stock: 5,
        shipping: 5,
        link: this.pinned ? 5 : 8,
        material: 5,
        discount: 5,
        praise: 13,
        greeting: early ? 25 : 6,
        other: 8,
        complaint: 3,
      });
      const product =
        this.pinned && this.rng.chance(0.8) ? this.pinned : this.products.length ? this.rng.pick(this.products) : null;
      const text = fill(this.rng.pick(CHAT_TEMPLATES[intent]), {
        n: product?.linkNo ?? null,
        title: product?.title ?? null,
        size: this.rng.pick(SIZES),
        h: this.rng.int(152, 175),
        w: this.rng.int(85, 140),
      });
      if (text) return text;
    }
  }

  private newOrders(now: number): InboundEvent[] {
    if (this.products.length === 0) return [];
    const out: InboundEvent[] = [];
    const pinned = this.pinned;
    // Conversion per viewer-second: higher for cheaper products, about 0.06 % at ¥300.
    const priceFactor = (p: SimulatorProduct) =>
      Math.min(3, Math.max(0.25, Math.sqrt(30_000 / Math.max(100, p.price.amount))));
    const base = this.viewers * 0.0006 * (this.t < 120 ? 0.3 : 1);
    const rate = pinned ? base * priceFactor(pinned) : base * 0.25;
    const n = this.rng.poisson(rate);
    for (let i = 0; i < n; i++) {
      const product = pinned && this.rng.chance(0.85) ? pinned : this.rng.pick(this.products);
      const buyer = this.actor();
      const qty = this.rng.chance(0.12) ? 2 : 1;
      this.orderCounter++;
      const orderId = `SIM${this.runId.toUpperCase()}${String(this.orderCounter).padStart(6, '0')}`;
      const data = {
        orderId,
        items: [
          { sku: product.sku, productId: product.productId, title: product.title, qty, unitPrice: product.price },
        ],
        total: { amount: product.price.amount * qty, currency: product.price.currency },
        buyerId: buyer.id,
        channel: this.rng.chance(0.1) ? ('share' as const) : ('live' as const),
      };
      out.push({
        id: `simulator:order.created:${orderId}`,
        platform: 'simulator',
        occurredAt: now,
        actor: buyer,
        kind: 'order.created',
        data,
      });
      if (this.rng.chance(0.86)) {
        this.pending.push({
          due: this.t + this.rng.int(3, 40),
          event: {
            id: `simulator:order.paid:${orderId}`,
            platform: 'simulator',
            occurredAt: null,
            actor: buyer,
            kind: 'order.paid',
            data,
          },
        });
        if (this.rng.chance(0.04)) {
          const amount = qty === 2 && this.rng.chance(0.5) ? product.price.amount : data.total.amount;
          this.pending.push({
            due: this.t + this.rng.int(60, 600),
            event: {
              id: `simulator:order.refunded:${orderId}:1`,
              platform: 'simulator',
              occurredAt: null,
              kind: 'order.refunded',
              data: { orderId, refundId: `${orderId}-R1`, amount: { amount, currency: product.price.currency } },
            },
          });
        }
      } else {
        this.pending.push({
          due: this.t + this.rng.int(60, 300),
          event: {
            id: `simulator:order.cancelled:${orderId}`,
            platform: 'simulator',
            occurredAt: null,
            kind: 'order.cancelled',
            data: { orderId },
          },
        });
      }
    }
    return out;
  }
}
