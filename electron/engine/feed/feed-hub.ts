/**
 * Chat and orders on their way to seats. A flood of thousands of events a second becomes one `feed`
 * emit per ~100 ms; a bounded backlog lets a seat that (re)connects see recent context at once; the
 * host's highlighted comments (for the chat overlay) are looked up here. The backlog holds only what was
 * already emitted: an item still waiting for the flush reaches a seat that connects now with that
 * flush, so a seat never gets it twice.
 */
import { EventEmitter } from 'node:events';
import type { ChatItem, FeedBatch, HighlightState, OrderTick } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';

export interface FeedHubOptions {
  flushMs?: number;
  /** Recent items kept for the backlog and for highlight look-ups. */
  keepChat?: number;
  keepOrders?: number;
  maxHighlights?: number;
}

export interface FeedHubEvents {
  /** One batch of chat and orders for every seat and overlay. */
  batch: [FeedBatch];
  /** The host's highlighted comments changed. */
  highlights: [HighlightState];
}

export class FeedHub extends EventEmitter<FeedHubEvents> {
  private pending: FeedBatch = { chat: [], orders: [] };
  private timer: NodeJS.Timeout | null = null;
  private chat: ChatItem[] = [];
  private orders: OrderTick[] = [];
  private highlights: HighlightState = { items: [] };

  constructor(private readonly options: FeedHubOptions = {}) {
    super();
  }

  push(chat: readonly ChatItem[], orders: readonly OrderTick[]): void {
    if (chat.length === 0 && orders.length === 0) return;
    this.pending.chat.push(...chat);
    this.pending.orders.push(...orders);
    this.timer ??= setTimeout(() => this.flush(), this.options.flushMs ?? 100);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.chat.length === 0 && batch.orders.length === 0) return;
    this.pending = { chat: [], orders: [] };
    this.remember(batch);
    this.emit('batch', batch);
  }

  private remember(batch: FeedBatch): void {
    this.chat.push(...batch.chat);
    this.orders.push(...batch.orders);
    const keepChat = this.options.keepChat ?? 500;
    const keepOrders = this.options.keepOrders ?? 100;
    // Trim in chunks so a flood does not shift the array on every event.
    if (this.chat.length > keepChat * 2) this.chat = this.chat.slice(-keepChat);
    if (this.orders.length > keepOrders * 2) this.orders = this.orders.slice(-keepOrders);
  }

  /** What a seat that just connected should see: the recent items already emitted. */
  backlog(): FeedBatch {
    return {
      chat: this.chat.slice(-(this.options.keepChat ?? 500)),
      orders: this.orders.slice(-(this.options.keepOrders ?? 100)),
    };
  }

  get highlightState(): HighlightState {
    return this.highlights;
  }

  highlight(id: string): HighlightState {
    const item = this.pending.chat.findLast((c) => c.id === id) ?? this.chat.findLast((c) => c.id === id);
    if (item?.kind !== 'chat')
      throw new StudioError('unknown_comment', `No recent comment ${id}`, { status: 404, path: 'id' });
    if (this.highlights.items.some((h) => h.id === id)) return this.highlights;
    const max = this.options.maxHighlights ?? 3;
    this.highlights = {
      items: [...this.highlights.items, { id, name: item.actor.name, text: item.text, at: Date.now() }].slice(-max),
    };
    this.emit('highlights', this.highlights);
    return this.highlights;
  }

  unhighlight(id: string): HighlightState {
    if (!this.highlights.items.some((h) => h.id === id)) return this.highlights;
    this.highlights = { items: this.highlights.items.filter((h) => h.id !== id) };
    this.emit('highlights', this.highlights);
    return this.highlights;
  }

  close(): void {
    this.flush();
  }
}
