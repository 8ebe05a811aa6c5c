/**
 * Where this seat's engine is and which token it holds. The desktop window gets both from the preload;
 * a browser seat carries the token in the URL fragment (never the query, so it stays out of server logs
 * and Referer headers), which is moved into sessionStorage and removed from the address bar.
 */
export interface SeatLink {
  engineUrl: string;
  token: string | null;
}

interface PreloadBridge {
  engineUrl: string;
  token: string;
}

declare global {
  interface Window {
    studio?: PreloadBridge;
  }
}

const STORAGE_KEY = 'maishou.seatToken';

export function readSeatLink(win: Window = window): SeatLink {
  if (win.studio?.engineUrl) return { engineUrl: win.studio.engineUrl, token: win.studio.token };
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token');
  if (fromFragment) {
    win.sessionStorage.setItem(STORAGE_KEY, fromFragment);
    fragment.delete('token');
    const rest = fragment.toString();
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}${rest ? `#${rest}` : ''}`);
  }
  return { engineUrl: win.location.origin, token: fromFragment ?? win.sessionStorage.getItem(STORAGE_KEY) };
}
