/**
 * The simulated show the soak driver sends: a seeded, deterministic generator of platform events for a
 * span of simulated time (chat, likes, gifts, viewers, orders created/paid/cancelled, partial refunds),
 * with a chat burst factor and a flash sale. Times are wall-clock (`occurredAt` = when the event is made)
 * so every event falls inside the engine's session window; the show is compressed, not shifted.
 */
import type { InboundEvent } from '../../shared/events';
import { mulberry32 } from '../../shared/random';

/** mulberry32: small, fast, seeded. */
export const prng = mulberry32;

const CNY = (amount: number) => ({ amount, currency: 'CNY' });
const PRICES = [2990, 5900, 9900, 12900, 19900, 29900, 39900, 69900, 129900];
const CHAT = [
  '3号有S码吗',
  '这个多少钱',
  '主播穿什么码',
  '已拍',
  '好看！',
  '什么时候发货',
  '链接在哪',
  '666',
  '求返场',
];
const NAMES = ['小鹿', '阿青', 'Mia', '糖糖', '大橙子', '林林'];

/** Base rates per simulated second of a busy 4-hour 买手 show. */
export const RATES = { chat: 1.0, like: 0.2, gift: 0.03, order: 0.08, viewersEverySeconds: 10 } as const;

interface PendingRefund {
  dueSimMs: number;
  orderId: string;
  amount: number;
}

export class ShowGenerator {
  private readonly rnd: () => number;
  private n = 0;
  private orderNo = 0;
  private viewers = 800;
  private cumulative = 800;
  private nextViewersSimMs = 0;
  private readonly refunds: PendingRefund[] = [];
  private readonly paidTotals = new Map<string, number>();
  /** Per-kind counts of generated events (for the report). */
  readonly counts: Record<string, number> = {};

  constructor(seed = 20260425) {
    this.rnd = prng(seed);
  }

  private id(kind: string): string {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return `soak:${kind}:${++this.n}`;
  }

  private count(rate: number, seconds: number): number {
    // Poisson-ish: the integer part of the expectation plus one more with the fractional probability.
    const mean = rate * seconds;
    return Math.floor(mean) + (this.rnd() < mean - Math.floor(mean) ? 1 : 0);
  }

  private actor() {
    const u = Math.floor(this.rnd() * 3000);
    return { id: `u_${u}`, name: NAMES[u % NAMES.length] };
  }

  private orderData(orderId: string) {
    const lines = 1 + Math.floor(this.rnd() * 3);
    const items = Array.from({ length: lines }, () => {
      const p = Math.floor(this.rnd() * PRICES.length);
      return { sku: `MS-SOAK-${p}`, qty: 1 + Math.floor(this.rnd() * 3), unitPrice: CNY(PRICES[p]) };
    });
    const total = items.reduce((s, i) => s + i.qty * i.unitPrice.amount, 0);
    const buyer = this.rnd() < 0.05 ? {} : { buyerId: `b_${Math.floor(this.rnd() * 800)}` };
    return { orderId, items, total: CNY(total), ...buyer, channel: this.rnd() < 0.8 ? 'live' : 'share' } as const;
  }

  /** One order's events (created then paid, or created then cancelled), refunds scheduled for later. */
  private order(now: number, simMs: number, createdToo: boolean): InboundEvent[] {
    const orderId = `SO${String(++this.orderNo).padStart(8, '0')}`;
    const data = this.orderData(orderId);
    const out: InboundEvent[] = [];
    const base = { platform: 'xhs', occurredAt: now, actor: this.actor() };
    if (createdToo) out.push({ ...base, id: this.id('order.created'), kind: 'order.created', data });
    if (createdToo && this.rnd() < 0.08) {
      out.push({ ...base, id: this.id('order.cancelled'), kind: 'order.cancelled', data: { orderId } });
      return out;
    }
    out.push({ ...base, id: this.id('order.paid'), kind: 'order.paid', data });
    this.paidTotals.set(orderId, data.total.amount);
    if (this.rnd() < 0.06) {
      // partial refund, sometimes a second one; 1 in 40 of those asks for more than was paid (an anomaly)
      const part = Math.max(1, Math.floor(data.total.amount * (0.2 + this.rnd() * 0.5)));
      const tooMuch = this.rnd() < 0.025;
      this.refunds.push({
        dueSimMs: simMs + 30_000 + this.rnd() * 30 * 60_000,
        orderId,
        amount: tooMuch ? data.total.amount + 1 : part,
      });
      if (!tooMuch && this.rnd() < 0.3)
        this.refunds.push({ dueSimMs: simMs + 40 * 60_000, orderId, amount: data.total.amount - part });
    }
    return out;
  }

  /** Events for the simulated span (fromSimMs, toSimMs], stamped `now`. `chatFactor` 10 = a 10x burst. */
  tick(now: number, fromSimMs: number, toSimMs: number, chatFactor = 1): InboundEvent[] {
    const seconds = (toSimMs - fromSimMs) / 1000;
    const out: InboundEvent[] = [];
    for (let i = this.count(RATES.chat * chatFactor, seconds); i > 0; i--) {
      const text = `${CHAT[Math.floor(this.rnd() * CHAT.length)]}${this.rnd() < 0.3 ? ` #${this.n}` : ''}`;
      out.push({
        id: this.id('chat'),
        platform: 'xhs',
        occurredAt: now,
        actor: this.actor(),
        kind: 'chat',
        data: { text },
      });
    }
    for (let i = this.count(RATES.like, seconds); i > 0; i--) {
      const count = 1 + Math.floor(this.rnd() * 20);
      out.push({
        id: this.id('like'),
        platform: 'xhs',
        occurredAt: now,
        actor: this.actor(),
        kind: 'like',
        data: { count },
      });
    }
    for (let i = this.count(RATES.gift, seconds); i > 0; i--) {
      out.push({
        id: this.id('gift'),
        platform: 'xhs',
        occurredAt: now,
        actor: this.actor(),
        kind: 'gift',
        data: {
          giftId: 'rose',
          name: '玫瑰',
          count: 1 + Math.floor(this.rnd() * 5),
          value: this.rnd() < 0.5 ? CNY(100) : null,
        },
      });
    }
    while (this.nextViewersSimMs <= toSimMs) {
      this.nextViewersSimMs += RATES.viewersEverySeconds * 1000;
      this.viewers = Math.max(50, Math.round(this.viewers + (this.rnd() - 0.45) * 120));
      this.cumulative += Math.floor(this.rnd() * 60);
      out.push({
        id: this.id('viewers'),
        platform: 'xhs',
        occurredAt: now,
        kind: 'viewers',
        data: { current: this.viewers, cumulative: this.cumulative },
      });
    }
    for (let i = this.count(RATES.order, seconds); i > 0; i--) out.push(...this.order(now, toSimMs, true));
    for (let i = this.refunds.length - 1; i >= 0; i--) {
      const r = this.refunds[i];
      if (r.dueSimMs > toSimMs) continue;
      this.refunds.splice(i, 1);
      out.push({
        id: this.id('order.refunded'),
        platform: 'xhs',
        occurredAt: now,
        kind: 'order.refunded',
        data: { orderId: r.orderId, refundId: `RF${this.n}`, amount: CNY(r.amount) },
      });
    }
    return out;
  }

  /** A flash sale: `n` paid orders at once (paid without a created event, as platforms may push). */
  flashSale(now: number, simMs: number, n: number): InboundEvent[] {
    const out: InboundEvent[] = [];
    for (let i = 0; i < n; i++) out.push(...this.order(now, simMs, false));
    return out;
  }
}
