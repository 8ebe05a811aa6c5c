/** Path routing for the four views; the server falls back to index.html for these paths. */
import { useSyncExternalStore } from 'react';

export const ROUTES = ['live', 'products', 'sessions', 'settings'] as const;
export type RouteId = (typeof ROUTES)[number];

function current(): RouteId {
  const first = window.location.pathname.split('/').filter(Boolean)[0];
  return (ROUTES as readonly string[]).includes(first ?? '') ? (first as RouteId) : 'live';
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export function navigate(route: RouteId): void {
  if (route === current()) return;
  window.history.pushState(null, '', `/${route}${window.location.search}`);
  for (const l of listeners) l();
}

export function useRoute(): RouteId {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, current);
}
