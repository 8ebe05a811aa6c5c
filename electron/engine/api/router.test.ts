/**
 * serveRoutes' body check: a JSON body its schema refuses answers 400 with the first issue's path, under
 * `invalid_body` unless the route names its own code (the recordings' clip request keeps `invalid_input`),
 * and the handler never runs.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOST_ONLY, recordingsRoutes, route, TAPE_READERS } from '../../../shared/contract';
import type { StudioError } from '../../../shared/errors';
import { serveRoutes } from './router';

const body = z.object({ n: z.number().int() }).strict();
const specs = {
  'POST /plain': route<{ n: number }>()({ roles: HOST_ONLY, body }),
  'POST /coded': route<{ n: number }>()({ roles: HOST_ONLY, body, invalidBody: 'invalid_input', status: 202 }),
};

function serve() {
  const ran: string[] = [];
  const served = serveRoutes(
    specs,
    {},
    {
      'POST /plain': ({ body: b }: { body: unknown }) => {
        ran.push('plain');
        return b;
      },
      'POST /coded': ({ body: b }: { body: unknown }) => {
        ran.push('coded');
        return b;
      },
    },
  );
  const call = (path: string, raw: string) =>
    served
      .find((r) => r.path === path)
      ?.handle({
        params: {},
        query: new URLSearchParams(),
        body: Buffer.from(raw),
        headers: {},
        identity: { role: 'host', seatId: 's', label: 'host' } as never,
      });
  return { ran, call };
}

const refusal = async (reply: Promise<unknown> | unknown) => {
  try {
    await reply;
  } catch (error) {
    return error as StudioError;
  }
  throw new Error('expected a refusal');
};

describe('serveRoutes body check', () => {
  it('answers invalid_body, or the route’s own code, with a path and runs nothing', async () => {
    const { ran, call } = serve();
    const plain = await refusal(call('/plain', '{"n":1.5}'));
    expect([plain.code, plain.status, plain.path]).toEqual(['invalid_body', 400, 'n']);
    const coded = await refusal(call('/coded', '{"n":"x"}'));
    expect([coded.code, coded.status, coded.path]).toEqual(['invalid_input', 400, 'n']);
    expect(ran).toEqual([]);
    expect(await call('/coded', '{"n":2}')).toEqual({ status: 202, body: { n: 2 } });
    expect(ran).toEqual(['coded']);
  });

  it('keeps the tape routes’ roles: readers are host, assistant and viewer; changes are the host’s', () => {
    for (const [key, spec] of Object.entries(recordingsRoutes)) {
      expect(spec.roles, key).toEqual(key.startsWith('GET ') ? TAPE_READERS : HOST_ONLY);
    }
    expect(TAPE_READERS).not.toContain('prompter');
    expect(recordingsRoutes['POST /sessions/:id/clips'].status).toBe(202);
    expect(recordingsRoutes['POST /sessions/:id/chapters'].status).toBe(202);
  });
});
