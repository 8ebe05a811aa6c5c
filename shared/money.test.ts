import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  divideRoundHalfUp,
  formatMoney,
  MoneyError,
  money,
  multiply,
  parseYuan,
  subtract,
  sum,
  toYuanString,
} from './money';

describe('money', () => {
  it('parses yuan strings into fen exactly', () => {
    expect(parseYuan('299.00').amount).toBe(29900);
    expect(parseYuan('59.9').amount).toBe(5990);
    expect(parseYuan('0.01').amount).toBe(1);
    expect(parseYuan('1,299.00').amount).toBe(129900);
    expect(parseYuan('¥88').amount).toBe(8800);
    expect(parseYuan(' 12.5 ').amount).toBe(1250);
    // 0.1 + 0.2 style float traps do not exist in integer fen.
    expect(parseYuan('19.99').amount).toBe(1999);
  });

  it('rejects what is not a price', () => {
    for (const bad of ['', 'abc', '1.999', '1e3', '12.', '.5', '１２', 'NaN', '--1', '1 000']) {
      expect(() => parseYuan(bad), bad).toThrow(MoneyError);
    }
  });

  it('adds, subtracts and multiplies in minor units', () => {
    expect(add(money(1), money(2)).amount).toBe(3);
    expect(subtract(money(1000), money(1)).amount).toBe(999);
    expect(multiply(money(29900), 3).amount).toBe(89700);
    expect(sum([money(1), money(2), money(3)]).amount).toBe(6);
    expect(() => add(money(1, 'CNY'), money(1, 'USD'))).toThrow(/CNY with USD/);
    expect(() => multiply(money(1), 1.5)).toThrow(MoneyError);
    expect(() => money(0.5)).toThrow(MoneyError);
  });

  it('rounds ratios half-up', () => {
    expect(divideRoundHalfUp(10, 4)).toBe(3); // 2.5 -> 3
    expect(divideRoundHalfUp(10, 3)).toBe(3);
    expect(divideRoundHalfUp(11, 3)).toBe(4); // 3.67 -> 4
    expect(divideRoundHalfUp(-10, 4)).toBe(-3);
    expect(divideRoundHalfUp(1, 3, 1000)).toBe(333);
    expect(() => divideRoundHalfUp(1, 0)).toThrow(MoneyError);
  });

  it('formats in Chinese and English', () => {
    expect(formatMoney(money(129900), 'zh-CN')).toBe('¥1,299.00');
    expect(formatMoney(money(5990), 'en')).toBe('CN¥59.90');
    expect(formatMoney(money(-1), 'zh-CN')).toBe('-¥0.01');
    expect(toYuanString(money(5990))).toBe('59.90');
  });

  it('round-trips any amount through the yuan string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(parseYuan(toYuanString(money(fen))).amount).toBe(fen);
      }),
    );
  });
});
