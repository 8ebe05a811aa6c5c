/**
 * Parses a catalogue file (CSV in UTF-8 or GBK, or XLSX) into products and line-numbered errors, as
 * `POST /products/import` of PROTOCOL.md D describes. Pure apart from decoding: no database.
 */
import { type ParsedCatalogue, rowsToCatalogue } from './columns';
import { decodeCsv, parseCsvRows } from './csv';
import { isXlsx, parseXlsxRows } from './xlsx';

export type { ImportError, ParsedCatalogue, ProductInput } from './columns';

export interface CatalogueFileOptions {
  contentType?: string;
  /** e.g. from `Content-Type: text/csv; charset=gbk`; detected when absent */
  charset?: string;
}

/** `charset=...` of a Content-Type header, if any. */
export const charsetOf = (contentType?: string): string | undefined =>
  /charset\s*=\s*"?([\w-]+)"?/i.exec(contentType ?? '')?.[1];

export async function parseCatalogue(bytes: Uint8Array, options: CatalogueFileOptions = {}): Promise<ParsedCatalogue> {
  if (isXlsx(bytes, options.contentType)) {
    try {
      return rowsToCatalogue(await parseXlsxRows(bytes));
    } catch (error) {
      return {
        products: [],
        errors: [{ line: 1, message: `Could not read the XLSX file: ${(error as Error).message}` }],
      };
    }
  }
  const text = decodeCsv(bytes, options.charset ?? charsetOf(options.contentType));
  const { rows, errors } = parseCsvRows(text);
  const parsed = rowsToCatalogue(rows);
  return { products: parsed.products, errors: [...errors, ...parsed.errors].sort((a, b) => a.line - b.line) };
}
