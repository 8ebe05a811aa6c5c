/** The recap's place inside /sessions: `?id=<session>` opens a recap, `?compare=<a>,<b>` compares two. */
import { useSyncExternalStore } from 'react';

export type RecapPlace = { kind: 'list' } | { kind: 'recap'; id: string } | { kind: 'compare'; a: string; b: string };

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

let cachedSearch = '';
let cachedPlace: RecapPlace = { kind: 'list' };
function current(): RecapPlace {
  if (window.location.search === cachedSearch) return cachedPlace;
  cachedSearch = window.location.search;
  const q = new URLSearchParams(cachedSearch);
  const id = q.get('id');
  const compare = q.get('compare')?.split(',');
  cachedPlace =
    id !== null && id !== ''
      ? { kind: 'recap', id }
      : compare?.length === 2
        ? { kind: 'compare', a: compare[0], b: compare[1] }
        : { kind: 'list' };
  return cachedPlace;
}

export function goTo(place: RecapPlace): void {
  const q = new URLSearchParams(window.location.search);
  q.delete('id');
  q.delete('compare');
  if (place.kind === 'recap') q.set('id', place.id);
  if (place.kind === 'compare') q.set('compare', `${place.a},${place.b}`);
  const search = q.toString();
  window.history.pushState(null, '', `/sessions${search ? `?${search}` : ''}${window.location.hash}`);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

export function hrefOf(place: RecapPlace): string {
  if (place.kind === 'recap') return `/sessions?id=${encodeURIComponent(place.id)}`;
  if (place.kind === 'compare')
    return `/sessions?compare=${encodeURIComponent(place.a)},${encodeURIComponent(place.b)}`;
  return '/sessions';
}

export function useRecapPlace(): RecapPlace {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, current);
}

/** A link that navigates in place (plain click) and still opens in a new tab with modifiers. */
export function onNavigate(place: RecapPlace) {
  return (e: React.MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    goTo(place);
  };
}
