/**
 * Seats for other devices and LAN sharing. Only the host creates or revokes seats; a revoked seat's
 * sockets are dropped at once (TokenStore notifies the seat server). Seat links carry the token in the
 * URL fragment and name the LAN address while sharing is on.
 */
import type { z } from 'zod';
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
}): SeatService {
  const { tokens, sharing, state, logger } = options;

  const sharingState = (): SharingState => ({
    enabled: sharing.enabledAddresses.length > 0,
    addresses: sharing.enabledAddresses,
    available: sharing.availableAddresses(),
    port: options.port(),
  });

  const invite = (role: 'assistant' | 'viewer', label?: string): SeatInvite => {
    const count = tokens.listSeats().filter((s) => s.role === role).length + 1;
    const host = sharing.enabledAddresses[0] ?? '127.0.0.1';
    const seat = tokens.createSeat(role, label ?? `${role === 'assistant' ? '场控' : '观看'} ${count}`, {
      lan: sharing.enabledAddresses.length > 0,
    });
    const { token, ...record } = seat;
    logger.info({ seat: seat.id, role }, 'seat created');
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
        const bound = await sharing.enable(a.address);
        if (bound.length === 0) {
          throw new StudioError('no_lan_address', 'No LAN address to share on: is this computer on a network?', {
            status: 409,
          });
        }
      } else {
        await sharing.disable();
        // invites made for other devices expire with the sharing they were made for
        const expired = tokens.revokeLanSeats();
        if (expired.length > 0) logger.info({ seats: expired }, 'LAN seat invites expired with sharing');
      }
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
        body: await handlers['sharing.set'](body(seatCommands['sharing.set'].args, raw), {
          seat: { id: 'host', role: 'host', label: 'host' },
        }),
      }),
    },
  ];
  return { handlers, routes };
}
