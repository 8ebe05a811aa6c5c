import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatItem, FeedBatch } from '../../../shared/contract';
import { FeedHub } from './feed-hub';

const chat = (i: number): ChatItem => ({
  id: `c${i}`,
  seq: i,
  at: i,
  kind: 'chat',
  actor: { id: `u${i}`, name: `观众${i}` },
  text: `3号有S码吗 ${i}`,
  linkNo: 3,
  productId: null,
  intent: 'size',
  question: true,
  source: 'gateway',
  platform: 'xhs',
});

describe('FeedHub', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a flood into one emit per flush interval, in order', () => {
    vi.useFakeTimers();
    const batches: FeedBatch[] = [];
    const hub = new FeedHub({ flushMs: 100 });
    hub.on('batch', (b) => batches.push(b));
    for (let i = 1; i <= 1000; i++) hub.push([chat(i)], []);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(batches[0].chat.map((c) => c.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    hub.push([chat(1001)], []);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
  });

  it('keeps a bounded backlog', () => {
    const hub = new FeedHub({ keepChat: 10 });
    for (let i = 1; i <= 100; i++) hub.push([chat(i)], []);
    hub.flush();
    const backlog = hub.backlog();
    expect(backlog.chat).toHaveLength(10);
    expect(backlog.chat.at(-1)?.seq).toBe(100);
    hub.close();
  });

  it('gives a seat that connects before the flush each item once: the backlog holds only what was emitted', () => {
    vi.useFakeTimers();
    const hub = new FeedHub({ flushMs: 100 });
    const seen: string[] = [];
    hub.push([chat(1)], []);
    hub.flush();
    hub.push([chat(2)], []);
    // A seat connects now: the backlog, then every later batch.
    seen.push(...hub.backlog().chat.map((c) => c.id));
    hub.on('batch', (b) => seen.push(...b.chat.map((c) => c.id)));
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['c1', 'c2']);
    expect(hub.backlog().chat.map((c) => c.id)).toEqual(['c1', 'c2']);
    hub.close();
  });

  it('highlights recent comments, at most a few, and refuses unknown ids', () => {
    const seen: number[] = [];
    const hub = new FeedHub({ maxHighlights: 2 });
    hub.on('highlights', (s) => seen.push(s.items.length));
    hub.push([chat(1), chat(2), chat(3)], []);
    hub.highlight('c1');
    hub.highlight('c2');
    expect(hub.highlight('c3').items.map((h) => h.id)).toEqual(['c2', 'c3']);
    expect(hub.highlight('c3').items).toHaveLength(2); // no duplicate
    expect(() => hub.highlight('nope')).toThrow(/No recent comment/);
    expect(hub.unhighlight('c2').items.map((h) => h.id)).toEqual(['c3']);
    expect(seen).toEqual([1, 2, 2, 1]);
    hub.close();
  });
});
