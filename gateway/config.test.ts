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

describe('order API config', () => {
  const dd = (orderApi: unknown) => ({
    rooms: [{ ...room([]), doudian: { appKey: 'k', appSecret: 's', orderApi } }],
  });

  it('fills the defaults: the platform base URL, hmac-sha256, 5 calls/s, 6 attempts', () => {
    const parsed = configFileSchema.parse(dd({ shopId: '4463798' }));
    expect(parsed.rooms[0].doudian?.orderApi).toEqual({
      shopId: '4463798',
      baseUrl: 'https://openapi-fxg.jinritemai.com',
      signMethod: 'hmac-sha256',
      requestsPerSecond: 5,
      burst: 10,
      timeoutMs: 5000,
      attempts: 6,
      backoffMs: 1000,
    });
  });

  it('refuses a bad shop id, an unknown key, a non-http URL and a missing 微信 secret, with their paths', () => {
    const cases: [unknown, string][] = [
      [dd({ shopId: 'shop-7' }), 'rooms[0].doudian.orderApi.shopId'],
      [dd({ shopId: '1', appSecret: 'x' }), 'rooms[0].doudian.orderApi'],
      [dd({ shopId: '1', baseUrl: 'ftp://x' }), 'rooms[0].doudian.orderApi.baseUrl'],
      [
        {
          rooms: [
            {
              ...room([]),
              wechatShop: { token: 't', encodingAESKey: 'a'.repeat(43), appId: 'wx1', orderApi: { finderId: 'sph1' } },
            },
          ],
        },
        'rooms[0].wechatShop.orderApi.appSecret',
      ],
    ];
    for (const [input, path] of cases) {
      const parsed = configFileSchema.safeParse(input);
      expect(parsed.success, path).toBe(false);
      if (!parsed.success) expect(fromZodError(parsed.error).path).toBe(path);
    }
  });
});
