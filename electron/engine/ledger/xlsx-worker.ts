/**
 * Worker-thread entry: reads an XLSX catalogue's rows off the engine thread, under the heap limit the
 * engine sets (see xlsx-in-worker.ts). Gets `{ bytes, keep }` as workerData, posts `{ rows, total }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseXlsxRows } from '../../../shared/catalogue/xlsx';

const { bytes, keep } = workerData as { bytes: Uint8Array; keep: number };
parseXlsxRows(bytes, keep).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: Error) => parentPort?.postMessage({ ok: false, message: error.message }),
);
