/**
 * Seat command handlers for the `obs.*` commands of shared/contract/obs.ts. Arguments arrive validated
 * (and role-checked) by the engine's dispatcher; each handler answers the command's result type.
 */
import type { z } from 'zod';
import type { CommandSpec } from '../../../shared/contract/define';
import type { obsCommands } from '../../../shared/contract/obs';
import type { ObsController } from './controller';

type ObsCommands = typeof obsCommands;
type Args<N extends keyof ObsCommands> = z.output<ObsCommands[N]['args']>;
type Result<N extends keyof ObsCommands> = ObsCommands[N] extends CommandSpec<z.ZodType, infer R> ? R : never;

export type ObsHandlers = { [N in keyof ObsCommands]: (args: Args<N>) => Promise<Result<N>> };

export function createObsHandlers(controller: ObsController): ObsHandlers {
  return {
    'obs.connect': (args) => controller.connect(args),
    'obs.disconnect': () => controller.disconnect(),
    'obs.getSettings': async () => controller.getSettings(),
    'obs.setScene': ({ scene }) => controller.setScene(scene),
    'obs.setPreviewScene': ({ scene }) => controller.setPreviewScene(scene),
    'obs.setStudioMode': ({ enabled }) => controller.setStudioMode(enabled),
    'obs.transition': () => controller.transition(),
    'obs.startStream': () => controller.startStream(),
    'obs.stopStream': (args) => controller.stopStream(args),
    'obs.startRecord': () => controller.startRecord(),
    'obs.stopRecord': (args) => controller.stopRecord(args),
    'obs.pauseRecord': () => controller.pauseRecord(),
    'obs.resumeRecord': () => controller.resumeRecord(),
    'obs.startVirtualCam': () => controller.startVirtualCam(),
    'obs.stopVirtualCam': () => controller.stopVirtualCam(),
    'obs.setMicMuted': ({ muted, input }) => controller.setMicMuted(muted, input),
    'obs.setStreamDestination': ({ url, key }) => controller.setStreamDestination(url, key),
    'obs.thumbnail': (args) => controller.thumbnail(args),
  };
}
