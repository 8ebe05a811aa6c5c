import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './chinese-number';
import { extractLinkNo } from './link-number';
import { normalizeChat } from './normalize';

const link = (text: string): number | null => extractLinkNo(normalizeChat(text));

describe('link numbers in the ways viewers write them', () => {
  it.each([
    ['3号', 3],
    ['链接5', 5],
    ['五号链接', 5],
    ['⑤号', 5],
    ['6️⃣号耳钉拍了', 6],
    ['7#裤子', 7],
    ['#3', 3],
    ['No.25还有货吗', 25],
    ['第六个链接', 6],
    ['第二十八个链接要一个', 28],
    ['要5', 5],
    ['要10', 10],
    ['3号有货吗', 3],
    ['十二号项链我拿下了', 12],
    ['链接二十九冷泡能热泡吗', 29],
    ['１４号洁面乳多少钱', 14],
    ['🔟号', 10],
    ['link 3?', 3],
    ['how much is #4', 4],
    ["I'll take number 6", 6],
    ['要一个11号', 11],
    ['手围15能戴18号吗', 18],
    ['一百零八号', 108],
    ['價格多少 第十二個鏈接', 12],
    ['3號還有嗎', 3],
    ['冷泡茶在29 别找了', 29],
    ['围巾在 11', 11],
  ])('%s -> %s', (text, expected) => {
    expect(link(text)).toBe(expected);
  });

  it.each([
    '扣1',
    '666',
    '165/52kg 穿什么码',
    '1.5米的床',
    '48小时内发货',
    '12号之前能到吗',
    '11月12号发货吗',
    '双11',
    '925银',
    '18K金',
    '拍了2件',
    '299',
    '到手299对吗',
    '要两件',
    '只要99',
    '第2件半价吗',
    '链接一下',
    'piano 3',
    '1111',
    '现在99',
    '仓库在1楼',
    '在12点前下单',
    '在30天内能退吗',
    '我在15',
    '链接一直点不进去',
    '链接一样吗',
    '戒指有12号圈口吗',
  ])('%s is not a link number', (text) => {
    expect(link(text)).toBeNull();
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['九十九', 99],
    ['两', 2],
    ['一百零八', 108],
  ])('%s = %s', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });
  it.each(['十十', '百', '零', '二十二十'])('%s is not a number', (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });
});
