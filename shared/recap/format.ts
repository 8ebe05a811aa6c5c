/** Display formatting of recap figures (money exact from minor units; ratios rounded only here). */
import { formatMoney, type Money } from '../money';
import type { RecapLang } from './labels';

export const MONEY_KEYS = new Set(['paidGmv', 'refunds', 'settledGmv', 'perBuyer', 'aov', 'perUnit', 'gpm']);
export const RATIO_KEYS = new Set(['conversion', 'refundRate']);

export function fmtMoney(m: Money | null, lang: RecapLang): string {
  return m === null ? '—' : formatMoney(m, lang);
}

export function fmtInt(n: number | null, lang: RecapLang): string {
  return n === null ? '—' : new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN').format(n);
}

export function fmtPercent(r: number | null, digits = 1): string {
  return r === null ? '—' : `${(r * 100).toFixed(digits)}%`;
}

/** A figure by its METRICS.md key. */
export function fmtFigure(key: string, value: Money | number | null, lang: RecapLang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return fmtMoney(value, lang);
  if (RATIO_KEYS.has(key)) return fmtPercent(value, 2);
  if (key === 'chatRate') return value.toFixed(1);
  if (key === 'averageViewers') return fmtInt(Math.round(value), lang);
  return fmtInt(value, lang);
}

/** "2:05:09" or "5:09" */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return h > 0 ? `${h}:${mm}:${String(sec).padStart(2, '0')}` : `${mm}:${String(sec).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local "2025-11-25 20:00" */
export function fmtDateTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fmtClock(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "▲ 12.5%" / "▼ 3.0%" / "—" */
export function fmtChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  if (Math.abs(change) < 0.0005) return '= 0.0%';
  return `${change > 0 ? '▲' : '▼'} ${(Math.abs(change) * 100).toFixed(1)}%`;
}

/** Paid GMV per pinned minute of a segment (or product), rounded half-up to the minor unit. */
export function perPinnedMinute(gmv: Money, pinnedMs: number): Money | null {
  if (pinnedMs <= 0) return null;
  const n = gmv.amount * 60_000;
  const q = Math.floor(n / pinnedMs);
  const rest = n - q * pinnedMs;
  return { amount: rest * 2 >= pinnedMs ? q + 1 : q, currency: gmv.currency };
}
