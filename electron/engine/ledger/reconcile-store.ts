/**
 * Applies a reconciliation plan (shared/reconcile/plan.ts) to the ledger's tables in one transaction and
 * remembers the session's last reconciliation (file name, digest, answer), so the same file again
 * changes nothing and the stats can say "reconciled with <file> at <time>".
 */
import type { DatabaseSync } from 'node:sqlite';
import type { SessionWindow } from '../../../shared/metrics/types';
import { EXPORT_REFUND_ID, type ReconcilePlan } from '../../../shared/reconcile/plan';

export interface StoredReconciliation {
  at: number;
  source: string;
  digest: string;
  /** the answer given when it was applied */
  result: unknown;
}

/** Where the session's orders live: its room, or (a session over every room) wherever the id is found. */
interface Scope {
  room: string | null;
  window: SessionWindow;
}

export class ReconcileStore {
  constructor(private readonly db: DatabaseSync) {}

  last(sessionId: string): StoredReconciliation | null {
    const row = this.db
      .prepare('SELECT at, source, digest, result FROM reconciliations WHERE session_id = ?')
      .get(sessionId) as { at: number; source: string; digest: string; result: string } | undefined;
    return row ? { at: row.at, source: row.source, digest: row.digest, result: JSON.parse(row.result) } : null;
  }

  /** Records (or replaces) the session's last reconciliation. */
  remember(sessionId: string, stored: StoredReconciliation): void {
    this.db
      .prepare(`INSERT INTO reconciliations (session_id, at, source, digest, result) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET at = excluded.at, source = excluded.source, digest = excluded.digest,
        result = excluded.result`)
      .run(sessionId, stored.at, stored.source, stored.digest, JSON.stringify(stored.result));
  }

  apply(sessionId: string, scope: Scope, plan: ReconcilePlan, stored: StoredReconciliation): void {
    const { db } = this;
    const where = `order_id = ? AND paid_at >= ? AND paid_at < ? AND (? IS NULL OR room = ?)`;
    const args = (orderId: string) => [orderId, scope.window.start, scope.window.end, scope.room, scope.room];
    const roomOf = db.prepare(`SELECT room FROM orders WHERE ${where}`);
    const addOrder =
      db.prepare(`INSERT INTO orders (room, order_id, status, paid_at, total, currency, buyer_id, channel,
        items, refunded, seq, sharer_id, sharer_name, commission, source)
      VALUES (?, ?, 'paid', ?, ?, ?, NULL, ?, ?, 0, 0, ?, ?, ?, 'export')
      ON CONFLICT (room, order_id) DO UPDATE SET paid_at = excluded.paid_at, total = excluded.total,
        currency = excluded.currency, channel = excluded.channel, items = excluded.items,
        sharer_id = excluded.sharer_id, sharer_name = excluded.sharer_name, commission = excluded.commission
      WHERE orders.source = 'export'`);
    const setAmount = db.prepare(
      `UPDATE orders SET feed_total = coalesce(feed_total, total), total = ?, currency = ? WHERE ${where}`,
    );
    const setAttribution = db.prepare(
      `UPDATE orders SET channel = ?, sharer_id = ?, sharer_name = ?, commission = ? WHERE ${where}`,
    );
    const dropRefund = db.prepare(
      `DELETE FROM refunds WHERE room = ? AND order_id = ? AND refund_id = ? AND source = 'export'`,
    );
    const addRefund = db.prepare(`INSERT INTO refunds (room, order_id, refund_id, amount, currency, at, seq, source)
      VALUES (?, ?, ?, ?, ?, ?, 0, 'export')`);
    const recount = db.prepare(`UPDATE orders SET
        refunded = (SELECT coalesce(sum(amount), 0) FROM refunds f WHERE f.room = orders.room AND f.order_id = orders.order_id),
        status = CASE WHEN EXISTS (SELECT 1 FROM refunds f WHERE f.room = orders.room AND f.order_id = orders.order_id)
          THEN 'refunded' ELSE 'paid' END
      WHERE room = ? AND order_id = ?`);
    const newRoom = scope.room ?? 'export';
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const o of plan.addOrders) {
        const items = o.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitPrice: l.unitPrice }));
        const room = (roomOf.get(...args(o.orderId)) as { room: string } | undefined)?.room ?? newRoom;
        addOrder.run(
          room,
          o.orderId,
          o.paidAt,
          o.total?.amount ?? null,
          o.total?.currency ?? null,
          o.channel,
          JSON.stringify(items),
          o.sharerId ?? null,
          o.sharerName ?? null,
          o.commission?.amount ?? null,
        );
      }
      for (const a of plan.setAmounts) setAmount.run(a.total.amount, a.total.currency, ...args(a.orderId));
      for (const a of plan.setAttribution) {
        setAttribution.run(a.channel, a.sharerId, a.sharerName, a.commission?.amount ?? null, ...args(a.orderId));
      }
      for (const r of plan.exportRefunds) {
        const room = (roomOf.get(...args(r.orderId)) as { room: string } | undefined)?.room;
        if (room === undefined) continue;
        dropRefund.run(room, r.orderId, EXPORT_REFUND_ID);
        if (r.amount.amount > 0) {
          addRefund.run(room, r.orderId, EXPORT_REFUND_ID, r.amount.amount, r.amount.currency, stored.at);
        }
        recount.run(room, r.orderId);
      }
      this.remember(sessionId, stored);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
