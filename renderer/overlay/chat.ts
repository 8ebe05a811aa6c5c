/**
 * Comments on the stream: the ones the host pins (置顶), and in `questions`/`all` mode a short rolling
 * list of live comments. Keyed by id, so an update touches only what changed.
 */
import type { OverlayState } from '../../shared/contract/overlay';
import { clip, overlayWords } from '../../shared/overlay-text';
import { el, removeAfterAnimation, setText } from './dom';
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

  function sync(
    container: HTMLElement,
    nodes: Map<string, HTMLElement>,
    items: readonly { id: string }[],
    make: (item: never) => HTMLElement,
  ): void {
    const keep = new Set(items.map((i) => i.id));
    for (const [id, node] of nodes) {
      if (!keep.has(id)) {
        nodes.delete(id);
        removeAfterAnimation(node, 'leaving', 400);
      }
    }
    for (const item of items) {
      if (nodes.has(item.id)) continue;
      const node = make(item as never);
      node.dataset.id = item.id;
      nodes.set(item.id, node);
      container.append(node);
    }
  }

  return {
    root,
    render(state, changed, first) {
      const w = overlayWords(state.settings.language);
      if (first || changed.has('highlights') || changed.has('settings')) {
        const items = state.highlights.items.slice(-HIGHLIGHTS_SHOWN);
        sync(highlights, highlightNodes, items, (h: OverlayState['highlights']['items'][number]) => {
          const node = el('div', 'highlight');
          const head = el('div', 'highlight-head');
          head.append(el('span', 'highlight-tag', w.pinnedComment), el('span', 'name', clip(h.name, 16)));
          node.append(head, el('p', 'highlight-text', clip(h.text, 120)));
          return node;
        });
        for (const node of highlightNodes.values()) setText(node.querySelector('.highlight-tag')!, w.pinnedComment);
      }
      if (first || changed.has('chat') || changed.has('settings')) {
        const lines = state.settings.chatMode === 'highlights' ? [] : state.chat.slice(-LIVE_SHOWN);
        sync(live, lineNodes, lines, (c: OverlayState['chat'][number]) => {
          const node = el('div', c.question ? 'line question' : 'line');
          node.append(el('span', 'name', clip(c.name, 12)), el('span', 'text', clip(c.text, 60)));
          return node;
        });
      }
      root.dataset.state = highlightNodes.size + lineNodes.size > 0 ? 'shown' : 'empty';
    },
  };
}
