/**
 * Pins wired to the engine: the PinBoard's changes go to every seat at once (the patch is flushed on
 * the spot, not at the end of the tick), are saved so a restarted engine resumes the same pin, and are
 * offered to listeners (ledger segments, overlays, simulator). The control API's pin routes run these
 * same handlers (shared/contract/pins.ts declares them with `viaCommand`).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { CommandHandlers, PinState, StudioState } from '../../../shared/contract';
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

  return {
    board,
    handlers,
    flush: () => writer.flush(),
  };
}
