/**
 * The demo room's sample catalogue (resources/demo): 24 products of a 买手 show with link numbers and
 * flat SVG images. Product `image` values are relative to the demo folder (`images/<sku>.svg`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ledger } from './ledger';

/** resources/demo in a source checkout; a packaged app passes its own resources folder. */
export const DEMO_DIR = fileURLToPath(new URL('../../../resources/demo', import.meta.url));

/** Imports the sample catalogue when the catalogue is empty; returns how many products were added. */
export async function loadDemoCatalogue(ledger: Ledger, demoDir = DEMO_DIR): Promise<number> {
  if (ledger.listProducts().length > 0) return 0;
  const { imported, errors } = await ledger.importProducts(readFileSync(join(demoDir, 'catalogue.csv')));
  if (errors.length > 0)
    throw new Error(`demo catalogue: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return imported;
}
