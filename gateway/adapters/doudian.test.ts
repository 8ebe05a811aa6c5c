import { describe, expect, it } from 'vitest';
import { DOUDIAN_CREDS as creds, doudianPushBody } from '../../tests/harness/platforms';
import { checkDoudianWindow, doudianSign, mapDoudianPush, verifyDoudian } from './doudian';

describe('抖店 push', () => {
  it('signs with hex md5(app_key + body + app_secret) and rejects a tampered body or another app', () => {
    const body = doudianPushBody();
    const sign = doudianSign(creds, body);
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
    expect(verifyDoudian(creds, { appId: creds.appKey, eventSign: sign }, body)).toBe(true);
    const tampered = Buffer.from(body.toString().replace('69900', '69800'));
    expect(verifyDoudian(creds, { appId: creds.appKey, eventSign: sign }, tampered)).toBe(false);
    expect(verifyDoudian(creds, { appId: 'other', eventSign: sign }, body)).toBe(false);
    expect(verifyDoudian(creds, { appId: creds.appKey }, body)).toBe(false);
    // No app-id header at all: refused even with a matching event-sign.
    expect(verifyDoudian(creds, { eventSign: sign }, body)).toBe(false);
    expect(verifyDoudian(creds, { appId: '', eventSign: sign }, body)).toBe(false);
  });

  it('signs a fixed vector: md5 of app_key, then the raw bytes, then app_secret', () => {
    // md5("k" + "[]" + "s"), computed independently: printf 'k[]s' | md5sum
    expect(doudianSign({ appKey: 'k', appSecret: 's' }, Buffer.from('[]'))).toBe('0539ecd43d2e7c8acc87f20dfd98c916');
  });

  it('takes records from 48 h minus 5 min ago to 5 min ahead, and refuses the rest (replays)', () => {
    const events = mapDoudianPush(doudianPushBody());
    const refundedAt = 1764068400_000;
    const maxAge = 48 * 3600_000 - 5 * 60_000;
    expect(() => checkDoudianWindow(events, refundedAt, maxAge)).not.toThrow();
    expect(() => checkDoudianWindow(events, refundedAt - 5 * 60_000, maxAge)).not.toThrow();
    expect(() => checkDoudianWindow(events, refundedAt - 5 * 60_000 - 1, maxAge)).toThrow(
      expect.objectContaining({ status: 401, code: 'stale_timestamp' }),
    );
    const createdAt = 1764064790_000;
    expect(() => checkDoudianWindow(events, createdAt + maxAge, maxAge)).not.toThrow();
    expect(() => checkDoudianWindow(events, createdAt + maxAge + 1, maxAge)).toThrow(
      expect.objectContaining({ code: 'stale_timestamp' }),
    );
  });

  it('requires each mapped record to carry its own time', () => {
    const untimed = Buffer.from(JSON.stringify([{ tag: '100', msg_id: '1', data: '{"p_id":1}' }]));
    expect(() => mapDoudianPush(untimed)).toThrow(
      expect.objectContaining({ status: 400, path: '[0].data.create_time' }),
    );
  });

  it('maps 100/101/206 to unified events, keeping order ids exactly and marking missing amounts', () => {
    const events = mapDoudianPush(doudianPushBody());
    expect(events).toEqual([
      {
        id: 'doudian:order.created:6917543210987654321',
        platform: 'doudian',
        occurredAt: 1764064790000,
        kind: 'order.created',
        data: { orderId: '6917543210987654321', items: [], total: null },
      },
      {
        id: 'doudian:order.paid:6917543210987654321',
        platform: 'doudian',
        occurredAt: 1764064800000,
        kind: 'order.paid',
        data: { orderId: '6917543210987654321', items: [], total: { amount: 69900, currency: 'CNY' } },
      },
      {
        id: 'doudian:order.refunded:7301234567890123459',
        platform: 'doudian',
        occurredAt: 1764068400000,
        kind: 'order.refunded',
        data: {
          orderId: '6917543210987654321',
          refundId: '7301234567890123459',
          amount: { amount: 69900, currency: 'CNY' },
        },
      },
    ]);
  });

  it('names the faulty field of a malformed push', () => {
    const bad = Buffer.from(JSON.stringify([{ tag: '101', msg_id: '1', data: '{"p_id":1,"pay_amount":1.5}' }]));
    expect(() => mapDoudianPush(bad)).toThrow(expect.objectContaining({ status: 400, path: '[0].data.pay_amount' }));
    const noId = Buffer.from(JSON.stringify([{ tag: '206', msg_id: '1', data: '{"p_id":1,"refund_amount":5}' }]));
    expect(() => mapDoudianPush(noId)).toThrow(expect.objectContaining({ path: '[0].data.aftersale_id' }));
    expect(() => mapDoudianPush(Buffer.from('{"tag":"101"}'))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
