import { describe, expect, it } from 'vitest';
import { applyFilter, countNewSince, latestQuestions } from './chat-filter';
import { appendCapped, FeedBuffer, type Flushed, type Scheduler } from './feed-buffer';
import { chatItem, orderTick } from './test-data';

/** A manual clock standing in for setTimeout, so flush timing is asserted exactly. */
function manualScheduler() {
  const timers: { fn: () => void; at: number }[] = [];
  let now = 0;
  const scheduler: Scheduler = {
    setTimeout: (fn, ms) => {
      const t = { fn, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return {
    scheduler,
    now: () => now,
    advance(ms: number) {
      now += ms;
      for (const t of [...timers].sort((a, b) => a.at - b.at)) {
        if (t.at <= now) {
          timers.splice(timers.indexOf(t), 1);
          t.fn();
        }
      }
    },
  };
}

describe('FeedBuffer', () => {
  it('hands a flood on at most once per 100 ms, in arrival order, without losing anything', () => {
    const clock = manualScheduler();
    const flushes: Flushed[] = [];
    const buffer = new FeedBuffer({ scheduler: clock.scheduler, now: clock.now, onFlush: (f) => flushes.push(f) });
    // 1,000 messages over one second, one per millisecond.
    let n = 0;
    for (let ms = 0; ms < 1000; ms++) {
      buffer.push({ chat: [chatItem(n++)], orders: ms % 100 === 0 ? [orderTick(ms)] : [] });
      clock.advance(1);
    }
    clock.advance(200);
    expect(flushes.length).toBeLessThanOrEqual(11);
    expect(flushes.length).toBeGreaterThanOrEqual(9);
    const entries = flushes.flatMap((f) => f.entries);
    expect(entries.filter((e) => e.type === 'chat')).toHaveLength(1000);
    expect(flushes.flatMap((f) => f.orders)).toHaveLength(10);
    const seqs = entries.flatMap((e) => (e.type === 'chat' ? [e.chat.seq] : []));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('shows a single comment at once when the feed was quiet', () => {
    const clock = manualScheduler();
    const flushes: Flushed[] = [];
    const buffer = new FeedBuffer({ scheduler: clock.scheduler, now: clock.now, onFlush: (f) => flushes.push(f) });
    buffer.push({ chat: [chatItem(1)], orders: [] });
    clock.advance(0);
    expect(flushes).toHaveLength(1);
  });

  it('drops exact duplicates (a replay after reconnect) but keeps distinct ids', () => {
    const flushes: Flushed[] = [];
    const buffer = new FeedBuffer({ onFlush: (f) => flushes.push(f) });
    buffer.push({ chat: [chatItem(1), chatItem(2)], orders: [orderTick(1)] });
    buffer.push({ chat: [chatItem(2), chatItem(3)], orders: [orderTick(1)] });
    buffer.flush();
    buffer.dispose();
    expect(flushes[0].entries.map((e) => e.key)).toEqual(['c:chat-1', 'c:chat-2', 'o:order-1', 'c:chat-3']);
  });
});

describe('appendCapped', () => {
  it('keeps only the newest entries', () => {
    expect(appendCapped([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendCapped([1], [2, 3, 4, 5, 6], 3)).toEqual([4, 5, 6]);
    const base = [1, 2];
    expect(appendCapped(base, [3], 10)).not.toBe(base);
  });
});

describe('chat filters', () => {
  const entries = [
    { type: 'chat' as const, key: 'a', at: 1, chat: chatItem(1, { question: true, intent: 'price' }) },
    {
      type: 'chat' as const,
      key: 'b',
      at: 2,
      chat: chatItem(2, { kind: 'gift', gift: { name: '小心心', count: 1, value: null } }),
    },
    { type: 'order' as const, key: 'c', at: 3, order: orderTick(3) },
    {
      type: 'chat' as const,
      key: 'd',
      at: 4,
      chat: chatItem(4, { actor: { id: 'troll', name: 'x' }, question: true }),
    },
  ];
  it('filters questions, orders and gifts, and hides users locally', () => {
    const none = new Set<string>();
    expect(applyFilter(entries, 'all', none)).toHaveLength(4);
    expect(applyFilter(entries, 'questions', none).map((e) => e.key)).toEqual(['a', 'd']);
    expect(applyFilter(entries, 'orders', none).map((e) => e.key)).toEqual(['c']);
    expect(applyFilter(entries, 'gifts', none).map((e) => e.key)).toEqual(['b']);
    expect(applyFilter(entries, 'questions', new Set(['troll'])).map((e) => e.key)).toEqual(['a']);
    expect(latestQuestions(entries, none, 1).map((e) => e.key)).toEqual(['d']);
  });
});

describe('new messages while reading older ones', () => {
  const entry = (n: number) => ({ type: 'chat' as const, key: `k${n}`, at: n, chat: chatItem(n) });
  it('counts what arrived after the last shown entry', () => {
    const shown = [entry(1), entry(2)];
    expect(countNewSince(shown, [entry(1), entry(2), entry(3), entry(4)])).toBe(2);
    expect(countNewSince(shown, [entry(1), entry(2)])).toBe(0);
    // The shown entries were dropped from the capped live list: everything is new.
    expect(countNewSince(shown, [entry(7), entry(8)])).toBe(2);
  });
});
