/** How a product's stock and picture are shown. Pure; tolerant of catalogues that leave them out. */

export type StockLevel = 'out' | 'low' | 'ok' | 'unknown';

export const LOW_STOCK = 10;

export function stockLevel(stock: number | null | undefined): StockLevel {
  if (stock === null || stock === undefined) return 'unknown';
  if (stock <= 0) return 'out';
  return stock < LOW_STOCK ? 'low' : 'ok';
}

/**
 * Where the browser loads a product picture: https and data URLs as they are; a relative catalogue
 * path (`images/x.svg`) from the engine's `/catalogue/` folder; nothing for anything else (no
 * `javascript:`, no `..`, no other hosts over plain http).
 */
export function imageUrl(image: string | null | undefined): string | null {
  if (!image) return null;
  if (/^https:\/\//i.test(image) || /^data:image\//i.test(image)) return image;
  const path = image.replace(/^\/+/, '');
  if (/^[\w./-]+$/.test(path) && !path.split('/').includes('..')) return `/catalogue/${path}`;
  return null;
}
