import { describe, expect, it } from 'vitest';
import { bearerToken, isAllowedHost, isAllowedOrigin, loopbackPolicy, safeEqual } from './security';

describe('local server guards', () => {
  const policy = loopbackPolicy(17380);

  it('accepts only our hostnames with our port', () => {
    expect(isAllowedHost('127.0.0.1:17380', policy)).toBe(true);
    expect(isAllowedHost('localhost:17380', policy)).toBe(true);
    expect(isAllowedHost('[::1]:17380', policy)).toBe(true);
    expect(isAllowedHost('evil.example:17380', policy)).toBe(false); // DNS rebinding
    expect(isAllowedHost('127.0.0.1:80', policy)).toBe(false);
    expect(isAllowedHost('127.0.0.1', policy)).toBe(false);
    expect(isAllowedHost(undefined, policy)).toBe(false);
  });

  it('accepts LAN names only while they are shared', () => {
    let lan: string[] = [];
    const shared = loopbackPolicy(17380, () => lan);
    expect(isAllowedHost('192.168.1.20:17380', shared)).toBe(false);
    lan = ['192.168.1.20'];
    expect(isAllowedHost('192.168.1.20:17380', shared)).toBe(true);
  });

  it('checks Origin when a browser sends one', () => {
    expect(isAllowedOrigin(undefined, policy)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:17380', policy)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', policy)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:17381', policy)).toBe(false);
    expect(isAllowedOrigin('null', policy)).toBe(false);
    expect(isAllowedOrigin('file://', policy)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(bearerToken('Bearer xyz')).toBe('xyz');
    expect(bearerToken('Basic xyz')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
