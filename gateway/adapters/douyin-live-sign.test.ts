import { describe, expect, it } from 'vitest';
import { DOUYIN_LIVE } from '../../tests/harness/platforms';
import {
  checkDouyinTimestamp,
  douyinHeaderText,
  douyinSign,
  openDouyinPush,
  readDouyinHeaders,
  verifyDouyinSignature,
} from './douyin-live-sign';

const NOW = 1764064800000;
const BODY = '[{"msg_id":"m1","sec_openid":"u1","content":"3号有S码吗","nickname":"小鹿","timestamp":1764064800000}]';
const HEADERS = {
  'x-msg-type': 'live_comment',
  'x-nonce-str': 'abc123',
  'x-roomid': '7312345678901234567',
  'x-timestamp': String(NOW),
};

/** The request as node:http hands it over (`req.headersDistinct`). */
const distinct = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]]));

describe('抖音 push signature', () => {
  it('matches the example of the platform documentation', () => {
    // 开放平台's own example: rawData "x-msg-type=user_group&x-nonce-str=123456&x-roomid=268&x-timestamp=456789"
    // + "abc123你好" + "123abc", signature GAkalGmhzqlUGQO/TgvMug==.
    const headers = { 'x-nonce-str': '123456', 'x-timestamp': '456789', 'x-roomid': '268', 'x-msg-type': 'user_group' };
    expect(douyinHeaderText(headers)).toBe('x-msg-type=user_group&x-nonce-str=123456&x-roomid=268&x-timestamp=456789');
    expect(douyinSign(headers, Buffer.from('abc123你好'), '123abc')).toBe('GAkalGmhzqlUGQO/TgvMug==');
  });

  it('signs a comment push exactly as computed by hand', () => {
    // By hand, following the documented steps:
    // 1. the four x- headers but x-signature, sorted by key: x-msg-type, x-nonce-str, x-roomid, x-timestamp
    // 2. "k=v" joined by "&": x-msg-type=live_comment&x-nonce-str=abc123&x-roomid=7312345678901234567&x-timestamp=1764064800000
    // 3. then the raw body bytes, then the data secret "dy-comment-secret", UTF-8
    // 4. printf '%s' '<that string>' | openssl md5 -binary | base64  ->  cQXytMkTHG8JsEwgTjzvnw==
    //    (md5 hex 7105f2b4c9131c6f09b04c204e3cef9f)
    expect(douyinSign(HEADERS, Buffer.from(BODY), 'dy-comment-secret')).toBe('cQXytMkTHG8JsEwgTjzvnw==');
    expect(verifyDouyinSignature(HEADERS, Buffer.from(BODY), 'dy-comment-secret', 'cQXytMkTHG8JsEwgTjzvnw==')).toBe(
      true,
    );
  });

  it('refuses one changed byte of the body, any changed header, another secret, a malformed signature', () => {
    const sig = 'cQXytMkTHG8JsEwgTjzvnw==';
    const body = Buffer.from(BODY);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] ^= 1;
    expect(verifyDouyinSignature(HEADERS, tampered, 'dy-comment-secret', sig)).toBe(false);
    for (const key of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
      expect(
        verifyDouyinSignature({ ...HEADERS, [key]: `${HEADERS[key]}0` }, body, 'dy-comment-secret', sig),
        key,
      ).toBe(false);
    }
    expect(verifyDouyinSignature(HEADERS, body, 'dy-gift-secret', sig)).toBe(false);
    expect(verifyDouyinSignature(HEADERS, body, 'dy-comment-secret', sig.slice(0, -2))).toBe(false);
    expect(verifyDouyinSignature(HEADERS, body, 'dy-comment-secret', '')).toBe(false);
  });

  it('requires every signed header once', () => {
    const full = { ...HEADERS, 'x-signature': 'cQXytMkTHG8JsEwgTjzvnw==' };
    expect(readDouyinHeaders(distinct(full)).signature).toBe('cQXytMkTHG8JsEwgTjzvnw==');
    for (const key of Object.keys(full)) {
      const rest = Object.fromEntries(Object.entries(full).filter(([k]) => k !== key));
      expect(() => readDouyinHeaders(distinct(rest)), key).toThrow(
        expect.objectContaining({ status: 401, code: 'missing_signature' }),
      );
    }
    expect(() => readDouyinHeaders({ ...distinct(full), 'x-roomid': ['1', '2'] })).toThrow(
      expect.objectContaining({ status: 401, code: 'bad_signature' }),
    );
  });

  it('takes x-timestamp within 300 s either way, in milliseconds', () => {
    expect(checkDouyinTimestamp(String(NOW - 300_000), NOW)).toBe(NOW - 300_000);
    expect(checkDouyinTimestamp(String(NOW + 300_000), NOW)).toBe(NOW + 300_000);
    for (const bad of [String(NOW - 300_001), String(NOW + 300_001), String(NOW / 1000), '', 'x', '-1']) {
      expect(() => checkDouyinTimestamp(bad, NOW), bad).toThrow(expect.objectContaining({ code: 'stale_timestamp' }));
    }
  });

  it('checks in order: type, secret, signature, time, live room', () => {
    const body = Buffer.from(BODY);
    const signed = (h: typeof HEADERS, secret = DOUYIN_LIVE.secrets.live_comment) =>
      distinct({ ...h, 'x-signature': douyinSign(h, body, secret) });
    expect(openDouyinPush(DOUYIN_LIVE, signed(HEADERS), body, NOW)).toEqual({ type: 'live_comment', pushedAt: NOW });
    const fans = { ...HEADERS, 'x-msg-type': 'live_fansclub' };
    expect(() => openDouyinPush(DOUYIN_LIVE, signed(fans), body, NOW)).toThrow(
      expect.objectContaining({ status: 400, code: 'unknown_msg_type', path: 'x-msg-type' }),
    );
    const onlyGifts = { secrets: { live_gift: 'g' } };
    expect(() => openDouyinPush(onlyGifts, signed(HEADERS), body, NOW)).toThrow(
      expect.objectContaining({ status: 404, code: 'adapter_not_configured' }),
    );
    expect(() => openDouyinPush(DOUYIN_LIVE, signed(HEADERS, 'dy-like-secret'), body, NOW)).toThrow(
      expect.objectContaining({ status: 401, code: 'bad_signature' }),
    );
    expect(() => openDouyinPush(DOUYIN_LIVE, signed(HEADERS), body, NOW + 400_000)).toThrow(
      expect.objectContaining({ status: 401, code: 'stale_timestamp' }),
    );
    const other = { ...HEADERS, 'x-roomid': '7399999999999999999' };
    expect(() => openDouyinPush(DOUYIN_LIVE, signed(other), body, NOW)).toThrow(
      expect.objectContaining({ status: 403, code: 'wrong_live_room' }),
    );
    // Without a configured live room, any room of the 小玩法 is taken; a shared `secret` signs every type.
    expect(openDouyinPush({ secret: 'dy-comment-secret' }, signed(other), body, NOW).type).toBe('live_comment');
  });
});
