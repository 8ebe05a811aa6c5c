/** GMV toward the host's target: a bar drawn with transform: scaleX (no layout work per update). */
import { goalPermille, overlayWords, priceText } from '../../shared/overlay-text';
import { el, setText } from './dom';
import type { OverlayView } from './view';

export function goalView(): OverlayView {
  const root = el('div', 'widget goal-widget');
  const head = el('div', 'goal-head');
  const title = el('span', 'goal-title');
  const pct = el('span', 'goal-pct');
  head.append(title, pct);
  const bar = el('div', 'bar');
  const fill = el('div', 'fill');
  bar.append(fill);
  const nums = el('div', 'goal-nums');
  const current = el('b', 'goal-current');
  const target = el('span', 'goal-target');
  nums.append(current, target);
  root.append(head, bar, nums);
  return {
    root,
    render(state, changed, first) {
      if (!first && !changed.has('goal') && !changed.has('settings')) return;
      const goal = state.goal;
      root.dataset.state = goal.target ? 'shown' : 'empty';
      if (!goal.target) return;
      const permille = goalPermille(goal);
      setText(title, goal.title);
      setText(pct, permille >= 1000 ? overlayWords(state.settings.language).goalDone : `${Math.floor(permille / 10)}%`);
      setText(current, priceText(goal.current));
      setText(target, ` / ${priceText(goal.target)}`);
      fill.style.transform = `scaleX(${permille / 1000})`;
      root.dataset.done = String(permille >= 1000);
    },
  };
}
