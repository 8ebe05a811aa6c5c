/**
 * Worker-thread entry: reads XLSX catalogues' rows off the engine thread, under the heap limit the
 * engine sets (see xlsx-in-worker.ts). Gets `{ id, bytes, keep }` messages, answers `{ id, ok, ... }`.
 */
import { parentPort } from 'node:worker_threads';
// an explicit .ts extension: from source the worker runs with Node's own type stripping (no loader)
import { parseXlsxRows } from '../../../shared/catalogue/xlsx.ts';

parentPort?.on('message', ({ id, bytes, keep }: { id: number; bytes: Uint8Array; keep: number }) => {
  parseXlsxRows(bytes, keep).then(
    (result) => parentPort?.postMessage({ id, ok: true, result }),
    (error: Error) => parentPort?.postMessage({ id, ok: false, message: error.message }),
  );
});
