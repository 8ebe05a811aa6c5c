/**
 * Parses a catalogue file (CSV in UTF-8 or GBK, or XLSX) into products and line-numbered errors, as
 * `POST /products/import` of PROTOCOL.md D describes. Pure apart from decoding: no database.
 */

import { StudioError } from '../errors';
import { type ParsedCatalogue, rowsToCatalogue } from './columns';
import { decodeCsv, parseCsvRows } from './csv';
import { isXlsx, parseXlsxRows, type XlsxRowReader } from './xlsx';
import { assertRowCount, assertXlsxWithinLimits, MAX_IMPORT_ROWS } from './zip-limits';

export type { ImportError, ParsedCatalogue, ProductInput } from './columns';

export interface CatalogueFileOptions {
  contentType?: string;
  /** e.g. from `Content-Type: text/csv; charset=gbk`; detected when absent */
  charset?: string;
  /** Reads XLSX rows; the engine passes a worker-thread reader with a heap limit. */
  readXlsx?: XlsxRowReader;
  /** Product rows one import takes (default MAX_IMPORT_ROWS). */
  maxRows?: number;
}

/** `charset=...` of a Content-Type header, if any. */
export const charsetOf = (contentType?: string): string | undefined =>
  /charset\s*=\s*"?([\w-]+)"?/i.exec(contentType ?? '')?.[1];

/**
 * Files past the limits (an XLSX that would inflate past ~50 MB, more than 5,000 product rows) are
 * refused whole with a 413 StudioError, before anything is inflated or stored.
 */
export async function parseCatalogue(bytes: Uint8Array, options: CatalogueFileOptions = {}): Promise<ParsedCatalogue> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  if (isXlsx(bytes, options.contentType)) {
    assertXlsxWithinLimits(bytes);
    try {
      // header + maxRows data rows are all an import can take: the rest is only counted
      const { rows, total } = await (options.readXlsx ?? parseXlsxRows)(bytes, maxRows + 1);
      assertRowCount(total - 1, maxRows);
      return rowsToCatalogue(rows);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      return {
        products: [],
        errors: [{ line: 1, message: `Could not read the XLSX file: ${(error as Error).message}` }],
      };
    }
  }
  const text = decodeCsv(bytes, options.charset ?? charsetOf(options.contentType));
  const { rows, errors } = parseCsvRows(text);
  assertRowCount(rows.length - 1, maxRows);
  const parsed = rowsToCatalogue(rows);
  return { products: parsed.products, errors: [...errors, ...parsed.errors].sort((a, b) => a.line - b.line) };
}
