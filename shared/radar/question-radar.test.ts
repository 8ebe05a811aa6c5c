import { describe, expect, it } from 'vitest';
import { describeGroup } from './describe';
import { QuestionRadar, type RadarQuestionInput } from './question-radar';

const q = (
  at: number,
  actorId: string | null,
  productId: string | null,
  intent: RadarQuestionInput['intent'],
  text: string,
) => ({
  at,
  actorId,
  productId,
  intent,
  text,
});

describe('QuestionRadar', () => {
  it('groups by product and intent, counting each viewer once ("12 人问 3号 尺码")', () => {
    const radar = new QuestionRadar();
    for (let i = 0; i < 12; i++) radar.add(q(1000 + i, `v${i}`, 'P3', 'size', i % 2 ? '3号什么码' : '160穿什么码'));
    radar.add(q(2000, 'v1', 'P3', 'size', '3号偏大吗')); // same viewer again
    radar.add(q(2001, 'v1', 'P3', 'price', '3号多少钱'));
    const { open } = radar.snapshot();
    expect(open).toHaveLength(2);
    const size = open[0];
    expect(size).toMatchObject({ productId: 'P3', intent: 'size', askers: 12, asks: 13, firstAt: 1000, lastAt: 2000 });
    expect(size.context[0]).toBe('3号偏大吗');
    expect(size.context).toHaveLength(3);
    expect(new Set(size.context).size).toBe(3);
    expect(describeGroup(size, 'zh', () => '3号')).toBe('12 人问 3号 尺码');
    expect(describeGroup(size, 'en', () => '#3')).toBe('12 asked about #3 size');
  });

  it('splits free-form questions by near-duplicate text', () => {
    const radar = new QuestionRadar();
    radar.add(q(1, 'a', null, 'other', '主播哪里人'));
    radar.add(q(2, 'b', null, 'other', '主播是哪里人呀'));
    radar.add(q(3, 'c', null, 'other', '背景音乐叫什么'));
    const open = radar.snapshot().open;
    expect(open.map((g) => g.askers).sort()).toEqual([1, 2]);
  });

  it('marks answered by click and records latency from the first ask', () => {
    const radar = new QuestionRadar();
    const g = radar.add(q(10_000, 'a', 'P1', 'price', '多少钱'));
    radar.add(q(12_000, 'b', 'P1', 'price', '价格呢'));
    const answered = radar.markAnswered(g.id, 25_000);
    expect(answered).toMatchObject({ status: 'answered', answeredBy: 'host', latencyMs: 15_000 });
    expect(radar.snapshot().open).toHaveLength(0);
    expect(radar.markAnswered(g.id, 26_000)).toBeNull();
    // asking again opens a new group
    const again = radar.add(q(30_000, 'c', 'P1', 'price', '多少钱'));
    expect(again.id).not.toBe(g.id);
    expect(radar.stats()).toMatchObject({ answeredGroups: 1, medianLatencyMs: 15_000 });
  });

  it('auto-answers a product pinned for N seconds, not questions asked later in that pin', () => {
    const radar = new QuestionRadar({ autoAnswerAfterMs: 10_000 });
    radar.add(q(1_000, 'a', 'P2', 'size', '2号多大'));
    radar.add(q(2_000, 'b', 'P5', 'size', '5号多大'));
    radar.onPinned('P2', 5_000);
    expect(radar.tick(14_000)).toHaveLength(0); // pinned 9 s
    const done = radar.tick(15_000);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ productId: 'P2', answeredBy: 'pin', answeredAt: 15_000, latencyMs: 14_000 });
    radar.add(q(20_000, 'c', 'P2', 'stock', '2号还有吗'));
    expect(radar.tick(60_000)).toHaveLength(0);
    expect(
      radar
        .snapshot()
        .open.map((g) => g.productId)
        .sort(),
    ).toEqual(['P2', 'P5']);
  });

  it('does not auto-answer when the pin is shorter than N seconds', () => {
    const radar = new QuestionRadar({ autoAnswerAfterMs: 10_000 });
    radar.add(q(1_000, 'a', 'P2', 'size', '2号多大'));
    radar.onPinned('P2', 5_000);
    radar.tick(8_000);
    radar.onPinned('P3', 9_000);
    radar.tick(30_000);
    expect(radar.snapshot().open).toHaveLength(1);
  });

  it('keeps memory bounded: expires stale groups and caps open ones', () => {
    const radar = new QuestionRadar({ staleAfterMs: 60_000, maxOpenGroups: 50 });
    for (let i = 0; i < 500; i++) radar.add(q(i, `v${i}`, `P${i}`, 'price', '多少钱'));
    radar.add(q(600, 'x', 'P499', 'price', '多少钱'));
    expect(radar.openCount).toBe(50);
    expect(radar.snapshot().open[0]).toMatchObject({ productId: 'P499', askers: 2 });
    expect(radar.stats().droppedGroups).toBe(450);
    radar.tick(61_000);
    expect(radar.openCount).toBe(0);
    expect(radar.stats().expiredGroups).toBe(50);
  });
});
