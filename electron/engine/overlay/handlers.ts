/** Seat commands of the overlays (shared/contract/overlay.ts), for the engine's handler map. */
import type { z } from 'zod';
import type { CommandSpec } from '../../../shared/contract/define';
import { overlayCommands } from '../../../shared/contract/overlay';
import type { OverlayHub } from './hub';

type OverlayCommands = typeof overlayCommands;
export type OverlayHandlers = {
  [N in keyof OverlayCommands]: (
    args: z.output<OverlayCommands[N]['args']>,
  ) => Promise<OverlayCommands[N] extends CommandSpec<z.ZodType, infer R> ? R : never>;
};

/** `hub` may be a getter: the engine builds its handler map before the hub (which needs the socket server) exists. */
export function createOverlayHandlers(hub: OverlayHub | (() => OverlayHub)): OverlayHandlers {
  const get = typeof hub === 'function' ? hub : () => hub;
  return {
    'overlay.settings.get': async () => get().settings,
    'overlay.settings.set': (patch) => get().setSettings(patch),
    'overlay.urls': async () => get().urls(),
    'overlay.setupObs': ({ sceneName, overlays }) => get().setupObs(sceneName, overlays),
  };
}

export { overlayCommands };
