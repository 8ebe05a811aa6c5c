/**
 * Product pictures for the PNG card from local files (the catalogue's `images/…` folder). Only files
 * inside `root` are read (the static server's path check), and only picture types resvg draws.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ProductCard } from '../../../../shared/contract/overlay';
import { resolveInside } from '../../api/static-files';
import type { CardImage } from './render-card';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** Largest picture read for a card (a 4K JPEG is far below it). */
const MAX_BYTES = 15 * 1024 * 1024;

/**
 * A `loadImage` for OverlayHub: `relativePath(card)` names the card's picture under `root`
 * (e.g. the product's `images/XHS-CL-001.jpg`), or null for none.
 */
export function fileImageLoader(
  root: string,
  relativePath: (card: ProductCard) => string | null,
): (card: ProductCard) => Promise<CardImage | null> {
  return async (card) => {
    const rel = relativePath(card);
    if (!rel) return null;
    const file = resolveInside(root, rel);
    const mime = file ? MIME[extname(file).toLowerCase()] : undefined;
    if (!file || !mime) return null;
    const bytes = await readFile(file).catch(() => null);
    return bytes && bytes.length <= MAX_BYTES ? { bytes, mime } : null;
  };
}
