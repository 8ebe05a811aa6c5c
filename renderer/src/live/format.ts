/**
 * Display formatting for the live console: money through shared/money.ts (exact minor units), counts,
 * percentages and durations. Pure and DOM-free so it is unit-tested in node.
 */
import { formatMoney, type Money } from '../../../shared/money';
import type { Language } from '../i18n/language';

const moneyCache = new Map<string, string>();
const MONEY_CACHE_SIZE = 2000;

/**
 * "¥1,299.00"; "—" when the figure is not known. Memoized: formatMoney builds an Intl formatter per
 * call, which showed up in profiles when every patch re-rendered dozens of prices.
 */
export function money(value: Money | null | undefined, language: Language): string {
  if (!value) return '—';
  const key = `${language}|${value.currency}|${value.amount}`;
  let text = moneyCache.get(key);
  if (text === undefined) {
    text = formatMoney(value, language);
    if (moneyCache.size >= MONEY_CACHE_SIZE) moneyCache.clear();
    moneyCache.set(key, text);
  }
  return text;
}

/** Compact money for tight places: "¥12.3万" / "CN¥123.4K" above 10,000 yuan, exact below. */
export function moneyCompact(value: Money | null | undefined, language: Language): string {
  if (!value) return '—';
  const yuan = Math.abs(value.amount) / 100;
  if (yuan < 10_000) return formatMoney(value, language);
  const sign = value.amount < 0 ? '-' : '';
  const symbol = money({ amount: 0, currency: value.currency }, language).replace(/[\d.,\s]/g, '');
  if (language === 'zh-CN') {
    return yuan >= 100_000_000
      ? `${sign}${symbol}${trim(yuan / 100_000_000)}亿`
      : `${sign}${symbol}${trim(yuan / 10_000)}万`;
  }
  return yuan >= 1_000_000 ? `${sign}${symbol}${trim(yuan / 1_000_000)}M` : `${sign}${symbol}${trim(yuan / 1000)}K`;
}

function trim(n: number): string {
  return (Math.floor(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

const counters: Partial<Record<Language, Intl.NumberFormat>> = {};

/** Whole numbers with separators: 12,345 (zh-CN uses the same grouping). */
export function count(n: number | null | undefined, language: Language): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  counters[language] ??= new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 0 });
  return counters[language].format(n);
}

/** A fraction 0..1 as a percentage with one decimal: 0.0342 -> "3.4%". */
export function percent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Elapsed time as a clock: 65_000 -> "01:05", 3_725_000 -> "1:02:05". Negative counts as zero. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Bitrate for the top bar: 2500 -> "2.5 Mb/s", 800 -> "800 kb/s". */
export function bitrate(kbps: number): string {
  if (!Number.isFinite(kbps) || kbps <= 0) return '0 kb/s';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mb/s` : `${Math.round(kbps)} kb/s`;
}

/** Wall-clock time of an event: "20:41:07". */
export function timeOfDay(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
