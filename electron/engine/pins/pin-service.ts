/**
 * Pins wired to the engine: the PinBoard's changes go to every seat at once (the patch is flushed on
 * the spot, not at the end of the tick), are saved so a restarted engine resumes the same pin, and are
 * offered to listeners (ledger segments, overlays, simulator). Seat commands and control routes share
 * the same validation and the same board.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  type CommandHandlers,
  OPERATORS,
  type PinState,
  pinCommands,
  type Role,
  type StudioState,
} from '../../../shared/contract';
import { fromZodError } from '../../../shared/errors';
import { parseJson } from '../api/http-util';
import type { Route } from '../api/router';
import { JsonFileWriter, readJsonFile } from '../json-file';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import { EMPTY_PIN, PinBoard } from './pin-board';

const pinStateSchema = z.object({
  pinned: z.object({ productId: z.string(), since: z.number(), version: z.number() }).nullable(),
  version: z.number().int().nonnegative(),
  countdownEndsAt: z.number().nullable(),
  stockLimit: z.number().nullable(),
});

export interface PinService {
  board: PinBoard;
  handlers: Pick<CommandHandlers, 'pin.set' | 'pin.next' | 'pin.previous' | 'pin.clear'>;
  routes: Route[];
  flush(): Promise<void>;
}

export function createPinService(options: {
  dataDir: string;
  state: StateStore<StudioState>;
  logger: Logger;
  order: () => readonly string[];
}): PinService {
  const file = join(options.dataDir, 'pin.json');
  const initial = readJsonFile(file, pinStateSchema, EMPTY_PIN, options.logger) as PinState;
  const board = new PinBoard(options.order, initial);
  const writer = new JsonFileWriter(file);
  options.state.set('pin', board.state);
  board.onChange((next) => {
    options.state.set('pin', next);
    options.state.flush(); // the pin reaches seats and overlays now, not at the end of the tick
    options.logger.info({ pinned: next.pinned?.productId ?? null, version: next.version }, 'pin changed');
    void writer.write(next);
  });

  const handlers: PinService['handlers'] = {
    'pin.set': (a) =>
      board.set(a.productId, {
        expectedVersion: a.version,
        countdownSeconds: a.countdownSeconds,
        stockLimit: a.stockLimit,
      }),
    'pin.next': (a) => board.next(a.version),
    'pin.previous': (a) => board.previous(a.version),
    'pin.clear': (a) => board.clear(a.version),
  };

  /** A control route that validates its JSON body with the same schema as the seat command. */
  const route = <N extends keyof PinService['handlers']>(path: string, name: N): Route => ({
    method: 'POST',
    path,
    roles: OPERATORS,
    handle: ({ body, identity }) => {
      const parsed = pinCommands[name].args.safeParse(parseJson(body));
      if (!parsed.success) throw fromZodError(parsed.error, 'invalid_body');
      const handler = handlers[name] as (args: unknown, ctx: unknown) => unknown;
      return {
        body: handler(parsed.data, {
          seat: { id: identity.seatId, role: identity.role as Role, label: identity.label },
        }),
      };
    },
  });

  return {
    board,
    handlers,
    routes: [
      route('/pin', 'pin.set'),
      route('/pin/next', 'pin.next'),
      route('/pin/previous', 'pin.previous'),
      route('/unpin', 'pin.clear'),
    ],
    flush: () => writer.flush(),
  };
}
