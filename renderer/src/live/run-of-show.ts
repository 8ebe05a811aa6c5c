/** Run-of-show (排品) helpers: search, reorder, the next/previous product, keyboard shortcuts. Pure. */
import type { Product } from '../../../shared/contract/products';

/** Case-insensitive match on title, sku, product id or link number ("3", "3号"). */
export function searchProducts(products: readonly Product[], query: string): readonly Product[] {
  const q = query.trim().toLowerCase();
  if (!q) return products;
  const link = /^(\d+)\s*号?$/.exec(q);
  return products.filter(
    (p) =>
      (link && p.linkNo === Number(link[1])) ||
      p.title.toLowerCase().includes(q) ||
      p.sku.toLowerCase().includes(q) ||
      p.productId.toLowerCase().includes(q),
  );
}

/** Moves the item at `from` to index `to` (indices in the unmoved list); returns a new array. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = list.slice();
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** The product after (or before) the pinned one, as the engine's pin.next/previous would choose. */
export function neighbour(
  order: readonly string[],
  pinned: string | null,
  direction: 1 | -1,
): { productId: string | null; atEnd: boolean } {
  if (order.length === 0) return { productId: null, atEnd: true };
  if (pinned === null) return { productId: order[0], atEnd: false };
  const i = order.indexOf(pinned);
  const j = i + direction;
  if (i < 0) return { productId: order[0], atEnd: false };
  if (j < 0 || j >= order.length) return { productId: pinned, atEnd: true };
  return { productId: order[j], atEnd: false };
}

export type PinShortcut = 'next' | 'previous' | 'clear';

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The focused element's tag and whether it is editable: typing in a search box is not a shortcut. */
  targetTag?: string;
  targetEditable?: boolean;
}

/**
 * In-window shortcuts for the pin: Alt+→ / Alt+↓ next, Alt+← / Alt+↑ previous, Alt+0 unpin; and, when
 * no text field has focus, the bare keys ] (next), [ (previous) and \ (unpin), which macro pads can send.
 */
export function pinShortcut(e: KeyLike): PinShortcut | null {
  const editing = e.targetEditable || e.targetTag === 'INPUT' || e.targetTag === 'TEXTAREA' || e.targetTag === 'SELECT';
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') return 'next';
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') return 'previous';
    if (e.key === '0') return 'clear';
    return null;
  }
  if (editing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === ']') return 'next';
  if (e.key === '[') return 'previous';
  if (e.key === '\\') return 'clear';
  return null;
}

/** SVG polyline points for a sparkline of non-negative values in a width x height box. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = height - (Math.max(0, v) / max) * (height - 2) - 1;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
