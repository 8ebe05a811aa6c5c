/**
 * The recap PDF in the desktop app: the engine (Electron's utilityProcess) asks the main process over
 * its parent port, and the main process prints the page with Electron's own printToPDF, so no separate
 * browser is needed on Windows or macOS. Messages: `{ type: 'pdf.print', id, html }` out,
 * `{ type: 'pdf.printed', id, pdf? , error? }` back. No electron import: the port is passed in.
 */
import { StudioError } from '../../../shared/errors';

export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export interface PdfRequest {
  type: 'pdf.print';
  id: number;
  html: string;
}

export interface PdfReply {
  type: 'pdf.printed';
  id: number;
  pdf?: Uint8Array;
  error?: string;
}

export const isPdfRequest = (m: unknown): m is PdfRequest =>
  typeof m === 'object' &&
  m !== null &&
  (m as PdfRequest).type === 'pdf.print' &&
  typeof (m as PdfRequest).html === 'string';

/** A printer that asks the parent process; rejects after `timeoutMs` if no answer comes. */
export function parentPortPrinter(port: PortLike, timeoutMs = 60_000): (html: string) => Promise<Buffer> {
  let next = 0;
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  port.on('message', (event) => {
    const m = event.data as PdfReply;
    if (m?.type !== 'pdf.printed') return;
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.pdf) w.resolve(Buffer.from(m.pdf));
    else
      w.reject(
        new StudioError('pdf_failed', `The desktop app could not print the report: ${m.error ?? 'no answer'}`, {
          status: 500,
        }),
      );
  });
  return (html) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new StudioError('pdf_failed', 'The desktop app did not print the report in time', { status: 504 }));
      }, timeoutMs);
      timer.unref?.();
      waiting.set(id, {
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      port.postMessage({ type: 'pdf.print', id, html } satisfies PdfRequest);
    });
}

/** Runs one job at a time: a second caller while one runs gets 429 with Retry-After (no queue to grow). */
export function oneAtATime<A, R>(job: (arg: A) => Promise<R>, retryAfterSeconds = 10): (arg: A) => Promise<R> {
  let busy = false;
  return async (arg) => {
    if (busy)
      throw new StudioError('busy', 'A PDF is being made already: try again in a few seconds', {
        status: 429,
        extra: { retryAfter: retryAfterSeconds },
      });
    busy = true;
    try {
      return await job(arg);
    } finally {
      busy = false;
    }
  };
}
