/** Stores the desktop hotkeys in `hotkeys.json` (the shell watches it) and shows them to seats. */
import { join } from 'node:path';
import {
  type CommandHandlers,
  DEFAULT_HOTKEYS,
  type Hotkeys,
  hotkeysSchema,
  type StudioState,
} from '../../shared/contract';
import { JsonFileWriter, readJsonFile } from './json-file';
import type { Logger } from './log';
import type { StateStore } from './state';

export function hotkeysFile(dataDir: string): string {
  return join(dataDir, 'hotkeys.json');
}

export function createHotkeysService(
  dataDir: string,
  state: StateStore<StudioState>,
  logger?: Logger,
): Pick<CommandHandlers, 'hotkeys.set'> {
  const writer = new JsonFileWriter(hotkeysFile(dataDir));
  state.set('hotkeys', readJsonFile(hotkeysFile(dataDir), hotkeysSchema, DEFAULT_HOTKEYS, logger) as Hotkeys);
  return {
    'hotkeys.set': async (hotkeys) => {
      await writer.write(hotkeys);
      state.set('hotkeys', hotkeys);
      return hotkeys;
    },
  };
}
