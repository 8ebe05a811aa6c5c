/**
 * The demo room's sample catalogue (resources/demo): 24 products of a 买手 show with link numbers and
 * flat SVG images. Product `image` values are relative to the demo folder (`images/<sku>.svg`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ledger } from './ledger';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * resources/demo: named by the desktop shell in a packaged app (MAISHOU_DEMO_DIR, its resources
 * folder), else found beside the sources (electron/engine/ledger) or the build (out/engine).
 */
export const DEMO_DIR =
  [process.env.MAISHOU_DEMO_DIR, resolve(here, '../../../resources/demo'), resolve(here, '../../resources/demo')].find(
    (dir): dir is string => Boolean(dir) && existsSync(join(dir as string, 'catalogue.csv')),
  ) ?? resolve(here, '../../../resources/demo');

/** Imports the sample catalogue when the catalogue is empty; returns how many products were added. */
export async function loadDemoCatalogue(ledger: Ledger, demoDir = DEMO_DIR): Promise<number> {
  if (ledger.listProducts().length > 0) return 0;
  const { imported, errors } = await ledger.importProducts(readFileSync(join(demoDir, 'catalogue.csv')));
  if (errors.length > 0)
    throw new Error(`demo catalogue: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return imported;
}
