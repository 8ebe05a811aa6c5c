import { describe, expect, it } from 'vitest';
import { fromZodError } from '../shared/errors';
import { configFileSchema, DEFAULT_RETENTION, dedupeWindowMs, MIN_SECRET_BYTES, roomConfigSchema } from './config';

const room = (secrets: string[]) => ({ id: 'r1', secrets, readTokens: ['read-token-r1'] });

describe('gateway config', () => {
  it('refuses an empty or too short HMAC key with a clear message and path', () => {
    for (const secret of [
      'whsec_',
      'whsec_A',
      'whsec_AAAA',
      `whsec_${Buffer.alloc(MIN_SECRET_BYTES - 1).toString('base64')}`,
    ]) {
      const parsed = configFileSchema.safeParse({ rooms: [room([secret])] });
      expect(parsed.success, secret).toBe(false);
      if (!parsed.success) {
        const error = fromZodError(parsed.error);
        expect(error.path).toBe('rooms[0].secrets[0]');
        expect(error.message).toMatch(/whsec_/);
      }
    }
    expect(
      roomConfigSchema.safeParse(room([`whsec_${Buffer.alloc(MIN_SECRET_BYTES, 7).toString('base64')}`])).success,
    ).toBe(true);
  });

  it('keeps money ids 48 h and engagement ids 15 minutes by default; windows are configurable but bounded', () => {
    expect(dedupeWindowMs('order.paid', DEFAULT_RETENTION)).toBe(48 * 3600_000);
    expect(dedupeWindowMs('order.refunded', DEFAULT_RETENTION)).toBe(48 * 3600_000);
    expect(dedupeWindowMs('order.created', DEFAULT_RETENTION)).toBe(48 * 3600_000);
    expect(dedupeWindowMs('order.cancelled', DEFAULT_RETENTION)).toBe(48 * 3600_000);
    for (const kind of ['chat', 'like', 'gift', 'viewers'] as const) {
      expect(dedupeWindowMs(kind, DEFAULT_RETENTION)).toBe(15 * 60_000);
    }
    const ok = configFileSchema.safeParse({ rooms: [room([])], retention: { engagementDedupeMs: 600_000 } });
    expect(ok.success).toBe(true);
    const short = configFileSchema.safeParse({ rooms: [room([])], retention: { engagementDedupeMs: 60_000 } });
    expect(short.success).toBe(false);
    const orders = configFileSchema.safeParse({ rooms: [room([])], retention: { dedupeMs: 3600_000 } });
    expect(orders.success).toBe(false);
  });
});
