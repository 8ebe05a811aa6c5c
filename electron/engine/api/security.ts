/**
 * Guards for the engine's local servers. A page on any website can make the browser send requests to
 * 127.0.0.1, and DNS rebinding can make such a page same-origin with a hostname that resolves to us:
 * so every request must name us in Host (only our own addresses and port), and browsers' Origin, when
 * sent, must be one of ours too. Tokens are compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface HostPolicy {
  port: number;
  /** Hostnames we answer to: 127.0.0.1, localhost, [::1], plus LAN addresses while sharing is on. */
  hostnames: () => readonly string[];
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function loopbackPolicy(port: number, extra: () => readonly string[] = () => []): HostPolicy {
  return { port, hostnames: () => [...LOOPBACK_NAMES, ...extra()] };
}

/** True when a Host header names one of our hostnames with our port. */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return policy.hostnames().some((name) => lower === `${name.toLowerCase()}:${policy.port}`);
}

/** Origin is absent for same-origin GETs and non-browser clients; when present it must be ours. */
export function isAllowedOrigin(origin: string | undefined, policy: HostPolicy): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  return isAllowedHost(url.host, policy);
}

/** Constant-time string comparison (hashes first so lengths do not leak either). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
