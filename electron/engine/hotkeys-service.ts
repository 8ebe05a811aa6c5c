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

/** The shell's report over the parent port: `{ type: 'hotkeys.status', taken: [accelerator...] }`. */
export function takenFromMessage(message: unknown): string[] | null {
  const m = message as { type?: unknown; taken?: unknown };
  if (m?.type !== 'hotkeys.status' || !Array.isArray(m.taken)) return null;
  return m.taken.filter((a): a is string => typeof a === 'string' && a.length <= 60).slice(0, 10);
}

export function createHotkeysService(
  dataDir: string,
  state: StateStore<StudioState>,
  logger?: Logger,
  /** Electron's parent port: the shell says which hotkeys another program holds (shown in Settings). */
  parentPort?: { on(event: 'message', listener: (event: { data: unknown }) => void): unknown },
): Pick<CommandHandlers, 'hotkeys.set'> {
  parentPort?.on('message', (event) => {
    const taken = takenFromMessage(event.data);
    if (!taken) return;
    if (taken.length > 0) logger?.warn({ taken }, 'hotkeys held by another program');
    state.set('hotkeysTaken', taken);
  });
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
