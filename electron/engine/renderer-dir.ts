/** Finds the built renderer next to the engine, whether it runs from source (tsx) or from out/. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findRendererDir(explicit?: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    explicit,
    process.env.MAISHOU_RENDERER_DIR,
    resolve(here, '../renderer'), // out/engine -> out/renderer
    resolve(here, '../../out/renderer'), // electron/engine -> out/renderer
  ].filter((c): c is string => Boolean(c));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
