/**
 * XLSX parsing in a worker thread with `resourceLimits`, so a workbook that inflates past what its zip
 * directory claimed (or is just very heavy) ends that worker with a clear error instead of taking the
 * engine's heap, its event loop or the show down. A time limit ends a worker that spins.
 *
 * One worker, started on the first XLSX import and kept while imports come (exceljs takes a while to
 * load), one file at a time; it is ended after a minute idle, and replaced after it dies. From source
 * it runs xlsx-worker.ts with Node's own type stripping; built, xlsx-worker.js sits next to the engine
 * bundle (an entry of vite.node.config.ts).
 */
import { Worker } from 'node:worker_threads';
import type { CellStyle, XlsxRowReader, XlsxRows } from '../../../shared/catalogue/xlsx';
import { StudioError } from '../../../shared/errors';

export interface XlsxWorkerLimits {
  /** Old-generation heap of the worker, MB. */
  heapMb?: number;
  timeoutMs?: number;
  idleMs?: number;
}

type Reply = { id: number; ok: true; result: XlsxRows } | { id: number; ok: false; message: string };

const entry = () => new URL(import.meta.url.endsWith('.ts') ? './xlsx-worker.ts' : './xlsx-worker.js', import.meta.url);

const tooHeavy = () =>
  new StudioError(
    'file_too_large',
    'The XLSX file is too large to read safely (it unpacks to more than its directory says). Save it as CSV, or without pictures.',
    { status: 413, path: 'body' },
  );

export function xlsxWorkerReader(limits: XlsxWorkerLimits = {}): XlsxRowReader {
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const start = (): Worker => {
    const w = new Worker(entry(), {
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? 384, maxYoungGenerationSizeMb: 32 },
      execArgv: ['--disable-warning=ExperimentalWarning'],
      stdout: false,
      stderr: false,
    });
    w.unref();
    w.once('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  };

  const readOne = (bytes: Uint8Array, keep: number, cells: CellStyle) =>
    new Promise<XlsxRows>((resolve, reject) => {
      if (idle) clearTimeout(idle);
      worker ??= start();
      const w = worker;
      const id = ++nextId;
      const done = (fn: () => void) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        idle = setTimeout(() => void w.terminate(), limits.idleMs ?? 60_000);
        idle.unref();
        fn();
      };
      const onMessage = (m: Reply) => {
        if (m.id === id) done(() => (m.ok ? resolve(m.result) : reject(new Error(m.message))));
      };
      const onError = (error: Error & { code?: string }) =>
        done(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : error));
      const onExit = (code: number) => done(() => reject(new Error(`the XLSX reader stopped (exit ${code})`)));
      const timer = setTimeout(() => {
        void w.terminate();
        done(() =>
          reject(
            new StudioError('import_timeout', 'Reading the XLSX file took too long', { status: 413, path: 'body' }),
          ),
        );
      }, limits.timeoutMs ?? 60_000);
      w.on('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      w.postMessage({ id, bytes, keep, cells });
    });

  return (bytes, keep, cells = 'catalogue') => {
    const result = chain.then(() => readOne(bytes, keep, cells));
    chain = result.catch(() => undefined);
    return result;
  };
}
