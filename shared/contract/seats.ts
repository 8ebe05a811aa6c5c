/**
 * Seats: the host invites assistants (场控) and viewers onto other devices. Sharing on the LAN is off
 * by default; a seat's link carries its token in the URL fragment.
 */
import { z } from 'zod';
import { type ApiRole, command, HOST_ONLY, type Role, route, viaCommand } from './define';

export interface SeatRecord {
  id: string;
  /** `bridge` tokens are listed and revoked like seats, but only push live events in. */
  role: ApiRole;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ConnectedSeat {
  id: string;
  role: Role;
  label: string;
  /** How many tabs/devices use this seat now. */
  connections: number;
  address: string;
}

export interface SharingState {
  enabled: boolean;
  /** LAN addresses the engine also listens on while sharing (empty when off): the one the host picked. */
  addresses: string[];
  /** Private LAN addresses of this computer the host can pick from (10/8, 172.16/12, 192.168/16). */
  available: string[];
  port: number;
}

export interface SeatInvite {
  seat: SeatRecord;
  token: string;
  /** The console URL for the other device, token in the fragment. */
  url: string;
}

export const seatCommands = {
  'seats.create': command<SeatInvite>()(
    z
      .object({
        role: z.enum(['assistant', 'viewer', 'prompter', 'bridge']),
        label: z.string().trim().min(1).max(40).optional(),
      })
      .strict(),
    HOST_ONLY,
  ),
  'seats.list': command<{ seats: SeatRecord[] }>()(z.object({}).strict(), HOST_ONLY),
  'seats.revoke': command<{ revoked: boolean }>()(z.object({ id: z.string().min(1).max(64) }).strict(), HOST_ONLY),
  'sharing.set': command<SharingState>()(
    z
      .object({
        enabled: z.boolean(),
        /** Which of `available` to share on (default: the first). */
        address: z.ipv4().optional(),
      })
      .strict(),
    HOST_ONLY,
  ),
};

export const seatRoutes = {
  'POST /seats': viaCommand(seatCommands, 'seats.create', { status: 201 }),
  /** Every seat ever invited, and who is connected now. */
  'GET /seats': route<{ seats: SeatRecord[]; connected: ConnectedSeat[] }>()({ roles: HOST_ONLY }),
  'DELETE /seats/:id': viaCommand(seatCommands, 'seats.revoke', {
    body: z.looseObject({}),
    args: ({ params }) => ({ id: params.id }),
  }),
  'POST /sharing': viaCommand(seatCommands, 'sharing.set'),
};

export interface SeatsStateSlice {
  sharing: SharingState;
  connectedSeats: ConnectedSeat[];
}
