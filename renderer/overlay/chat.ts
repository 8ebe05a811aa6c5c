/**
 * Comments on the stream: the ones the host pins (置顶), and in `questions`/`all` mode a short rolling
 * list of live comments. Keyed by id, so an update touches only what changed.
 *
 * Readable pace: live lines move at most once per LINE_STEP_MS, each step adding the newest
 * LINES_PER_STEP comments that came since the last one (in a flood of 1,000 a second, the ones in
 * between are skipped: nobody reads that many). Lines slide in when the chat is calm; in a flood they
 * change in place without motion, so the page draws a few frames a second, not sixty.
 */
import type { OverlayChatLine, OverlayState } from '../../shared/contract/overlay';
import { LINE_STEP_MS, LINES_PER_STEP } from '../../shared/overlay-pace';
import { clip, overlayWords } from '../../shared/overlay-text';
import { el, removeAfterAnimation, setData, setText } from './dom';
import { pacer } from './pacer';
import type { OverlayView } from './view';

const HIGHLIGHTS_SHOWN = 3;
const LIVE_SHOWN = 6;

export function chatView(): OverlayView {
  const root = el('div', 'widget chat-widget');
  const live = el('div', 'live-lines');
  const highlights = el('div', 'highlights');
  root.append(live, highlights);
  const highlightNodes = new Map<string, HTMLElement>();
  const lineNodes = new Map<string, HTMLElement>();
  /** The newest live comments the page was sent, shown at the next step. */
  let latest: readonly OverlayChatLine[] = [];

  function sync(
    container: HTMLElement,
    nodes: Map<string, HTMLElement>,
    items: readonly { id: string }[],
    make: (item: never) => HTMLElement,
    animate: boolean,
  ): void {
    const keep = new Set(items.map((i) => i.id));
    for (const [id, node] of nodes) {
      if (!keep.has(id)) {
        nodes.delete(id);
        if (animate) removeAfterAnimation(node, 'leaving', 400);
        else node.remove();
      }
    }
    for (const item of items) {
      if (nodes.has(item.id)) continue;
      const node = make(item as never);
      node.dataset.id = item.id;
      if (!animate) node.classList.add('still');
      nodes.set(item.id, node);
      container.append(node);
    }
  }

  const makeLine = (c: OverlayChatLine) => {
    const node = el('div', c.question ? 'line question' : 'line');
    node.append(el('span', 'name', clip(c.name, 12)), el('span', 'text', clip(c.text, 60)));
    return node;
  };

  const markState = () => {
    setData(root, 'state', highlightNodes.size + lineNodes.size > 0 ? 'shown' : 'empty');
  };

  /** One step of the live lines: those shown still, plus the newest that came since, LIVE_SHOWN at most. */
  const stepLines = pacer(LINE_STEP_MS, (calm) => {
    const fresh = latest.filter((c) => !lineNodes.has(c.id)).slice(-LINES_PER_STEP);
    const shown = latest.length === 0 ? [] : [...lineNodes.keys()].map((id) => ({ id }));
    sync(live, lineNodes, [...shown, ...fresh].slice(-LIVE_SHOWN), makeLine, calm);
    markState();
  });

  return {
    root,
    render(state, changed, first) {
      const w = overlayWords(state.settings.language);
      if (first || changed.has('highlights') || changed.has('settings')) {
        const items = state.highlights.items.slice(-HIGHLIGHTS_SHOWN);
        sync(
          highlights,
          highlightNodes,
          items,
          (h: OverlayState['highlights']['items'][number]) => {
            const node = el('div', 'highlight');
            const head = el('div', 'highlight-head');
            head.append(el('span', 'highlight-tag', w.pinnedComment), el('span', 'name', clip(h.name, 16)));
            node.append(head, el('p', 'highlight-text', clip(h.text, 120)));
            return node;
          },
          true,
        );
        for (const node of highlightNodes.values()) setText(node.querySelector('.highlight-tag')!, w.pinnedComment);
      }
      if (first || changed.has('chat') || changed.has('settings')) {
        latest = state.settings.chatMode === 'highlights' ? [] : state.chat.slice(-LINES_PER_STEP);
        stepLines();
      }
      markState();
    },
  };
}
