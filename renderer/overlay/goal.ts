/**
 * GMV toward the host's target: a bar drawn with transform: scaleX (no layout work per update). Figures
 * change at most once per GOAL_STEP_MS (GMV moves with every order in a busy show); the bar glides when
 * the page is calm and steps without motion in a rush.
 */
import type { OverlayState } from '../../shared/contract/overlay';
import { GOAL_STEP_MS } from '../../shared/overlay-pace';
import { goalPermille, overlayWords, priceText } from '../../shared/overlay-text';
import { el, setData, setText } from './dom';
import { pacer } from './pacer';
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
  let shown: OverlayState | null = null;
  const draw = (calm: boolean) => {
    if (!shown) return;
    const goal = shown.goal;
    setData(root, 'state', goal.target ? 'shown' : 'empty');
    if (!goal.target) return;
    const permille = goalPermille(goal);
    setText(title, goal.title);
    setText(pct, permille >= 1000 ? overlayWords(shown.settings.language).goalDone : `${Math.floor(permille / 10)}%`);
    setText(current, priceText(goal.current));
    setText(target, ` / ${priceText(goal.target)}`);
    fill.classList.toggle('still', !calm);
    fill.style.transform = `scaleX(${permille / 1000})`;
    setData(root, 'done', String(permille >= 1000));
  };
  const step = pacer(GOAL_STEP_MS, draw);
  return {
    root,
    render(state, changed, first) {
      if (!first && !changed.has('goal') && !changed.has('settings')) return;
      shown = state;
      // A new target or title shows at once; GMV moving with orders waits for the next step.
      if (first || changed.has('settings')) draw(true);
      else step();
    },
  };
}
