import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money';
import { fmtChange, fmtDuration, fmtFigure, fmtInt, fmtMoney, fmtPercent, perPinnedMinute } from './format';

describe('recap formatting', () => {
  it('formats money exactly from fen, and a missing figure as a dash', () => {
    expect(fmtMoney(money(129_900), 'zh-CN')).toBe('¥1,299.00');
    expect(fmtMoney(money(1), 'zh-CN')).toBe('¥0.01');
    expect(fmtMoney(null, 'en')).toBe('—');
    expect(fmtInt(1_234_567, 'zh-CN')).toBe('1,234,567');
    expect(fmtInt(null, 'zh-CN')).toBe('—');
  });

  it('formats each figure by its METRICS.md key', () => {
    expect(fmtFigure('paidGmv', money(5_000), 'zh-CN')).toBe('¥50.00');
    expect(fmtFigure('conversion', 0.03125, 'zh-CN')).toBe('3.13%');
    expect(fmtFigure('refundRate', 0, 'en')).toBe('0.00%');
    expect(fmtFigure('chatRate', 12.345, 'en')).toBe('12.3');
    expect(fmtFigure('averageViewers', 1234.5, 'en')).toBe('1,235');
    expect(fmtFigure('orders', 42, 'en')).toBe('42');
    expect(fmtFigure('gpm', null, 'en')).toBe('—');
    expect(fmtPercent(0.5)).toBe('50.0%');
  });

  it('formats durations and changes', () => {
    expect(fmtDuration(0)).toBe('0:00');
    expect(fmtDuration(309_000)).toBe('5:09');
    expect(fmtDuration(7_509_000)).toBe('2:05:09');
    expect(fmtDuration(-5)).toBe('0:00');
    expect(fmtChange(0.125)).toBe('▲ 12.5%');
    expect(fmtChange(-0.03)).toBe('▼ 3.0%');
    expect(fmtChange(0.0001)).toBe('= 0.0%');
    expect(fmtChange(null)).toBe('—');
    expect(fmtChange(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('GMV per pinned minute: none for no time, half-up to the fen', () => {
    expect(perPinnedMinute(money(10_000), 0)).toBeNull();
    expect(perPinnedMinute(money(10_000), 60_000)).toEqual(money(10_000));
    expect(perPinnedMinute(money(10_000), 30_000)).toEqual(money(20_000));
    expect(perPinnedMinute(money(1), 120_000)).toEqual(money(1)); // 0.5 fen rounds up
    expect(perPinnedMinute(money(1), 121_000)).toEqual(money(0)); // just under half
    expect(perPinnedMinute(money(100, 'USD'), 60_000)?.currency).toBe('USD');
  });

  it('GMV per pinned minute is the exact rate rounded half-up, an integer of fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 4 * 3_600_000 }), (fen, ms) => {
        const per = perPinnedMinute(money(fen), ms);
        expect(per).not.toBeNull();
        const amount = (per as { amount: number }).amount;
        expect(Number.isInteger(amount)).toBe(true);
        // |amount - exact| <= 1/2, and exactly half rounds up: compared in integers (fen * 60,000 vs ms)
        const twice = 2 * fen * 60_000;
        expect(2 * amount * ms).toBeGreaterThan(twice - ms);
        expect(2 * amount * ms).toBeLessThanOrEqual(twice + ms);
      }),
    );
  });
});
