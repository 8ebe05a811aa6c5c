import { describe, expect, it } from 'vitest';
import { DOUDIAN_CREDS as creds, doudianPushBody } from '../../tests/harness/platforms';
import { doudianSign, mapDoudianPush, verifyDoudian } from './doudian';

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
