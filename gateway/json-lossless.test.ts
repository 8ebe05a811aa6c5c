import { describe, expect, it } from 'vitest';
import { asId, asSafeInt, parseJsonLossless } from './json-lossless';

describe('lossless JSON', () => {
  it('keeps integer literals beyond 2^53 exactly as written', () => {
    const v = parseJsonLossless('{"p_id":6917543210987654321,"n":[1,2.5,-3]}') as Record<string, unknown>;
    expect(asId(v.p_id)).toBe('6917543210987654321');
    expect(Number('6917543210987654321').toString()).not.toBe('6917543210987654321');
    const n = v.n as unknown[];
    expect(asSafeInt(n[0])).toBe(1);
    expect(asSafeInt(n[1])).toBeUndefined();
    expect(asSafeInt(v.p_id)).toBeUndefined();
    expect(asId(n[1])).toBeUndefined();
  });
});
