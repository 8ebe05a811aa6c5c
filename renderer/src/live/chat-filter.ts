/** Which timeline entries a chat filter shows, and users hidden locally. Pure. */
import type { TimelineEntry } from './feed-buffer';

export const CHAT_FILTERS = ['all', 'questions', 'orders', 'gifts'] as const;
export type ChatFilter = (typeof CHAT_FILTERS)[number];

export function matchesFilter(entry: TimelineEntry, filter: ChatFilter, hidden: ReadonlySet<string>): boolean {
  if (entry.type === 'chat' && hidden.has(entry.chat.actor.id)) return false;
  switch (filter) {
    case 'all':
      return true;
    case 'questions':
      return entry.type === 'chat' && entry.chat.kind === 'chat' && entry.chat.question;
    case 'orders':
      return entry.type === 'order';
    case 'gifts':
      return entry.type === 'chat' && entry.chat.kind === 'gift';
  }
}

export function applyFilter(
  entries: readonly TimelineEntry[],
  filter: ChatFilter,
  hidden: ReadonlySet<string>,
): readonly TimelineEntry[] {
  if (filter === 'all' && hidden.size === 0) return entries;
  return entries.filter((e) => matchesFilter(e, filter, hidden));
}

/**
 * The phone layout puts questions first: unanswered questions (newest first, at most `limit`),
 * then nothing else; the full timeline stays one tab away.
 */
export function latestQuestions(
  entries: readonly TimelineEntry[],
  hidden: ReadonlySet<string>,
  limit: number,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i];
    if (matchesFilter(e, 'questions', hidden)) out.push(e);
  }
  return out;
}

/**
 * While the list is held still (the user scrolled up), how many entries of the live list came after
 * the last one shown; all of them when the shown ones have already been dropped from the live list.
 */
export function countNewSince(shown: readonly TimelineEntry[], live: readonly TimelineEntry[]): number {
  const lastKey = shown[shown.length - 1]?.key;
  if (lastKey === undefined) return live.length;
  for (let i = live.length - 1; i >= 0; i--) if (live[i].key === lastKey) return live.length - 1 - i;
  return live.length;
}
