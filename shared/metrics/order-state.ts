/**
 * Order state of PROTOCOL.md A as a pure transition: states only move forward (created -> paid ->
 * refunded, several partial refunds allowed). A refund over what was paid, or for an order never seen
 * paid, is refused and becomes an anomaly; nothing is half-applied. The ledger and the pure replay share
 * this function, so SQL and the reference cannot disagree on what an event does.
 */
import type { OrderItem } from '../events';
import type { Money } from '../money';
import type { RecordRefund } from './types';

export type OrderStatus = 'created' | 'paid' | 'refunded' | 'cancelled';

export interface OrderState {
  orderId: string;
  status: OrderStatus;
  /** time of `order.paid` (occurredAt, else receivedAt); null until paid */
  paidAt: number | null;
  total: Money | null;
  buyerId: string | null;
  channel: string | null;
  /** the promoter (推客) of a `share` order, when named */
  sharerId: string | null;
  /** the promoter's name and commission, when the platform's order detail names them */
  sharerName?: string | null;
  commission?: Money | null;
  items: OrderItem[];
  /** refunded so far, minor units */
  refunded: number;
  refundIds: string[];
}

export type AnomalyKind =
  | 'refund_exceeds_paid'
  | 'refund_unknown_order'
  | 'refund_invalid_amount'
  | 'currency_mismatch'
  | 'cancel_after_paid'
  | 'paid_after_cancel';

export interface Anomaly {
  kind: AnomalyKind;
  orderId: string;
  refundId: string | null;
  amount: Money | null;
  at: number;
  message: string;
}

export interface OrderData {
  orderId: string;
  items: OrderItem[];
  total: Money | null;
  buyerId?: string;
  channel?: string;
  sharerId?: string;
  sharerName?: string;
  commission?: Money;
}

export type OrderEvent =
  | { kind: 'order.created' | 'order.paid'; at: number; data: OrderData }
  | { kind: 'order.refunded'; at: number; data: { orderId: string; refundId: string; amount: Money } }
  | { kind: 'order.cancelled'; at: number; data: { orderId: string } };

export interface OrderOutcome {
  /** the order's new state, when it changed */
  next?: OrderState;
  /** what changed for the figures */
  effect?: 'paid' | 'amount' | 'refund';
  refund?: RecordRefund;
  anomaly?: Anomaly;
  /** the same refund id applied before: acknowledged, nothing changes */
  duplicate?: boolean;
}

const isPaid = (s: OrderState | undefined): boolean => s?.status === 'paid' || s?.status === 'refunded';

function fromData(data: OrderData, status: OrderStatus, paidAt: number | null): OrderState {
  return {
    orderId: data.orderId,
    status,
    paidAt,
    total: data.total,
    buyerId: data.buyerId ?? null,
    channel: data.channel ?? null,
    sharerId: data.sharerId ?? null,
    ...(data.sharerName ? { sharerName: data.sharerName } : {}),
    ...(data.commission ? { commission: data.commission } : {}),
    items: data.items,
    refunded: 0,
    refundIds: [],
  };
}

function wrongCurrency(data: OrderData, currency: string): boolean {
  return (
    (data.total !== null && data.total.currency !== currency) ||
    data.items.some((i) => i.unitPrice.currency !== currency)
  );
}

/** What `event` does to an order in `state` (undefined = never seen), in a ledger keeping `currency`. */
export function applyOrderEvent(state: OrderState | undefined, event: OrderEvent, currency: string): OrderOutcome {
  const { at } = event;
  switch (event.kind) {
    case 'order.created': {
      if (state) return {}; // a late or repeated "created" never moves an order back
      return { next: fromData(event.data, 'created', null) };
    }
    case 'order.paid': {
      const { data } = event;
      if (wrongCurrency(data, currency)) {
        return {
          anomaly: {
            kind: 'currency_mismatch',
            orderId: data.orderId,
            refundId: null,
            amount: data.total,
            at,
            message: `Order ${data.orderId} is not in ${currency}; it is kept in the record but not counted`,
          },
        };
      }
      if (state && isPaid(state)) {
        // Repeated payment notice; it may carry the amount an earlier one lacked.
        if (state.total === null && data.total !== null) {
          return { next: { ...state, total: data.total }, effect: 'amount' };
        }
        return {};
      }
      const next = fromData(data, 'paid', at);
      if (state?.status === 'cancelled') {
        return {
          next,
          effect: 'paid',
          anomaly: {
            kind: 'paid_after_cancel',
            orderId: data.orderId,
            refundId: null,
            amount: data.total,
            at,
            message: `Order ${data.orderId} was paid after it was cancelled; it is counted as paid`,
          },
        };
      }
      return { next, effect: 'paid' };
    }
    case 'order.cancelled': {
      if (isPaid(state)) {
        return {
          anomaly: {
            kind: 'cancel_after_paid',
            orderId: event.data.orderId,
            refundId: null,
            amount: null,
            at,
            message: `Order ${event.data.orderId} was cancelled after payment; it stays paid (a refund event is expected)`,
          },
        };
      }
      if (state?.status === 'cancelled') return {};
      const base = state ?? fromData({ orderId: event.data.orderId, items: [], total: null }, 'created', null);
      return { next: { ...base, status: 'cancelled' } };
    }
    case 'order.refunded': {
      const { orderId, refundId, amount } = event.data;
      const refuse = (kind: AnomalyKind, message: string): OrderOutcome => ({
        anomaly: { kind, orderId, refundId, amount, at, message },
      });
      if (!state || !isPaid(state)) {
        return refuse('refund_unknown_order', `Refund ${refundId} names order ${orderId}, which was never seen paid`);
      }
      if (state.refundIds.includes(refundId)) return { duplicate: true };
      if (amount.currency !== currency) {
        return refuse('currency_mismatch', `Refund ${refundId} is in ${amount.currency}, not ${currency}`);
      }
      if (amount.amount <= 0) return refuse('refund_invalid_amount', `Refund ${refundId} has no positive amount`);
      if (state.total !== null && state.refunded + amount.amount > state.total.amount) {
        return refuse(
          'refund_exceeds_paid',
          `Refund ${refundId} of ${amount.amount} would bring order ${orderId} to ${state.refunded + amount.amount} refunded, over the ${state.total.amount} paid`,
        );
      }
      // An order whose amount is unknown cannot be checked; its money figures are already marked incomplete.
      return {
        next: {
          ...state,
          status: 'refunded',
          refunded: state.refunded + amount.amount,
          refundIds: [...state.refundIds, refundId],
        },
        effect: 'refund',
        refund: { orderId, refundId, amount, at },
      };
    }
  }
}
