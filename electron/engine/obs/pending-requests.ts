/**
 * The requests an OBS connection waits on: each has a timeout, and all are rejected at once when the
 * socket goes (obs-websocket-js would leave them hanging forever).
 */
import { ObsError } from './errors';

interface Pending {
  reject: (error: Error) => void;
}

export class PendingRequests {
  private readonly pending = new Set<Pending>();

  get size(): number {
    return this.pending.size;
  }

  /** `promise`, rejected with `timeout` after `timeoutMs` or with rejectAll's reason. */
  track<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        reject: (error) => {
          clearTimeout(timer);
          this.pending.delete(entry);
          reject(error);
        },
      };
      const timer = setTimeout(
        () => entry.reject(ObsError.of('timeout', `${what} got no answer within ${timeoutMs} ms`, { status: 504 })),
        timeoutMs,
      );
      timer.unref?.();
      this.pending.add(entry);
      promise.then(
        (value) => {
          if (!this.pending.has(entry)) return;
          clearTimeout(timer);
          this.pending.delete(entry);
          resolve(value);
        },
        (error) => {
          if (this.pending.has(entry)) entry.reject(error as Error);
        },
      );
    });
  }

  rejectAll(reason: ObsError): void {
    for (const entry of [...this.pending]) entry.reject(reason);
  }
}

/** A failed request as an ObsError: OBS's RequestStatus codes, or the connection that went. */
export function requestError(requestType: string, error: unknown): Error {
  if (error instanceof ObsError) return error;
  const e = error as { code?: number; message?: string };
  if (typeof e?.code === 'number' && e.code >= 100) {
    // RequestStatus codes: 600 resource not found, 604 unavailable (e.g. no virtual camera), ...
    const code = e.code === 604 || e.code === 204 ? 'unavailable' : 'request_failed';
    return ObsError.of(code, `${requestType}: ${e.message ?? 'failed'} [${e.code}]`, {
      obsCode: e.code,
      status: 409,
    });
  }
  return ObsError.of('connection_lost', `${requestType}: ${e?.message ?? String(error)}`);
}
