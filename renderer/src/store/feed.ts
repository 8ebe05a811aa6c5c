/**
 * Chat and orders live here, apart from the engine's state: the FeedBuffer collects the engine's
 * `feed` batches outside React and flushes them into this store at most about every 100 ms. Lists are
 * capped so a three-hour show keeps a bounded heap.
 */
import { create } from 'zustand';
import type { OrderTick } from '../../../shared/contract/feed';
import type { ChatFilter } from '../live/chat-filter';
import { appendCapped, FeedBuffer, type TimelineEntry } from '../live/feed-buffer';

export const TIMELINE_CAPACITY = 5_000;
export const ORDERS_CAPACITY = 200;

export interface FeedStore {
  timeline: TimelineEntry[];
  orders: OrderTick[];
  /** Entries received since the page loaded (for "N new" and the bench). */
  received: number;
  filter: ChatFilter;
  hidden: ReadonlySet<string>;
  hiddenNames: Record<string, string>;
  setFilter(filter: ChatFilter): void;
  hideUser(id: string, name: string): void;
  unhideUser(id: string): void;
  clear(): void;
}

const HIDDEN_KEY = 'maishou.hiddenUsers';

function loadHidden(): Record<string, string> {
  try {
    const raw = globalThis.localStorage?.getItem(HIDDEN_KEY);
    const parsed = raw ? (JSON.parse(raw) as unknown) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function saveHidden(names: Record<string, string>): void {
  globalThis.localStorage?.setItem(HIDDEN_KEY, JSON.stringify(names));
}

const initialHidden = loadHidden();

export const useFeed = create<FeedStore>((set) => ({
  timeline: [],
  orders: [],
  received: 0,
  filter: 'all',
  hidden: new Set(Object.keys(initialHidden)),
  hiddenNames: initialHidden,
  setFilter: (filter) => set({ filter }),
  hideUser: (id, name) =>
    set((s) => {
      const hiddenNames = { ...s.hiddenNames, [id]: name };
      saveHidden(hiddenNames);
      return { hiddenNames, hidden: new Set(Object.keys(hiddenNames)) };
    }),
  unhideUser: (id) =>
    set((s) => {
      const { [id]: _gone, ...hiddenNames } = s.hiddenNames;
      saveHidden(hiddenNames);
      return { hiddenNames, hidden: new Set(Object.keys(hiddenNames)) };
    }),
  clear: () => set({ timeline: [], orders: [], received: 0 }),
}));

/** The page's one buffer: the engine client pushes batches in, the store sees one update per flush. */
export const feedBuffer = new FeedBuffer({
  intervalMs: 100,
  onFlush: ({ entries, orders }) =>
    useFeed.setState((s) => ({
      timeline: appendCapped(s.timeline, entries, TIMELINE_CAPACITY),
      orders: orders.length ? appendCapped(s.orders, orders, ORDERS_CAPACITY) : s.orders,
      received: s.received + entries.length,
    })),
});
