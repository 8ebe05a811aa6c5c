/** Order state rows: load into the pure OrderState, write it back. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { OrderItem } from '../../../shared/events';
import type { OrderState, OrderStatus } from '../../../shared/metrics/order-state';

interface OrderRow {
  status: OrderStatus;
  paid_at: number | null;
  total: number | null;
  currency: string | null;
  buyer_id: string | null;
  channel: string | null;
  sharer_id: string | null;
  sharer_name: string | null;
  commission: number | null;
  items: string;
  refunded: number;
}

export class OrderStore {
  private readonly select: StatementSync;
  private readonly refundIds: StatementSync;
  private readonly upsert: StatementSync;
  private readonly insert: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly currency: string,
  ) {
    this.select = db.prepare(
      'SELECT status, paid_at, total, currency, buyer_id, channel, sharer_id, sharer_name, commission, items, refunded FROM orders WHERE room = ? AND order_id = ?',
    );
    this.refundIds = db.prepare('SELECT refund_id FROM refunds WHERE room = ? AND order_id = ?');
    this.insert = db.prepare(`INSERT INTO orders (room, order_id, status, paid_at, total, currency, buyer_id, channel,
      items, refunded, seq, sharer_id, sharer_name, commission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsert =
      db.prepare(`INSERT INTO orders (room, order_id, status, paid_at, total, currency, buyer_id, channel, items, refunded, seq, sharer_id,
        sharer_name, commission)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (room, order_id) DO UPDATE SET status = excluded.status, paid_at = excluded.paid_at,
        total = excluded.total, currency = excluded.currency, buyer_id = excluded.buyer_id, channel = excluded.channel,
        items = excluded.items, refunded = excluded.refunded, seq = excluded.seq, sharer_id = excluded.sharer_id,
        sharer_name = excluded.sharer_name, commission = excluded.commission`);
  }

  /** The order's state; refund ids are loaded only when a refund needs them. */
  load(room: string, orderId: string, withRefundIds: boolean): OrderState | undefined {
    const row = this.select.get(room, orderId) as OrderRow | undefined;
    if (!row) return undefined;
    const currency = row.currency ?? this.currency;
    return {
      orderId,
      status: row.status,
      paidAt: row.paid_at,
      total: row.total === null ? null : { amount: row.total, currency },
      buyerId: row.buyer_id,
      channel: row.channel,
      sharerId: row.sharer_id,
      ...(row.sharer_name !== null ? { sharerName: row.sharer_name } : {}),
      ...(row.commission !== null ? { commission: { amount: row.commission, currency } } : {}),
      items: JSON.parse(row.items) as OrderItem[],
      refunded: row.refunded,
      refundIds: withRefundIds
        ? (this.refundIds.all(room, orderId) as { refund_id: string }[]).map((r) => r.refund_id)
        : [],
    };
  }

  /** Writes the state; `isNew` when load() found no row (a plain insert is cheaper than an upsert). */
  save(room: string, state: OrderState, seq: number, isNew: boolean): void {
    (isNew ? this.insert : this.upsert).run(
      room,
      state.orderId,
      state.status,
      state.paidAt,
      state.total?.amount ?? null,
      state.total?.currency ?? null,
      state.buyerId,
      state.channel,
      JSON.stringify(state.items),
      state.refunded,
      seq,
      state.sharerId,
      state.sharerName ?? null,
      state.commission?.amount ?? null,
    );
  }
}
