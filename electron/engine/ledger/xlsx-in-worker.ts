/**
 * XLSX parsing in a worker thread with `resourceLimits`, so a workbook that inflates past what its zip
 * directory claimed (or is just very heavy) ends that worker with a clear error instead of taking the
 * engine's heap, its event loop or the show down. A time limit ends a worker that spins.
 *
 * From source (tsx, vitest) the worker registers tsx and imports xlsx-worker.ts; built, the engine
 * bundle sits next to xlsx-worker.js (an entry of vite.node.config.ts).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { XlsxRowReader, XlsxRows } from '../../../shared/catalogue/xlsx';
import { StudioError } from '../../../shared/errors';

export interface XlsxWorkerLimits {
  /** Old-generation heap of the worker, MB. */
  heapMb?: number;
  timeoutMs?: number;
}

function workerSource(): { source: string | URL; evalCode: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = pathToFileURL(fileURLToPath(new URL('./xlsx-worker.ts', here))).href;
    return {
      source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
      evalCode: true,
    };
  }
  return { source: new URL('./xlsx-worker.js', here), evalCode: false };
}

const tooHeavy = () =>
  new StudioError(
    'file_too_large',
    'The XLSX file is too large to read safely (it unpacks to more than its directory says). Save it as CSV, or without pictures.',
    { status: 413, path: 'body' },
  );

export function xlsxWorkerReader(limits: XlsxWorkerLimits = {}): XlsxRowReader {
  return (bytes, keep) =>
    new Promise<XlsxRows>((resolve, reject) => {
      const { source, evalCode } = workerSource();
      const worker = new Worker(source, {
        eval: evalCode,
        workerData: { bytes, keep },
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? 384, maxYoungGenerationSizeMb: 32 },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new StudioError('import_timeout', 'Reading the XLSX file took too long', { status: 413, path: 'body' }),
            ),
          ),
        limits.timeoutMs ?? 60_000,
      );
      worker.once('message', (m: { ok: true; result: XlsxRows } | { ok: false; message: string }) =>
        finish(() => (m.ok ? resolve(m.result) : reject(new Error(m.message)))),
      );
      worker.once('error', (error: Error & { code?: string }) =>
        finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : error)),
      );
      worker.once('exit', (code) => finish(() => reject(new Error(`the XLSX reader stopped (exit ${code})`))));
    });
}
