/**
 * Sources of live events as seats see them (the gateway link and local bridges, with their health), and
 * the host's commands for Social Stream Ninja bridges, and their control API routes (PROTOCOL.md D,
 * "Local bridges"): the bridge endpoint a `bridge` token posts live events to, and the SSN listeners.
 */
import { z } from 'zod';
import type { SourceHealth } from '../live/source-health';
import { BRIDGE_ROLES, command, HOST_ONLY, route, viaCommand } from './define';

export type { SourceHealth, SourceKind, SourceState } from '../live/source-health';

/** One bridge of GET /bridges (PROTOCOL.md D), plus what the console shows. */
export interface BridgeView {
  id: string;
  kind: 'ssn';
  state: 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';
  /** Engine clock time of the last event it delivered, or null. */
  lastEventAt: number | null;
  /** Events it delivered since it was added (duplicates not counted). */
  events: number;
  label: string;
  /** Messages from the relay that were not chat, gift or viewers and could not be read. */
  dropped: number;
  reason?: string;
}

/** An SSN session id is a secret (anyone holding it reads the chat): letters, digits, `_` and `-`. */
export const ssnSessionSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1..100 of A-Z a-z 0-9 _ -');

export const bridgeCreateSchema = z
  .object({
    kind: z.literal('ssn'),
    session: ssnSessionSchema,
    /** A self-hosted relay (ws:// or wss://); default wss://io.socialstream.ninja */
    url: z
      .string()
      .max(500)
      .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL')
      .optional(),
    label: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type BridgeCreate = z.infer<typeof bridgeCreateSchema>;

export const sourceCommands = {
  'bridges.create': command<BridgeView>()(bridgeCreateSchema, HOST_ONLY),
  'bridges.remove': command<{ removed: string }>()(z.object({ id: z.string().min(1).max(64) }).strict(), HOST_ONLY),
};

export const sourceRoutes = {
  /**
   * Inbound events exactly as PROTOCOL B takes them: the raw body is parsed and validated by the same code
   * as the gateway's (same 400s: `invalid_json`, `invalid_event` with a path). The one route a bridge token may call.
   */
  'POST /bridge/events': route<{ accepted: number; duplicates: number }>()({ roles: BRIDGE_ROLES, body: 'bytes' }),
  'POST /bridges': viaCommand(sourceCommands, 'bridges.create', { status: 201 }),
  'GET /bridges': route<{ bridges: BridgeView[] }>()({ roles: HOST_ONLY }),
  'DELETE /bridges/:id': viaCommand(sourceCommands, 'bridges.remove', {
    body: z.looseObject({}),
    args: ({ params }) => ({ id: params.id }),
  }),
};

export interface SourcesStateSlice {
  /** Every source with its health, the gateway first. */
  sources: SourceHealth[];
  bridges: BridgeView[];
}
