/**
 * The order ticker: 小*刚刚下单 ×2. Every paid order reaches a row (ticker-queue.ts): rows go out at most
 * one per ROW_STEP_MS, and orders that came meanwhile share the next row (小*、王*等 7 人刚刚下单 ×9), so
 * none is dropped however busy the show. Rows sit in fixed slots moved by transform (no layout when the
 * ticker moves); each lives a few seconds as a CSS animation (in, hold, out) and removes itself at its
 * end: no JavaScript timer runs while no orders come in. A page that (re)connects shows only ticks from
 * the last few seconds, never a replay of the evening.
 */
import type { OverlayState } from '../../shared/contract/overlay';
import { ROW_STEP_MS } from '../../shared/overlay-pace';
import { clip, overlayWords } from '../../shared/overlay-text';
import { el } from './dom';
import { pacer } from './pacer';
import { TickerQueue, type TickerRow } from './ticker-queue';
import type { OverlayView } from './view';

/** How long a tick stays (its CSS in + hold + out). */
const TICK_LIFE_MS = 6000;
const SHOWN_AT_ONCE = 4;
/** A row's height and the gap below it, in layout units (overlay.css .tick). */
const SLOT_PX = 62;

export function ordersView(): OverlayView {
  const root = el('div', 'widget orders-widget');
  const queue = new TickerQueue();
  let language: OverlayState['settings']['language'] = 'zh-CN';
  /** Rows on screen, newest first. */
  const rows: HTMLElement[] = [];

  const make = (row: TickerRow, animate: boolean): HTMLElement => {
    const w = overlayWords(language);
    const slot = el('div', 'tick-slot');
    const node = el('div', animate ? 'tick' : 'tick still');
    node.dataset.id = row.id;
    node.dataset.orders = String(row.orders);
    const text = row.orders === 1 ? w.ordered(row.names[0], row.qty) : w.orderedMany(row.names, row.orders, row.qty);
    node.append(el('i', 'bag'), el('span', 'tick-text', text));
    if (row.title) node.append(el('span', 'tick-title', clip(row.title, 14)));
    node.addEventListener('animationend', (e) => {
      if (e.animationName !== 'tick-out') return;
      slot.remove();
      const at = rows.indexOf(slot);
      if (at >= 0) rows.splice(at, 1);
    });
    slot.append(node);
    return slot;
  };

  const step = pacer(ROW_STEP_MS, (calm) => {
    const row = queue.next();
    if (!row) return;
    const slot = make(row, calm);
    root.classList.toggle('moving', calm);
    rows.unshift(slot);
    root.prepend(slot);
    for (const old of rows.splice(SHOWN_AT_ONCE)) old.remove();
    rows.forEach((r, i) => {
      r.style.transform = `translateY(${i * SLOT_PX}px)`;
    });
    if (queue.length > 0) step();
  });

  return {
    root,
    render(state, changed, first) {
      language = state.settings.language;
      if (!first && !changed.has('orders')) return;
      const now = Date.now();
      if (first) queue.remember(state.orders.filter((t) => now - t.at > TICK_LIFE_MS));
      if (queue.push(state.orders) > 0) step();
    },
  };
}
