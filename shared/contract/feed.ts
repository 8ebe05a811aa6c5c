/**
 * The live feed as seats see it: chat and orders, batched by the engine (at most every ~100 ms) so a
 * flood costs one emit per batch. Text from the network is data: seats render it as text, never HTML.
 */
import { z } from 'zod';
import type { Intent } from '../chat/intent';
import { idSchema } from '../events';
import type { Money } from '../money';
import { command, OPERATORS } from './define';

/** One name for the chat intents: the classifier's (shared/chat). */
export type ChatIntent = Intent;

export interface ChatItem {
  /** The live event id (idempotency key). */
  id: string;
  seq: number;
  at: number;
  kind: 'chat' | 'gift' | 'like';
  actor: { id: string; name: string };
  text: string;
  /** Link number written in the comment (3号 -> 3), and the product it resolves to. */
  linkNo: number | null;
  productId: string | null;
  intent: ChatIntent;
  question: boolean;
  /** For gifts: count and value. */
  gift?: { name: string; count: number; value: Money | null };
  /** Which source it came by (`gateway`, `bridge:<seat>`, `ssn:<bridge>`; labels in the `sources` slice) and the platform it names. */
  source: string;
  platform: string;
}

export interface OrderTick {
  id: string;
  orderId: string;
  at: number;
  kind: 'paid' | 'refunded' | 'created' | 'cancelled';
  buyerName: string;
  items: { productId: string | null; title: string; qty: number }[];
  /** Paid total, or the refund amount; null when the platform did not send it. */
  amount: Money | null;
}

export interface FeedBatch {
  chat: ChatItem[];
  orders: OrderTick[];
}

/** Comments the host pinned to the chat overlay (newest last). */
export interface HighlightState {
  items: { id: string; name: string; text: string; at: number }[];
}

export const feedCommands = {
  'chat.highlight': command<HighlightState>()(z.object({ id: idSchema }).strict(), OPERATORS),
  'chat.unhighlight': command<HighlightState>()(z.object({ id: idSchema }).strict(), OPERATORS),
};

export interface FeedStateSlice {
  highlights: HighlightState;
}
