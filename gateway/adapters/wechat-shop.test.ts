import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WECHAT_CREDS as creds, WECHAT_PAY_MESSAGE, wechatPush } from '../../tests/harness/platforms';
import { wechatDecrypt, wechatKey, wechatSignature } from './wechat-crypto';
import { mapWechatShopMessage, openWechatPush } from './wechat-shop';

describe('微信小店 security-mode push', () => {
  it('derives the key from EncodingAESKey + "=" and lays out random(16) + length + message + appid', () => {
    const key = wechatKey(creds.encodingAESKey);
    expect(key.length).toBe(32);
    const { encrypted } = wechatPush(WECHAT_PAY_MESSAGE, creds, '1764064800');
    expect(wechatDecrypt(creds.encodingAESKey, encrypted)).toEqual({ message: WECHAT_PAY_MESSAGE, appId: creds.appId });
    // Independent check of the layout with the raw cipher.
    const plain = Buffer.from(
      createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
        .setAutoPadding(false)
        .update(Buffer.from(encrypted, 'base64')),
    );
    expect(plain.subarray(0, 16)).toEqual(Buffer.alloc(16, 7));
    expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(WECHAT_PAY_MESSAGE));
    expect(plain.length % 32).toBe(0);
  });

  it('msg_signature is sha1 of the sorted token, timestamp, nonce and Encrypt', () => {
    expect(wechatSignature(['b', 'a', 'c'])).toBe(createHash('sha1').update('abc').digest('hex'));
  });

  it('opens a valid push and maps order events; order ids stay exact; amounts are marked unknown', () => {
    const push = wechatPush(WECHAT_PAY_MESSAGE, creds, '1764064800');
    const message = openWechatPush(creds, push.query, push.body, 1764064800_000);
    expect(mapWechatShopMessage(message)).toEqual([
      {
        id: 'wechat_shop:order.paid:3705115058471208928',
        platform: 'wechat_shop',
        occurredAt: 1764064800000,
        kind: 'order.paid',
        data: { orderId: '3705115058471208928', items: [], total: null },
      },
    ]);
    const cancel = mapWechatShopMessage(
      '{"CreateTime":1764065000,"Event":"channels_ec_order_cancel","order_info":{"order_id":3705115058471208928,"cancel_type":1}}',
    );
    expect(cancel[0]).toMatchObject({ kind: 'order.cancelled', data: { orderId: '3705115058471208928' } });
    expect(mapWechatShopMessage('{"Event":"channels_ec_aftersale_update","CreateTime":1}')).toEqual([]);
  });

  it('refuses a tampered Encrypt, a wrong signature and a message sealed for another appid', () => {
    const push = wechatPush(WECHAT_PAY_MESSAGE, creds, '1764064800');
    const flipped = `${push.encrypted.slice(0, 10)}${push.encrypted[10] === 'A' ? 'B' : 'A'}${push.encrypted.slice(11)}`;
    const tampered = Buffer.from(JSON.stringify({ ToUserName: 'gh', Encrypt: flipped }));
    const at = 1764064800_000;
    expect(() => openWechatPush(creds, push.query, tampered, at)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => openWechatPush(creds, { ...push.query, nonce: '1' }, push.body, at)).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    const other = wechatPush(WECHAT_PAY_MESSAGE, { ...creds, appId: 'wx_other' }, '1764064800');
    expect(() => openWechatPush(creds, other.query, other.body, at)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('takes a push within ±300 s of its signed timestamp and refuses one outside or without it', () => {
    const push = wechatPush(WECHAT_PAY_MESSAGE, creds, '1764064800');
    expect(() => openWechatPush(creds, push.query, push.body, 1764064800_000 + 300_000)).not.toThrow();
    expect(() => openWechatPush(creds, push.query, push.body, 1764064800_000 - 300_000)).not.toThrow();
    for (const now of [1764064800_000 + 301_000, 1764064800_000 - 301_000, 1764064800_000 + 86_400_000 * 3]) {
      expect(() => openWechatPush(creds, push.query, push.body, now)).toThrow(
        expect.objectContaining({ status: 401, code: 'stale_timestamp' }),
      );
    }
    const untimed = wechatPush(WECHAT_PAY_MESSAGE, creds, '');
    expect(() => openWechatPush(creds, untimed.query, untimed.body, 1764064800_000)).toThrow(
      expect.objectContaining({ code: 'stale_timestamp' }),
    );
  });

  it('checks every PKCS#7 padding byte, not only the last', () => {
    const key = wechatKey(creds.encodingAESKey);
    const seal = (plain: Buffer) => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    const message = Buffer.from('{"a":1}');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length);
    const body = Buffer.concat([Buffer.alloc(16, 1), length, message, Buffer.from(creds.appId)]);
    const pad = 32 - (body.length % 32);
    expect(pad).toBeGreaterThan(1);
    expect(wechatDecrypt(creds.encodingAESKey, seal(Buffer.concat([body, Buffer.alloc(pad, pad)]))).message).toBe(
      '{"a":1}',
    );
    // Same last byte, a wrong byte earlier in the padding: refused.
    const damaged = Buffer.concat([body, Buffer.alloc(pad, pad)]);
    damaged[damaged.length - pad] = 0;
    expect(() => wechatDecrypt(creds.encodingAESKey, seal(damaged))).toThrow('bad padding');
    const zeros = Buffer.concat([body, Buffer.alloc(pad - 1, 0), Buffer.from([pad])]);
    expect(() => wechatDecrypt(creds.encodingAESKey, seal(zeros))).toThrow('bad padding');
    expect(() => wechatDecrypt(creds.encodingAESKey, seal(Buffer.concat([body, Buffer.alloc(pad, 0)])))).toThrow();
  });
});
