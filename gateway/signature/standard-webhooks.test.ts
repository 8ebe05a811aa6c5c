import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signStandardWebhook, verifyStandardWebhook } from './standard-webhooks';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Standard Webhooks', () => {
  it('agrees with the reference library in both directions', () => {
    const body = '[{"id":"e-1"}]';
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const reference = new Webhook(secret);
    const theirs = reference.sign('msg_1', new Date(ts * 1000), body);
    expect(signStandardWebhook(secret, 'msg_1', ts, body)).toBe(theirs);
    const headers = { id: 'msg_1', timestamp: String(ts), signature: theirs };
    expect(verifyStandardWebhook([secret], headers, Buffer.from(body), now)).toEqual({ ok: true });
    expect(() =>
      reference.verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': theirs }),
    ).not.toThrow();
  });

  it('enforces the 300 s window on both sides and needs every header', () => {
    const ts = 1_764_064_800;
    const sig = signStandardWebhook(secret, 'm', ts, 'x');
    const at = (s: number) =>
      verifyStandardWebhook([secret], { id: 'm', timestamp: String(ts), signature: sig }, Buffer.from('x'), s * 1000);
    expect(at(ts + 300).ok).toBe(true);
    expect(at(ts - 300).ok).toBe(true);
    expect(at(ts + 301)).toEqual({ ok: false, reason: 'timestamp' });
    expect(at(ts - 301)).toEqual({ ok: false, reason: 'timestamp' });
    expect(
      verifyStandardWebhook(
        [secret],
        { id: 'm', timestamp: String(ts), signature: undefined },
        Buffer.from('x'),
        ts * 1000,
      ),
    ).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
  });
});
