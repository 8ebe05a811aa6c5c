import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyByRules } from './classify';
import { INTENTS } from './intent';
import { classifyComment as combined } from './learned/classify';

// The same expectations hold for the rules alone and for the shipped classifier (model + rules).
describe.each([
  ['rules alone', classifyByRules],
  ['model with rules', combined],
])('%s', (_name, classifyComment) => {
  it.each([
    ['3号多少钱', 'price', true, 3],
    ['平时穿M 这个拍什么码', 'size', true, null],
    ['21号盖毯是不是卖光了', 'stock', true, 21],
    ['江浙沪隔天到吗', 'shipping', true, null],
    ['哪个是方巾的链接', 'link', true, null],
    ['17号长巾是什么料子', 'material', true, 17],
    ['白茶要煮吗', 'usage', true, null],
    ['有木有第二件半价', 'discount', true, null],
    ['扣1', 'want', false, null],
    ['上链接', 'want', false, null],
    ['要5', 'want', false, 5],
    ['晚上好', 'greeting', false, null],
    ['这是什么神仙颜色？？', 'praise', false, null],
    ['怎么又卡了？？', 'complaint', false, null],
    ['讲讲20号吧', 'other', true, 20],
    ['how much is #4', 'price', true, 4],
    ['size for 165cm?', 'size', true, null],
  ] as const)('%s -> %s question=%s link=%s', (text, intent, question, linkNo) => {
    expect(classifyComment(text)).toEqual({ intent, question, linkNo });
  });

  it('does not take viewers informing each other, or rhetorical questions, as questions', () => {
    expect(classifyComment('尺码偏大 姐妹们拍小一码').question).toBe(false);
    expect(classifyComment('27号就是白T')).toEqual({ intent: 'link', question: false, linkNo: 27 });
    expect(classifyComment('蹲价格').question).toBe(true);
    expect(classifyComment('求补货').question).toBe(true);
    expect(classifyComment('主播试一下黑色').question).toBe(true);
  });

  it('answers for any string, including hostile long input', () => {
    const hostile = [
      '号'.repeat(500),
      `${'1'.repeat(499)}号`,
      '一二三四五六七八九十'.repeat(50),
      '链接'.repeat(250),
      '#'.repeat(250) + '1'.repeat(250),
      'no.'.repeat(166),
      '不'.repeat(500),
      '🔟6️⃣'.repeat(100),
    ];
    for (const text of hostile) {
      const r = classifyComment(text);
      expect(INTENTS).toContain(r.intent);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 500, unit: 'grapheme' }), (text) => {
        const r = classifyComment(text);
        return INTENTS.includes(r.intent) && (r.linkNo === null || (r.linkNo >= 1 && r.linkNo <= 999));
      }),
      { numRuns: 300 },
    );
  });
});
