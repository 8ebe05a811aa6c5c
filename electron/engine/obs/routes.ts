/**
 * The OBS routes of the control API (PROTOCOL.md D, host only): overlays into OBS, the stream
 * destination, start/stop of the broadcast and the recording, the program scene. Each route validates
 * its JSON body, then calls the same handler as the seat command, so both paths behave alike. The
 * stream key goes in and never comes out: answers say only that a key is set.
 */
import { z } from 'zod';
import { HOST_ONLY } from '../../../shared/contract/define';
import { OVERLAY_NAMES } from '../../../shared/contract/overlay';
import { fromZodError, StudioError } from '../../../shared/errors';
import { parseJson } from '../api/http-util';
import type { Method, Route } from '../api/router';
import type { OverlayHandlers } from '../overlay/handlers';
import type { ObsHandlers } from './handlers';

const sceneName = z.string().min(1).max(200);
const confirmed = z.object({ confirm: z.boolean().optional() }).strict();
const empty = z.object({}).strict();

export const obsRouteSchemas = {
  overlays: z
    .object({ scene: sceneName.optional(), overlays: z.array(z.enum(OVERLAY_NAMES)).min(1).max(4).optional() })
    .strict(),
  /** `{ server, key }` or `{ url }` (a full push address; a key beside it is accepted too). */
  stream: z
    .object({
      url: z.string().min(1).max(2000).optional(),
      server: z.string().min(1).max(2000).optional(),
      key: z.string().min(1).max(2000).optional(),
    })
    .strict(),
  scene: z.object({ scene: sceneName }).strict(),
};

export interface ObsRouteHandlers {
  obs: Pick<
    ObsHandlers,
    | 'obs.setStreamDestination'
    | 'obs.startStream'
    | 'obs.stopStream'
    | 'obs.startRecord'
    | 'obs.stopRecord'
    | 'obs.setScene'
  >;
  setupOverlays: OverlayHandlers['overlay.setupObs'];
}

/** The push address of a `PUT /obs/stream` body, in the seat command's words (`url` and optional `key`). */
export function destinationArgs(body: z.output<typeof obsRouteSchemas.stream>): { url: string; key?: string } {
  if (body.url && body.server)
    throw new StudioError('invalid_body', 'Give either url or server and key, not both', { path: 'server' });
  if (body.server) {
    if (!body.key) throw new StudioError('invalid_body', 'key: the stream key (推流码) is required', { path: 'key' });
    return { url: body.server, key: body.key };
  }
  if (!body.url)
    throw new StudioError('invalid_body', 'url: the push address (推流地址) is required, or server and key', {
      path: 'url',
    });
  return body.key ? { url: body.url, key: body.key } : { url: body.url };
}

function route<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  handle: (args: z.output<S>) => Promise<unknown>,
): Route {
  return {
    method,
    path,
    roles: HOST_ONLY,
    bodyLimit: 16 * 1024,
    handle: async ({ body }) => {
      const parsed = schema.safeParse(parseJson(body));
      if (!parsed.success) throw fromZodError(parsed.error, 'invalid_body');
      return { body: await handle(parsed.data) };
    },
  };
}

export function obsRoutes({ obs, setupOverlays }: ObsRouteHandlers): Route[] {
  return [
    route('POST', '/obs/overlays', obsRouteSchemas.overlays, async ({ scene, overlays }) => {
      const report = await setupOverlays({ sceneName: scene, overlays });
      const { sceneName, kind, created, repaired, unchanged } = report;
      return { scene: sceneName, kind, created, repaired, unchanged };
    }),
    route('PUT', '/obs/stream', obsRouteSchemas.stream, async (body) => {
      const { server } = await obs['obs.setStreamDestination'](destinationArgs(body));
      return { server, keySet: true };
    }),
    route('POST', '/obs/stream/start', empty, () => obs['obs.startStream']({})),
    route('POST', '/obs/stream/stop', confirmed, (args) => obs['obs.stopStream'](args)),
    route('POST', '/obs/record/start', empty, () => obs['obs.startRecord']({})),
    route('POST', '/obs/record/stop', confirmed, (args) => obs['obs.stopRecord'](args)),
    route('PUT', '/obs/scene', obsRouteSchemas.scene, async ({ scene }) => {
      const { programScene } = await obs['obs.setScene']({ scene });
      return { scene: programScene };
    }),
  ];
}
