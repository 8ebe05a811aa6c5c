/**
 * The order ticker: 小*刚刚下单 ×2. Each tick lives for a few seconds as a CSS animation (in, hold,
 * out) and removes itself at its end: no JavaScript timer runs while no orders come in. A page that
 * (re)connects shows only ticks from the last few seconds, never a replay of the evening.
 */
import { clip, overlayWords } from '../../shared/overlay-text';
import { el } from './dom';
import type { OverlayView } from './view';

/** How long a tick stays (its CSS in + hold + out). */
const TICK_LIFE_MS = 6000;
const SHOWN_AT_ONCE = 4;

export function ordersView(): OverlayView {
  const root = el('div', 'widget orders-widget');
  const seen = new Set<string>();
  return {
    root,
    render(state, changed, first) {
      if (!first && !changed.has('orders')) return;
      const w = overlayWords(state.settings.language);
      const now = Date.now();
      for (const tick of state.orders) {
        if (seen.has(tick.id)) continue;
        seen.add(tick.id);
        if (first && now - tick.at > TICK_LIFE_MS) continue;
        const node = el('div', 'tick');
        node.dataset.id = tick.id;
        node.append(el('i', 'bag'), el('span', 'tick-text', w.ordered(tick.name, tick.qty)));
        if (tick.title) node.append(el('span', 'tick-title', clip(tick.title, 14)));
        node.addEventListener('animationend', (e) => e.animationName === 'tick-out' && node.remove());
        root.prepend(node);
      }
      while (root.childElementCount > SHOWN_AT_ONCE) root.lastElementChild?.remove();
      if (seen.size > 500) {
        const keep = new Set(state.orders.map((t) => t.id));
        for (const id of seen) if (!keep.has(id)) seen.delete(id);
      }
    },
  };
}
