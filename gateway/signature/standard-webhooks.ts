/**
 * Standard Webhooks verification (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${rawBody}` keyed by the base64-decoded part of `whsec_…`,
 * compared in constant time against every `v1,` signature of the header, for every active secret.
 * Verified on the raw bytes, before any JSON parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_TOLERANCE_S = 300;

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing_headers' | 'timestamp' | 'signature' };

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<base64>` for the given message (used by tests, benches and the simulator's own bridge). */
export function signStandardWebhook(secret: string, id: string, timestampS: number, body: Buffer | string): string {
  const mac = createHmac('sha256', secretKey(secret));
  mac.update(`${id}.${timestampS}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export function verifyStandardWebhook(
  secrets: readonly string[],
  headers: WebhookHeaders,
  body: Buffer,
  nowMs: number = Date.now(),
): VerifyResult {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp' };
  const ts = Number(timestamp);
  if (Math.abs(nowMs / 1000 - ts) > TIMESTAMP_TOLERANCE_S) return { ok: false, reason: 'timestamp' };
  const candidates: Buffer[] = [];
  for (const part of signature.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') continue;
    candidates.push(Buffer.from(part.slice(comma + 1), 'base64'));
  }
  if (candidates.length === 0) return { ok: false, reason: 'signature' };
  let ok = false;
  for (const secret of secrets) {
    const mac = createHmac('sha256', secretKey(secret));
    mac.update(`${id}.${timestamp}.`);
    mac.update(body);
    const expected = mac.digest();
    for (const candidate of candidates) {
      // Length is not secret (always 32 for SHA-256); the comparison of contents is constant-time.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) ok = true;
    }
  }
  return ok ? { ok: true } : { ok: false, reason: 'signature' };
}
