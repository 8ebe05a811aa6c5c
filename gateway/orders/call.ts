/**
 * One platform API call: a POST with a deadline, its answer parsed losslessly (order ids beyond 2^53 stay
 * exact), and failures sorted into retryable (timeouts, 5xx, 429, rate-limit codes, malformed bodies) and
 * final (bad credentials, an unknown order). Calls are paced per shop by a token bucket. Request URLs carry
 * access tokens, so neither URLs nor bodies are ever put in an error message or a log line.
 */
import { parseJsonLossless } from '../json-lossless';

export type CallFailure = 'timeout' | 'network' | 'http_5xx' | 'rate_limited' | 'malformed' | 'auth' | 'platform';

export class ApiCallError extends Error {
  constructor(
    readonly failure: CallFailure,
    message: string,
    /** Worth another attempt later (the order's detail may still come). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** POSTs `body` (JSON text) to `url`; resolves with the parsed answer (numbers as JsonNumber). */
export async function postJson(url: string, body: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ApiCallError('timeout', `no answer within ${timeoutMs} ms`, true);
    }
    throw new ApiCallError('network', `request failed: ${(error as Error).message}`, true);
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new ApiCallError('timeout', `the answer did not complete within ${timeoutMs} ms`, true);
  }
  if (res.status === 429) throw new ApiCallError('rate_limited', 'HTTP 429', true);
  if (res.status >= 500) throw new ApiCallError('http_5xx', `HTTP ${res.status}`, true);
  if (res.status >= 400) throw new ApiCallError('platform', `HTTP ${res.status}`, false);
  try {
    return parseJsonLossless(text);
  } catch {
    throw new ApiCallError('malformed', 'the answer is not JSON', true);
  }
}

/** Delay before attempt `n + 1` after `n` failed attempts: `base` doubled each time, at most 60 s. */
export function backoffMs(base: number, failedAttempts: number): number {
  return Math.min(60_000, base * 2 ** Math.max(0, failedAttempts - 1));
}

/** Token bucket that waits (instead of refusing): at most `perSecond` calls per second, `burst` at once. */
export class Pace {
  private tokens: number;
  private last: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when a call may go out; callers are served in order. */
  take(): Promise<void> {
    const turn = this.chain.then(() => this.next());
    this.chain = turn;
    return turn;
  }

  private async next(): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
      this.last = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}
