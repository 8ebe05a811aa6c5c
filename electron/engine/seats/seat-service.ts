/**
 * Seats for other devices and LAN sharing. Only the host creates or revokes seats; a revoked seat's
 * sockets are dropped at once (TokenStore notifies the seat server). Seat links carry the token in the
 * URL fragment and name the LAN address while sharing is on.
 */
import { z } from 'zod';
import {
  type CommandHandlers,
  HOST_ONLY,
  type SeatInvite,
  type SharingState,
  type StudioState,
  seatCommands,
} from '../../../shared/contract';
import { fromZodError, StudioError } from '../../../shared/errors';
import { parseJson } from '../api/http-util';
import type { LanSharing } from '../api/lan-sharing';
import type { Route } from '../api/router';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { TokenStore } from '../tokens';

export interface SeatService {
  handlers: Pick<CommandHandlers, 'seats.create' | 'seats.list' | 'seats.revoke' | 'sharing.set'>;
  routes: Route[];
}

export function createSeatService(options: {
  tokens: TokenStore;
  sharing: LanSharing;
  state: StateStore<StudioState>;
  port: () => number;
  logger: Logger;
  /** Told of every seat or bridge token created (the console lists bridges before they first post). */
  onCreated?: (seat: { id: string; role: string; label: string }) => void;
}): SeatService {
  const { tokens, sharing, state, logger } = options;

  const sharingState = (): SharingState => ({
    enabled: sharing.enabledAddresses.length > 0,
    addresses: sharing.enabledAddresses,
    port: options.port(),
  });

  const DEFAULT_LABEL = { assistant: '场控', viewer: '观看', bridge: '桥接' } as const;
  const invite = (role: 'assistant' | 'viewer' | 'bridge', label?: string): SeatInvite => {
    const count = tokens.listSeats().filter((s) => s.role === role).length + 1;
    const seat = tokens.createSeat(role, label ?? `${DEFAULT_LABEL[role]} ${count}`);
    const { token, ...record } = seat;
    logger.info({ seat: seat.id, role }, 'seat created');
    options.onCreated?.(record);
    // A bridge is a program on this machine: its address is the endpoint it posts to, never a LAN one.
    if (role === 'bridge')
      return { seat: record, token, url: `http://127.0.0.1:${options.port()}/api/v1/bridge/events` };
    const host = sharing.enabledAddresses[0] ?? '127.0.0.1';
    return { seat: record, token, url: `http://${host}:${options.port()}/live#token=${token}` };
  };

  const handlers: SeatService['handlers'] = {
    'seats.create': (a) => invite(a.role, a.label),
    'seats.list': () => ({ seats: tokens.listSeats() }),
    'seats.revoke': (a) => {
      const revoked = tokens.revokeSeat(a.id);
      if (!revoked) throw new StudioError('unknown_seat', `No active seat ${a.id}`, { status: 404, path: 'id' });
      logger.info({ seat: a.id }, 'seat revoked');
      return { revoked };
    },
    'sharing.set': async (a) => {
      if (a.enabled) {
        const bound = await sharing.enable();
        if (bound.length === 0) {
          throw new StudioError('no_lan_address', 'No LAN address to share on: is this computer on a network?', {
            status: 409,
          });
        }
      } else await sharing.disable();
      const next = sharingState();
      state.set('sharing', next);
      logger.info({ enabled: next.enabled, addresses: next.addresses }, 'LAN sharing changed');
      return next;
    },
  };

  const body = <S extends z.ZodType>(schema: S, raw: Buffer): z.output<S> => {
    const parsed = schema.safeParse(parseJson(raw));
    if (!parsed.success) throw fromZodError(parsed.error, 'invalid_body');
    return parsed.data;
  };

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/seats',
      roles: HOST_ONLY,
      handle: ({ body: raw }) => {
        const a = body(seatCommands['seats.create'].args, raw);
        const created = invite(a.role, a.label);
        return { status: 201, body: { token: created.token, url: created.url, seat: created.seat } };
      },
    },
    {
      method: 'GET',
      path: '/seats',
      roles: HOST_ONLY,
      handle: () => ({ body: { seats: tokens.listSeats(), connected: state.slice('connectedSeats') } }),
    },
    {
      method: 'DELETE',
      path: '/seats/:id',
      roles: HOST_ONLY,
      handle: ({ params }) => ({
        body: handlers['seats.revoke']({ id: params.id }, { seat: { id: 'host', role: 'host', label: 'host' } }),
      }),
    },
    {
      method: 'POST',
      path: '/sharing',
      roles: HOST_ONLY,
      handle: async ({ body: raw }) => ({
        body: await handlers['sharing.set'](body(z.object({ enabled: z.boolean() }).strict(), raw), {
          seat: { id: 'host', role: 'host', label: 'host' },
        }),
      }),
    },
  ];
  return { handlers, routes };
}
