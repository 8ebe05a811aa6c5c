import { describe, expect, it } from 'vitest';
import type { Intent } from '../chat/intent';
import { type ChatRecord, recapQuestions } from './recap';

const rec = (
  at: number,
  actorId: string,
  productId: string | null,
  intent: Intent,
  question: boolean,
  text: string,
): ChatRecord => ({
  at,
  actorId,
  text,
  intent,
  question,
  linkNo: null,
  productId,
});

const S = 1000;
const records: ChatRecord[] = [
  rec(1 * S, 'a', 'P1', 'size', true, '1号什么码'),
  rec(2 * S, 'b', 'P1', 'size', true, '1号什么码'),
  rec(3 * S, 'b', 'P1', 'size', true, '1号偏大吗'),
  rec(4 * S, 'c', 'P1', 'price', true, '1号多少钱'),
  rec(5 * S, 'd', 'P2', 'want', false, '要2'),
  rec(6 * S, 'e', 'P2', 'want', false, '2号想要'),
  rec(7 * S, 'f', 'P2', 'link', true, '2号链接呢'),
  rec(8 * S, 'g', null, 'praise', false, '好看'),
  rec(100 * S, 'h', 'P2', 'stock', true, '2号还有吗'),
];

describe('recapQuestions', () => {
  const recap = recapQuestions(records, [{ productId: 'P1', start: 20 * S, end: 80 * S }], {
    autoAnswerAfterMs: 10 * S,
    answers: [{ productId: 'P2', intent: 'link', at: 37 * S }],
  });

  it('lists top questions per product by distinct askers', () => {
    const p1 = recap.perProduct.find((p) => p.productId === 'P1')!;
    expect(p1.questions).toBe(4);
    expect(p1.topQuestions[0]).toEqual({ intent: 'size', askers: 2, asks: 3, examples: ['1号什么码', '1号偏大吗'] });
    expect(p1.topQuestions[1]).toMatchObject({ intent: 'price', askers: 1 });
  });

  it('measures time to answer from pins and clicks', () => {
    // P1 size and price answered by the pin at 30 s (asked at 1 s and 4 s), P2 link clicked at 37 s
    // (asked at 7 s), P2 stock never answered.
    expect(recap.answerTimes).toMatchObject({
      groups: 4,
      answered: 3,
      answeredByPin: 2,
      answeredByHost: 1,
      unanswered: 1,
      medianMs: 29 * S,
      maxMs: 30 * S,
    });
  });

  it('compares demand with pins', () => {
    const [first, second] = recap.demandVsPins;
    expect(first).toMatchObject({ productId: 'P2', demandTotal: 4, pinnedMs: 0, pinShare: 0 });
    expect(first.demand).toEqual({ want: 2, link: 1, question: 1 });
    expect(second).toMatchObject({
      productId: 'P1',
      demandTotal: 4,
      pins: 1,
      pinnedMs: 60 * S,
      pinShare: 1,
      demandWhilePinned: 0,
    });
    expect(first.gap).toBeCloseTo(0.5);
  });
});
