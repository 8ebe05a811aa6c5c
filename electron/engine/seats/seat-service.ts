/**
 * Seats for other devices and LAN sharing. Only the host creates or revokes seats; a revoked seat's
 * sockets are dropped at once (TokenStore notifies the seat server). Seat links carry the token in the
 * URL fragment and name the LAN address while sharing is on.
 */
import type { CommandHandlers, RouteHandlers, SeatInvite, SharingState, StudioState } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import type { LanSharing } from '../api/lan-sharing';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { TokenStore } from '../tokens';

const SEAT_LABEL = { assistant: '场控', viewer: '观看', prompter: '提词器', bridge: '桥接' } as const;

export interface SeatService {
  handlers: Pick<CommandHandlers, 'seats.create' | 'seats.list' | 'seats.revoke' | 'sharing.set'>;
  /** `GET /seats`; the other seat routes run the seat commands. */
  routeHandlers: Pick<RouteHandlers, 'GET /seats'>;
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
    addresses: [...sharing.enabledAddresses],
    available: sharing.availableAddresses(),
    port: options.port(),
  });

  const invite = (role: 'assistant' | 'viewer' | 'prompter' | 'bridge', label?: string): SeatInvite => {
    const count = tokens.listSeats().filter((s) => s.role === role).length + 1;
    // A bridge is a program on this machine: its address is the endpoint it posts to, never a LAN one.
    if (role === 'bridge') {
      const { token, ...record } = tokens.createSeat(role, label ?? `${SEAT_LABEL[role]} ${count}`);
      logger.info({ seat: record.id, role }, 'bridge token created');
      options.onCreated?.(record);
      return { seat: record, token, url: `http://127.0.0.1:${options.port()}/api/v1/bridge/events` };
    }
    const host = sharing.enabledAddresses[0] ?? '127.0.0.1';
    // an invite made while sharing is for another device: it expires when sharing stops
    const seat = tokens.createSeat(role, label ?? `${SEAT_LABEL[role]} ${count}`, {
      lan: sharing.enabledAddresses.length > 0,
    });
    const { token, ...record } = seat;
    logger.info({ seat: seat.id, role }, 'seat created');
    options.onCreated?.(record);
    const view = role === 'prompter' ? 'prompter' : 'live';
    return { seat: record, token, url: `http://${host}:${options.port()}/${view}#token=${token}` };
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

  const routeHandlers: SeatService['routeHandlers'] = {
    'GET /seats': () => ({ seats: tokens.listSeats(), connected: state.slice('connectedSeats') }),
  };
  return { handlers, routeHandlers };
}
