/**
 * Row heights of the chat list, computed instead of measured: measuring each new row (and reading the
 * scroll height to follow the bottom) forced a layout per row and dominated a 1,000 msg/s flood. Each
 * row gets the height its text needs at the panel's width (CJK characters about 1em, Latin about
 * 0.5em), up to MAX_LINES; the row's CSS clamps to the same number of lines, so the two always agree.
 */
import type { TimelineEntry } from './feed-buffer';

export const LINE_PX = 20;
export const ROW_PADDING_PX = 6;
export const MAX_LINES = 3;

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** Width of a text in ems (approximate: wide characters 1, others 0.5). */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += WIDE.test(ch) ? 1 : 0.5;
  return ems;
}

/** Lines a row needs: its text at `widthEms` per line, at least 1, at most MAX_LINES. */
export function rowLines(text: string, widthEms: number): number {
  if (widthEms <= 0) return 1;
  return Math.min(MAX_LINES, Math.max(1, Math.ceil(textEms(text) / widthEms)));
}

export function rowHeight(lines: number): number {
  return lines * LINE_PX + ROW_PADDING_PX;
}

/** The time column is set smaller (0.75rem): eight digits take about four ems of the row's font. */
const TIME = '0000000';

/** The text a timeline row shows (time, name, comment or order, link chip), for its height. */
export function entryText(
  entry: TimelineEntry,
  chipTitle: (linkNo: number, productId: string | null) => string,
): string {
  if (entry.type === 'order') {
    const o = entry.order;
    return `${TIME} ${o.buyerName} 下单 ${o.items.map((i) => `${i.title} ×${i.qty}`).join('、')} ¥0,000.00`;
  }
  const c = entry.chat;
  // The chip is at most 16rem wide (ellipsis beyond): count at most that much of the product title.
  const chip = c.linkNo !== null ? ` ${c.linkNo}号 · ${chipTitle(c.linkNo, c.productId).slice(0, 12)}` : '';
  const body =
    c.kind === 'gift' && c.gift ? `送出 ${c.gift.name} ×${c.gift.count}` : c.kind === 'like' ? '点了赞' : c.text;
  // The source tag (直播间, 桥接 1, SSN·youtube) takes about as much room as five CJK characters.
  return `${TIME} ${c.actor.name} 来源标签 ${c.question ? '问 ' : ''}${body}${chip}`;
}
