import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OverlayOrderTick, OverlayState } from '../../../shared/contract/overlay';
import { LINES_PER_STEP } from '../../../shared/overlay-pace';
import { Coalescer, PAGE_GAP_MS, PageFeeds, pageSnapshot, type Slice } from './page-feeds';
import { DEFAULT_OVERLAY_SETTINGS } from './settings';

const tick = (n: number): OverlayOrderTick => ({ id: `o${n}`, at: n, name: '小*', qty: 1, title: null });
const line = (n: number) => ({ id: `c${n}`, at: n, name: '阿绿', text: `第${n}条`, question: false });

function state(over: Partial<OverlayState> = {}): OverlayState {
  return {
    product: null,
    highlights: { items: [] },
    chat: [],
    orders: [],
    goal: { target: null, current: { amount: 0, currency: 'CNY' }, title: '' },
    settings: DEFAULT_OVERLAY_SETTINGS,
    ...over,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Coalescer', () => {
  it('sends the first change after a quiet spell at once, then at most once per gap, all keys merged', () => {
    const sent: Slice[][] = [];
    const c = new Coalescer(700, (keys) => sent.push([...keys].sort()));
    c.add(['chat'], false);
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([['chat']]);
    c.add(['chat'], false);
    c.add(['highlights'], false);
    vi.advanceTimersByTime(699);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['chat'], ['chat', 'highlights']]);
  });

  it('sends at once when told, with what was waiting', () => {
    const sent: Slice[][] = [];
    const c = new Coalescer(1000, (keys) => sent.push([...keys].sort()));
    c.add(['goal'], false);
    vi.advanceTimersByTime(0);
    c.add(['goal'], false);
    c.add(['settings'], true);
    expect(sent).toEqual([['goal'], ['goal', 'settings']]);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
    c.add([], true);
    expect(sent).toHaveLength(2);
  });
});

describe('what each page is sent', () => {
  it('sends the orders page every tick of a rush once, more than the state keeps in one step', () => {
    let current = state();
    const sent: OverlayOrderTick[] = [];
    const feeds = new PageFeeds(
      () => current,
      (room, patch) => {
        if (room === 'orders') sent.push(...(patch.orders ?? []));
      },
    );
    // 50 orders within one step of the orders page; the state keeps the newest 20.
    for (let i = 0; i < 50; i++) {
      current = { ...current, orders: [...current.orders, tick(i)].slice(-20) };
      feeds.ordersAdded([tick(i)]);
      feeds.changed(['orders'], false);
      vi.advanceTimersByTime(10);
    }
    feeds.flush();
    expect(sent.map((t) => t.at)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps only the live comments the chat page can show in a snapshot', () => {
    const s = state({ chat: [line(1), line(2), line(3), line(4)], orders: [tick(1)] });
    expect(pageSnapshot(s).chat.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4'].slice(-LINES_PER_STEP));
    expect(pageSnapshot(s).chat.length).toBeLessThan(4);
    expect(pageSnapshot(s).orders).toEqual(s.orders);
  });

  it('sends each page only its slices, at its pace; every order tick exactly once; all slices to the rest', () => {
    let current = state();
    const sent: { room: string; patch: Partial<OverlayState> }[] = [];
    const feeds = new PageFeeds(
      () => current,
      (room, patch) => sent.push({ room: room ?? 'all', patch }),
    );
    let n = 0;
    // Ten seconds of 100 comments and one order every 100 ms, GMV with each.
    for (let ms = 0; ms < 10_000; ms += 100) {
      const chat = [...current.chat, ...Array.from({ length: 100 }, () => line(n++))].slice(-30);
      const orders = [...current.orders, tick(ms)].slice(-20);
      current = { ...current, chat, orders, goal: { ...current.goal, current: { amount: ms, currency: 'CNY' } } };
      feeds.ordersAdded([orders.at(-1)!]);
      // The pinned product's figures move with each order.
      feeds.changed(['chat', 'orders', 'goal', 'product'], false);
      vi.advanceTimersByTime(100);
    }
    feeds.flush();
    const to = (room: string) => sent.filter((s) => s.room === room).map((s) => s.patch);
    for (const p of to('chat')) {
      expect(Object.keys(p)).toEqual(['chat']);
      expect(p.chat?.length).toBeLessThanOrEqual(LINES_PER_STEP);
    }
    expect(to('chat').length).toBeLessThanOrEqual(Math.ceil(10_000 / PAGE_GAP_MS.chat) + 1);
    expect(to('goal').length).toBeLessThanOrEqual(Math.ceil(10_000 / PAGE_GAP_MS.goal) + 1);
    expect(to('goal').at(-1)?.goal?.current.amount).toBe(9_900);
    const ticks = to('orders').flatMap((p) => p.orders ?? []);
    expect(ticks.map((t) => t.at)).toEqual(Array.from({ length: 100 }, (_, i) => i * 100));
    expect(to('product').length).toBeGreaterThan(0);
    expect(to('product').length).toBeLessThanOrEqual(Math.ceil(10_000 / PAGE_GAP_MS.product) + 1);
    expect(to('all').at(-1)?.chat).toHaveLength(30);
    expect(to('all').at(-1)?.orders).toHaveLength(20);
  });
});
