/**
 * An access token obtained with the app credentials, cached until shortly before it expires, then renewed
 * (with the refresh token when the platform gave one). Concurrent callers share one renewal; a token the
 * platform refused is dropped so the next call obtains a new one.
 */

export interface Grant {
  token: string;
  /** Lifetime the platform announced, seconds. */
  expiresInS: number;
  /** 抖店's refresh_token, when given. */
  refresh?: string;
}

/** Renew this long before the announced expiry, so a call never goes out with a token about to lapse. */
export const RENEW_MARGIN_MS = 5 * 60_000;

export class TokenCache {
  private current: (Grant & { expiresAt: number }) | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly obtain: (refresh: string | undefined) => Promise<Grant>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    const c = this.current;
    if (c && c.expiresAt - RENEW_MARGIN_MS > this.now()) return Promise.resolve(c.token);
    this.pending ??= this.renew(c?.refresh).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The platform said `token` is expired or invalid: obtain a new one next time (its refresh token is kept). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = { ...this.current, expiresAt: 0 };
  }

  private async renew(refresh: string | undefined): Promise<string> {
    let grant: Grant;
    try {
      grant = await this.obtain(refresh);
    } catch (error) {
      // A refresh token can lapse too (抖店: 14 days); the next attempt starts over from the credentials.
      if (refresh && this.current) this.current = { ...this.current, refresh: undefined };
      throw error;
    }
    this.current = { ...grant, expiresAt: this.now() + grant.expiresInS * 1000 };
    return grant.token;
  }
}
