import { describe, expect, it } from 'vitest';
import { bitrate, clock, count, money, moneyCompact, percent } from './format';

describe('console formatting', () => {
  it('formats money exactly from minor units', () => {
    expect(money({ amount: 129_900, currency: 'CNY' }, 'zh-CN')).toBe('¥1,299.00');
    expect(money({ amount: 5_990, currency: 'CNY' }, 'en')).toBe('CN¥59.90');
    expect(money(null, 'zh-CN')).toBe('—');
  });

  it('shortens large money in Chinese units and in English units', () => {
    expect(moneyCompact({ amount: 999_999, currency: 'CNY' }, 'zh-CN')).toBe('¥9,999.99');
    expect(moneyCompact({ amount: 12_345_600, currency: 'CNY' }, 'zh-CN')).toBe('¥12.3万');
    expect(moneyCompact({ amount: 12_345_600, currency: 'CNY' }, 'en')).toBe('CN¥123.4K');
    expect(moneyCompact({ amount: 30_000_000_000, currency: 'CNY' }, 'zh-CN')).toBe('¥3亿');
  });

  it('formats counts and fractions', () => {
    expect(count(12345, 'zh-CN')).toBe('12,345');
    expect(count(null, 'en')).toBe('—');
    expect(percent(0.0342)).toBe('3.4%');
    expect(percent(null)).toBe('—');
  });

  it('formats durations as clocks', () => {
    expect(clock(0)).toBe('00:00');
    expect(clock(65_000)).toBe('01:05');
    expect(clock(3_725_999)).toBe('1:02:05');
    expect(clock(-5)).toBe('00:00');
  });

  it('formats bitrates', () => {
    expect(bitrate(2500)).toBe('2.5 Mb/s');
    expect(bitrate(800)).toBe('800 kb/s');
    expect(bitrate(0)).toBe('0 kb/s');
  });
});
