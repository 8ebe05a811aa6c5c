/**
 * The order ticker's items, made on the server so a buyer's full name never reaches an overlay page:
 * only the first character and '*' (小鹿 -> 小*). Pure.
 */
import type { ChatItem, OrderTick } from '../../../shared/contract/feed';
import type { OverlayChatLine, OverlayOrderTick } from '../../../shared/contract/overlay';

/** First character (a whole code point, so an emoji is not cut in half) and '*'. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}*` : '*';
}

/** Paid orders only (the ticker celebrates purchases); names masked, quantities summed. */
export function toOverlayTicks(ticks: readonly OrderTick[]): OverlayOrderTick[] {
  return ticks
    .filter((t) => t.kind === 'paid')
    .map((t) => ({
      id: t.id,
      at: t.at,
      name: maskName(t.buyerName),
      qty: Math.max(
        1,
        t.items.reduce((n, item) => n + item.qty, 0),
      ),
      title: t.items[0]?.title || null,
    }));
}

/** Live comments the chat overlay may show in `questions` or `all` mode (gifts and likes are not comments). */
export function toOverlayChat(items: readonly ChatItem[], mode: 'questions' | 'all'): OverlayChatLine[] {
  return items
    .filter((c) => c.kind === 'chat' && c.text.trim() !== '' && (mode === 'all' || c.question))
    .map((c) => ({ id: c.id, at: c.at, name: c.actor.name, text: c.text, question: c.question }));
}

/** Items of `added` whose id is neither in `list` nor earlier in `added` (a feed may deliver one twice). Pure. */
export function freshItems<T extends { id: string }>(list: readonly T[], added: readonly T[]): T[] {
  if (added.length === 0) return [];
  const seen = new Set(list.map((t) => t.id));
  return added.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/** Appends `added` to `list`, dropping ids already present, keeping the newest `cap`. */
export function appendCapped<T extends { id: string }>(list: readonly T[], added: readonly T[], cap: number): T[] {
  const fresh = freshItems(list, added);
  if (fresh.length === 0) return list as T[];
  const next = [...list, ...fresh];
  return next.length > cap ? next.slice(next.length - cap) : next;
}
