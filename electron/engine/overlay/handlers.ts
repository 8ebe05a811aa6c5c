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

export function createOverlayHandlers(hub: OverlayHub): OverlayHandlers {
  return {
    'overlay.settings.get': async () => hub.settings,
    'overlay.settings.set': (patch) => hub.setSettings(patch),
    'overlay.urls': async () => hub.urls(),
    'overlay.setupObs': ({ sceneName }) => hub.setupObs(sceneName),
  };
}

export { overlayCommands };
