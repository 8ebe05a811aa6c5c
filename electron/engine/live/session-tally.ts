/**
 * What the console shows beside each product and on the sparkline while a session runs: paid GMV per
 * minute, units and GMV per product, and the pinned product's GMV since its pin. Kept by order id, so a
 * redelivered or amended `order.paid` replaces the order instead of counting it twice. Pure.
 */
import type { ProductLive } from '../../../shared/contract';
import type { LiveEvent } from '../../../shared/events';
import { money } from '../../../shared/money';

interface TalliedOrder {
  paidAt: number;
  total: number;
  lines: { productId: string; qty: number; amount: number }[];
}

export class SessionTally {
  private readonly orders = new Map<string, TalliedOrder>();
  private readonly seedMinutes = new Map<number, number>();

  constructor(
    private readonly start: number,
    private readonly currency: string,
    /** sku -> productId for lines that name only a sku */
    private readonly productOf: (sku: string, productId: string | undefined) => string | null,
    seed: readonly { minute: number; paidGmv: number }[] = [],
  ) {
    for (const m of seed) this.seedMinutes.set(m.minute, m.paidGmv);
  }

  /** Takes paid orders of the session; ignores everything else. */
  add(events: readonly LiveEvent[]): void {
    for (const e of events) {
      if (e.kind !== 'order.paid') continue;
      const paidAt = e.occurredAt ?? e.receivedAt;
      if (paidAt < this.start) continue;
      const lines = e.data.items.flatMap((i) => {
        const productId = this.productOf(i.sku, i.productId);
        return productId ? [{ productId, qty: i.qty, amount: i.unitPrice.amount * i.qty }] : [];
      });
      this.orders.set(e.data.orderId, { paidAt, total: e.data.total?.amount ?? 0, lines });
    }
  }

  /** Paid GMV per minute from the session start (fen), `minutes` long. */
  gmvPerMinute(now: number): number[] {
    const count = Math.max(1, Math.floor((now - this.start) / 60_000) + 1);
    const out = new Array<number>(Math.min(count, 24 * 60)).fill(0);
    const offset = count - out.length;
    const firstMinute = Math.floor(this.start / 60_000);
    for (const [minute, gmv] of this.seedMinutes) {
      const i = Math.floor(minute / 60_000) - firstMinute - offset;
      if (i >= 0 && i < out.length) out[i] += gmv;
    }
    for (const o of this.orders.values()) {
      const i = Math.floor((o.paidAt - this.start) / 60_000) - offset;
      if (i >= 0 && i < out.length) out[i] += o.total;
    }
    return out;
  }

  perProduct(): Record<string, ProductLive> {
    const out: Record<string, ProductLive> = {};
    for (const o of this.orders.values()) {
      for (const l of o.lines) {
        const entry = out[l.productId] ?? { productId: l.productId, soldUnits: 0, gmv: money(0, this.currency) };
        out[l.productId] = {
          ...entry,
          soldUnits: entry.soldUnits + l.qty,
          gmv: money(entry.gmv.amount + l.amount, this.currency),
        };
      }
    }
    return out;
  }

  /** GMV and units of one product's lines paid at or after `since`. */
  productSince(productId: string, since: number): { gmv: number; units: number } {
    let gmv = 0;
    let units = 0;
    for (const o of this.orders.values()) {
      if (o.paidAt < since) continue;
      for (const l of o.lines) {
        if (l.productId !== productId) continue;
        gmv += l.amount;
        units += l.qty;
      }
    }
    return { gmv, units };
  }
}
