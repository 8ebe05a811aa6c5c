/**
 * Cell values of an order export: times (machine's zone when the text has no offset), money in yuan,
 * quantities, channels and order statuses, as the platforms write them.
 */

import type { Channel } from '../metrics/types';
import { type Money, parseYuan } from '../money';

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `2026-12-05 20:31:02`, `2026/12/05 20:31`, ISO 8601 (with or without an offset) or epoch milliseconds.
 * Without an offset the time is read in this machine's time zone, as the platform's export was written.
 * Returns null for text that is none of these.
 */
export function parseExportTime(text: string): number | null {
  const t = text.trim();
  if (/^\d{13}$/.test(t)) return Number(t);
  const m = DATE_TIME.exec(t);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', offset] = m;
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, '0')),
  ] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return null;
  if (offset === undefined) return new Date(...parts).getTime();
  const utc = Date.UTC(...parts);
  if (offset === 'Z') return utc;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Yuan as the exports write it (`¥1,299.00`, `299`, `299.00元`); null for an empty cell. Throws on other text. */
export function parseExportMoney(text: string, currency: string): Money | null {
  const t = text.trim().replace(/元$/, '').replace(/^CN¥/, '').trim();
  if (t === '' || t === '-' || t === '--') return null;
  return parseYuan(t, currency);
}

export function parseExportQty(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) && Number(t) >= 1 ? Number(t) : Number.NaN;
}

/** The channel a cell names (直播 / 推客 分享 / 笔记 种草 / other); null when empty. */
export function parseExportChannel(text: string): Channel | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (/推客|分享|带货|share|promot|affiliate/.test(t)) return 'share';
  if (/笔记|种草|note/.test(t)) return 'note';
  if (/直播|live/.test(t)) return 'live';
  return 'other';
}

/** What a status cell says about payment: a closed or unpaid order was never paid; refunded in full. */
export function parseExportStatus(text: string): 'paid' | 'unpaid' | 'refunded' {
  const t = text.trim().toLowerCase();
  if (/退款成功|已退款|全额退款|refunded/.test(t)) return 'refunded';
  if (/未支付|待支付|待付款|已取消|取消|unpaid|cancel/.test(t)) return 'unpaid';
  return 'paid';
}
