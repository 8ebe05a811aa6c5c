/**
 * Pins (讲解中): one authority in the engine orders every pin command. `version` grows with every
 * change; a command made against an older version is refused as stale with the current state.
 */
import { z } from 'zod';
import { idSchema } from '../events';
import { command, OPERATORS, viaCommand } from './define';

export interface Pinned {
  productId: string;
  since: number;
  version: number;
}

export interface PinState {
  pinned: Pinned | null;
  version: number;
  /** 秒杀 countdown on the card, when the host set one for this pin. */
  countdownEndsAt: number | null;
  /** Stock limit shown on the card for this pin (限量), when set. */
  stockLimit: number | null;
}

/** Reply of every pin command and route: `{ pinned }`, with `atEnd` when next/previous had nowhere to go. */
export interface PinReply {
  pinned: Pinned | null;
  atEnd?: boolean;
}

const version = z.number().int().nonnegative().optional();

export const pinCommands = {
  'pin.set': command<PinReply>()(
    z
      .object({
        productId: idSchema,
        version,
        countdownSeconds: z
          .number()
          .int()
          .min(1)
          .max(24 * 3600)
          .optional(),
        stockLimit: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
    OPERATORS,
  ),
  'pin.next': command<PinReply>()(z.object({ version }).strict(), OPERATORS),
  'pin.previous': command<PinReply>()(z.object({ version }).strict(), OPERATORS),
  'pin.clear': command<PinReply>()(z.object({ version }).strict(), OPERATORS),
};

/** PROTOCOL D's pin routes: the seat commands over HTTP, same bodies, same answers. */
export const pinRoutes = {
  'POST /pin': viaCommand(pinCommands, 'pin.set'),
  'POST /pin/next': viaCommand(pinCommands, 'pin.next'),
  'POST /pin/previous': viaCommand(pinCommands, 'pin.previous'),
  'POST /unpin': viaCommand(pinCommands, 'pin.clear'),
};

export interface PinStateSlice {
  pin: PinState;
}
