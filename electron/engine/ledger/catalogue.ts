/**
 * The catalogue as the ledger offers it: imports (parsing pure in shared/catalogue, XLSX in a worker) and
 * edits of the product store, each followed by `changed` (the ledger drops its sku cache and re-tallies
 * the running session once, as lines naming only a sku may now resolve to another product).
 */
import { parseCatalogue } from '../../../shared/catalogue/import';
import type { XlsxRowReader } from '../../../shared/catalogue/xlsx';
import { capErrors } from '../../../shared/catalogue/zip-limits';
import type { Logger } from '../log';
import type { Product, ProductStore } from './products';

export interface ImportAnswer {
  imported: number;
  errors: { line: number; message: string }[];
}

export class Catalogue {
  constructor(
    private readonly o: {
      products: ProductStore;
      readXlsx: XlsxRowReader;
      logger: Logger;
      now: () => number;
      changed: () => void;
    },
  ) {}

  async importFile(bytes: Uint8Array, options: { contentType?: string; charset?: string } = {}): Promise<ImportAnswer> {
    const parsed = await parseCatalogue(bytes, { ...options, readXlsx: this.o.readXlsx });
    const stored = this.o.products.importRows(parsed.products, this.o.now());
    this.o.changed();
    const errors = capErrors([...parsed.errors, ...stored.errors].sort((a, b) => a.line - b.line));
    this.o.logger.info({ imported: stored.imported, errors: errors.length }, 'catalogue imported');
    return { imported: stored.imported, errors };
  }

  add(input: unknown): Product {
    return this.after(this.o.products.add(input, this.o.now()));
  }

  update(productId: string, patch: unknown): Product {
    return this.after(this.o.products.update(productId, patch, this.o.now()));
  }

  delete(productId: string): void {
    this.o.products.delete(productId);
    this.o.changed();
  }

  private after<T>(value: T): T {
    this.o.changed();
    return value;
  }
}
