/**
 * Worker-thread entry: reads XLSX rows (catalogues, order exports) off the engine thread, under the heap limit the
 * engine sets (see xlsx-in-worker.ts). Gets `{ id, bytes, keep, cells }` messages, answers `{ id, ok, ... }`.
 */
import { parentPort } from 'node:worker_threads';
// an explicit .ts extension: from source the worker runs with Node's own type stripping (no loader)
import { type CellStyle, parseXlsxRows } from '../../../shared/catalogue/xlsx.ts';

type Ask = { id: number; bytes: Uint8Array; keep: number; cells?: CellStyle };

parentPort?.on('message', ({ id, bytes, keep, cells }: Ask) => {
  parseXlsxRows(bytes, keep, cells).then(
    (result) => parentPort?.postMessage({ id, ok: true, result }),
    (error: Error) => parentPort?.postMessage({ id, ok: false, message: error.message }),
  );
});
