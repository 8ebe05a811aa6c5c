import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../shared/errors';
import { requestUrl, sendError } from './http';

describe('error answers', () => {
  it('a busy 429 says when to try again (Retry-After), with the usual error body', async () => {
    const server = createServer((_req, res) =>
      sendError(
        res,
        new StudioError('busy', 'A PDF is being made already', { status: 429, extra: { retryAfter: 10 } }),
      ),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toMatchObject({ error: { code: 'busy' } });
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe('requestUrl', () => {
  it('reads a target starting with "/" as a path, even "//" and "//host/x"', () => {
    expect(requestUrl('//').pathname).toBe('//');
    expect(requestUrl('//?token=a').searchParams.get('token')).toBe('a');
    const u = requestUrl('//evil.example/api/v1/status');
    expect(u.host).toBe('localhost');
    expect(u.pathname).toBe('//evil.example/api/v1/status');
    expect(requestUrl(undefined).pathname).toBe('/');
    expect(requestUrl('/api/v1/status?x=1', 'http://gateway').host).toBe('gateway');
  });

  it('answers an unreadable target with a 400, not an exception', () => {
    expect(() => requestUrl('http://[')).toThrow(expect.objectContaining({ code: 'bad_request', status: 400 }));
  });
});
