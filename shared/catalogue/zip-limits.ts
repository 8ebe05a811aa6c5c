/**
 * Import limits, checked before anything is inflated. An XLSX file is a zip: its central directory
 * names every entry with its uncompressed size, so a small upload that would inflate to gigabytes (a
 * zip bomb, or just a workbook with huge embedded pictures) is refused from a few bytes at the end of
 * the file. The directory can lie; the engine's worker thread with a heap limit is the backstop.
 */
import { StudioError } from '../errors';

/** Refuse XLSX files that would inflate past this (~50 MB). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 10_000;
/** Product rows one import may carry (run-of-shows have tens to hundreds). */
export const MAX_IMPORT_ROWS = 5_000;
/** Line errors one import reports; more are summarised in one last line. */
export const MAX_IMPORT_ERRORS = 100;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

export interface ZipDirectory {
  entries: number;
  uncompressedBytes: number;
}

const corrupt = () => new StudioError('invalid_xlsx', 'The XLSX file is damaged (no zip directory)', { path: 'body' });

/** Reads the central directory: entry count and total uncompressed size (zip64 sizes included). */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_EOCD_LOCATOR) throw corrupt();
    const z64 = Number(view.getBigUint64(locator + 8, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== ZIP64_EOCD) throw corrupt();
    entries = Number(view.getBigUint64(z64 + 32, true));
    offset = Number(view.getBigUint64(z64 + 48, true));
  }
  let total = 0;
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw corrupt();
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (size === 0xffffffff) size = zip64Size(view, at + 46 + nameLength, extraLength);
    total += size;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, uncompressedBytes: total };
}

/** The uncompressed size from a zip64 extended-information extra field (its first 8-byte value). */
function zip64Size(view: DataView, start: number, length: number): number {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001 && size >= 8) return Number(view.getBigUint64(at + 4, true));
    at += 4 + size;
  }
  return Number.MAX_SAFE_INTEGER;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Throws a clear 413 when the XLSX would inflate past the limits. */
export function assertXlsxWithinLimits(bytes: Uint8Array, maxBytes = MAX_XLSX_UNCOMPRESSED_BYTES): ZipDirectory {
  const dir = readZipDirectory(bytes);
  if (dir.entries > MAX_XLSX_ENTRIES || dir.uncompressedBytes > maxBytes) {
    throw new StudioError(
      'file_too_large',
      `The XLSX file unpacks to ${dir.uncompressedBytes > 2 ** 50 ? 'an unknown size' : mb(dir.uncompressedBytes)} in ${dir.entries} parts; the studio reads at most ${mb(maxBytes)}. Save the file without pictures, or as CSV.`,
      { status: 413, path: 'body' },
    );
  }
  return dir;
}

/** Throws a clear 413 when a file carries more product rows than one import takes. */
export function assertRowCount(dataRows: number, max = MAX_IMPORT_ROWS): void {
  if (dataRows > max) {
    throw new StudioError(
      'too_many_rows',
      `The file has ${dataRows} product rows; one import takes at most ${max}. Split the file and import the parts.`,
      { status: 413, path: 'body' },
    );
  }
}

/** The first `max` errors, then one line saying how many more there were and where the next one is. */
export function capErrors<E extends { line: number; message: string }>(
  errors: readonly E[],
  max = MAX_IMPORT_ERRORS,
): { line: number; message: string }[] {
  if (errors.length <= max) return [...errors];
  const rest = errors.length - max;
  return [
    ...errors.slice(0, max),
    {
      line: errors[max].line,
      message: `${rest} more rows have errors (from line ${errors[max].line}); fix these first`,
    },
  ];
}
