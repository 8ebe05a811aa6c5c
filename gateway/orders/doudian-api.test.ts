import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../json-lossless';
import { canonicalJson, doudianApiSign, doudianTimestamp } from './doudian-api';

describe('抖店 API signing', () => {
  it('writes param_json with keys sorted at every depth, compact, big ids as written', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: '中' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"y":"中","z":1}]},"b":1}',
    );
    expect(canonicalJson(parseJsonLossless('{"shop_order_id":6917543210987654321}'))).toBe(
      '{"shop_order_id":6917543210987654321}',
    );
  });

  it('stamps the time as yyyy-MM-dd HH:mm:ss in GMT+8', () => {
    expect(doudianTimestamp(Date.UTC(2026, 11, 6, 3, 0, 0))).toBe('2026-12-06 11:00:00');
    expect(doudianTimestamp(Date.UTC(2026, 11, 31, 16, 30, 5))).toBe('2027-01-01 00:30:05');
  });

  it('signs secret + sorted public params + secret, md5 or HMAC-SHA256 (vectors computed with Python hashlib)', () => {
    const input = {
      appKey: '7012345678901234567',
      method: 'order.orderDetail',
      paramJson: '{"shop_order_id":"6917543210987654321"}',
      timestamp: '2026-12-06 11:00:00',
      v: '2',
    };
    expect(doudianApiSign('c0ffee-secret', input, 'md5')).toBe('d903eadf752072423466d5adbba8ea6a');
    expect(doudianApiSign('c0ffee-secret', input, 'hmac-sha256')).toBe(
      'f1f4c592c8643ab86b11420877b7762142b0227b786d6ca32cf46c05f436323e',
    );
    expect(
      doudianApiSign('c0ffee-secret', { ...input, paramJson: '{"shop_order_id":"6917543210987654322"}' }, 'md5'),
    ).not.toBe('d903eadf752072423466d5adbba8ea6a');
  });
});
