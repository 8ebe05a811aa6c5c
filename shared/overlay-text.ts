/**
 * Words and numbers on the overlays, shared by the pages (DOM) and the PNG card (SVG) so both say the
 * same thing. Pure: no DOM, no Node. Chinese first, English available.
 */
import type { OverlayGoal, ProductCard } from './contract/overlay';
import type { Language } from './language';
import type { Money } from './money';

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', JPY: '¥' };

/** Currency sign for a Money's currency ("¥" for CNY; the code itself when unknown). */
export const currencySign = (m: Money): string => SYMBOLS[m.currency] ?? `${m.currency} `;

/** "699", "59.9", "1,299.5": yuan with grouping, trailing zero cents dropped (how live rooms write prices). */
export function yuanShort(m: Money): string {
  const abs = Math.abs(m.amount);
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  let text = whole;
  if (cents !== 0) text += `.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
  return m.amount < 0 ? `-${text}` : text;
}

/** "¥699" */
export const priceText = (m: Money): string => `${currencySign(m)}${yuanShort(m)}`;

const zh = {
  live: '讲解中',
  link: (n: number) => `${n}号链接`,
  zhe: (tenths: number) => `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`,
  save: (m: Money) => `立省${priceText(m)}`,
  soldOut: '已售罄',
  limited: (limit: number, left: number) => `限量${limit}件 · 仅剩${left}件`,
  few: (n: number) => `仅剩${n}件`,
  soldAndStock: (sold: number, stock: number) => `已抢${sold}件 · 库存${stock}件`,
  stock: (n: number) => `库存${n}件`,
  sold: (n: number) => `已抢${n}件`,
  countdown: '限时',
  ended: '已结束',
  ordered: (name: string, qty: number) => `${name}刚刚下单 ×${qty}`,
  /** Several orders in one ticker row (a busy moment): the first names, then how many buyers. */
  orderedMany: (names: readonly string[], buyers: number, qty: number) =>
    `${names.join('、')}等 ${buyers} 人刚刚下单 ×${qty}`,
  goalDone: '目标达成',
  pinnedComment: '置顶',
};

const en: typeof zh = {
  live: 'LIVE NOW',
  link: (n) => `Link ${n}`,
  zhe: (tenths) => `${100 - tenths}% off`,
  save: (m) => `Save ${priceText(m)}`,
  soldOut: 'Sold out',
  limited: (limit, left) => `Limited ${limit} · ${left} left`,
  few: (n) => `Only ${n} left`,
  soldAndStock: (sold, stock) => `${sold} sold · ${stock} in stock`,
  stock: (n) => `${n} in stock`,
  sold: (n) => `${n} sold`,
  countdown: 'Ends in',
  ended: 'Ended',
  ordered: (name, qty) => `${name} just ordered ×${qty}`,
  orderedMany: (names, buyers, qty) => `${names.join(', ')} and ${buyers - names.length} more just ordered ×${qty}`,
  goalDone: 'Goal reached',
  pinnedComment: 'Pinned',
};

export const overlayWords = (language: Language): typeof zh => (language === 'en' ? en : zh);

/** Low-stock threshold: at or below it the card says "only N left". */
export const FEW_LEFT = 10;

export type StockTone = 'normal' | 'low' | 'out';

/** The stock line of the card and how urgent it looks. */
export function stockLine(card: ProductCard, language: Language): { text: string; tone: StockTone } {
  const w = overlayWords(language);
  // A catalogue without stock figures: say what sold, never invent a stock.
  if (card.stock === null) return { text: card.sold > 0 ? w.sold(card.sold) : '', tone: 'normal' };
  if (card.stock <= 0) return { text: w.soldOut, tone: 'out' };
  if (card.stockLimit !== null) {
    const left = Math.max(0, Math.min(card.stock, card.stockLimit - card.sold));
    if (left === 0) return { text: w.soldOut, tone: 'out' };
    return { text: w.limited(card.stockLimit, left), tone: left <= FEW_LEFT ? 'low' : 'normal' };
  }
  if (card.stock <= FEW_LEFT) return { text: w.few(card.stock), tone: 'low' };
  if (card.sold > 0) return { text: w.soldAndStock(card.sold, card.stock), tone: 'normal' };
  return { text: w.stock(card.stock), tone: 'normal' };
}

/** "04:59", "1:02:03"; "00:00" once past. Whole seconds, rounded up so 0.2 s left still shows 00:01. */
export function countdownText(endsAt: number, now: number): string {
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Goal progress in whole per-mille (0..1000, capped), integer maths only. */
export function goalPermille(goal: OverlayGoal): number {
  if (!goal.target || goal.target.amount <= 0) return 0;
  const current = Math.max(0, goal.current.amount);
  if (current >= goal.target.amount) return 1000;
  return Math.floor((current * 1000) / goal.target.amount);
}

/** Shortens text to `max` characters (by code point, never splitting a surrogate pair), with "…". */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
