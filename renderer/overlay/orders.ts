/**
 * The order ticker: 小*刚刚下单 ×2. Every paid order reaches a row (ticker-queue.ts): rows go out at most
 * one per ROW_STEP_MS, and orders that came meanwhile share the next row (小*、王*等 7 人刚刚下单 ×9), so
 * none is dropped however busy the show. Rows sit in fixed slots moved by transform (no layout when the
 * ticker moves, each in a small layer of its own); each lives a few seconds (in, hold, out): one timer
 * for the oldest row's end of hold runs while rows are on screen, none once the ticker is empty. A page that (re)connects shows only ticks from
 * the last few seconds, never a replay of the evening.
 */
import type { OverlayState } from '../../shared/contract/overlay';
import { ROW_STEP_MS } from '../../shared/overlay-pace';
import { clip, overlayWords } from '../../shared/overlay-text';
import { el, removeAfterAnimation } from './dom';
import { pacer } from './pacer';
import { TickerQueue, type TickerRow } from './ticker-queue';
import type { OverlayView } from './view';

const SHOWN_AT_ONCE = 4;
/**
 * When a row starts to fade out, and how long it stays in all (its CSS in + hold + out). A step longer
 * than SHOWN_AT_ONCE steps: in a rush a new row every step pushes the oldest off before its hold ends (a
 * late step or two included), without a fade, so a busy ticker changes once a step, not twice.
 */
const HOLD_MS = (SHOWN_AT_ONCE + 1) * ROW_STEP_MS;
const TICK_LIFE_MS = HOLD_MS + 400;
/** A row's height and the gap below it, in layout units (overlay.css .tick). */
const SLOT_PX = 62;

export function ordersView(): OverlayView {
  const root = el('div', 'widget orders-widget');
  const queue = new TickerQueue();
  let language: OverlayState['settings']['language'] = 'zh-CN';
  /** Rows on screen, newest first, with when each ends its hold. */
  let rows: { slot: HTMLElement; until: number }[] = [];
  /** The one timer: the oldest row's end of hold, only while rows are on screen. */
  let expiry: ReturnType<typeof setTimeout> | null = null;

  /** Rows whose hold is over fade out (and remove themselves); the timer waits for the next one. */
  const expire = () => {
    expiry = null;
    const now = performance.now();
    for (const r of rows) if (r.until <= now) removeAfterAnimation(r.slot, 'expiring', 600);
    rows = rows.filter((r) => r.until > now);
    const next = rows.at(-1);
    if (next) expiry = setTimeout(expire, next.until - now);
  };

  const make = (row: TickerRow, animate: boolean): HTMLElement => {
    const w = overlayWords(language);
    const slot = el('div', 'tick-slot');
    const node = el('div', animate ? 'tick' : 'tick still');
    node.dataset.id = row.id;
    node.dataset.orders = String(row.orders);
    const text = row.orders === 1 ? w.ordered(row.names[0], row.qty) : w.orderedMany(row.names, row.orders, row.qty);
    node.append(el('i', 'bag'), el('span', 'tick-text', text));
    if (row.title) node.append(el('span', 'tick-title', clip(row.title, 14)));
    slot.append(node);
    return slot;
  };

  const step = pacer(ROW_STEP_MS, (calm) => {
    const row = queue.next();
    if (!row) return;
    const slot = make(row, calm);
    root.classList.toggle('moving', calm);
    rows.unshift({ slot, until: performance.now() + HOLD_MS });
    root.prepend(slot);
    for (const old of rows.splice(SHOWN_AT_ONCE)) old.slot.remove();
    rows.forEach((r, i) => {
      r.slot.style.transform = `translateY(${i * SLOT_PX}px)`;
    });
    if (!expiry) expiry = setTimeout(expire, HOLD_MS);
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
