import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../shared/errors';
import { sendError } from './http';

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
