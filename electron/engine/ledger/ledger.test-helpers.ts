/** Builders of live events and temp data folders for the ledger tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '../../../shared/events';

export const T0 = 1_764_064_800_000;
export const MIN = 60_000;

export function tempDirs() {
  const dirs: string[] = [];
  return {
    make(prefix = 'ledger-'): string {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    cleanup(): void {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A seq-numbering event factory for one room. */
export function feed(room = 'r1', start = 1) {
  let seq = start;
  const base = (id: string, at: number) => ({
    v: 1 as const,
    id,
    seq: seq++,
    room,
    platform: 'xhs',
    occurredAt: at,
    receivedAt: at + 50,
  });
  return {
    paid(
      orderId: string,
      at: number,
      total: number | null,
      items: { sku: string; qty: number; unit: number }[],
      buyerId?: string,
    ): LiveEvent {
      return {
        ...base(`paid:${orderId}:${seq}`, at),
        kind: 'order.paid',
        data: {
          orderId,
          items: items.map((i) => ({ sku: i.sku, qty: i.qty, unitPrice: cny(i.unit) })),
          total: total === null ? null : cny(total),
          ...(buyerId ? { buyerId } : {}),
        },
      };
    },
    refund(orderId: string, refundId: string, amount: number, at: number): LiveEvent {
      return {
        ...base(`refund:${refundId}:${seq}`, at),
        kind: 'order.refunded',
        data: { orderId, refundId, amount: cny(amount) },
      };
    },
    chat(text: string, at: number): LiveEvent {
      return { ...base(`chat:${seq}`, at), kind: 'chat', data: { text } };
    },
    viewers(current: number, cumulative: number | undefined, at: number): LiveEvent {
      return {
        ...base(`viewers:${seq}`, at),
        kind: 'viewers',
        data: cumulative === undefined ? { current } : { current, cumulative },
      };
    },
    like(count: number, at: number): LiveEvent {
      return { ...base(`like:${seq}`, at), kind: 'like', data: { count } };
    },
    skip(n: number): void {
      seq += n;
    },
    get next(): number {
      return seq;
    },
  };
}
