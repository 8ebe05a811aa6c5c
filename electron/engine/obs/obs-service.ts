/**
 * The OBS capability of the engine: the one controller with the saved (or `--obs`) settings, its
 * `obs.*` seat commands, and the `obs` state slice seats see.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineCore } from '../engine-core';
import type { EngineOptions } from '../options';
import { parseObsUrl } from './address';
import { ObsController } from './controller';
import { createObsHandlers, type ObsHandlers } from './handlers';
import { loadObsSettings, OBS_SETTINGS_FILE } from './settings';

export interface ObsService {
  controller: ObsController;
  /** OBS was set up (saved settings or `--obs`): the engine connects at start; a first run waits for Settings. */
  configured: boolean;
  handlers: ObsHandlers;
  /** The controller's connection while OBS is identified, else null. */
  identified(): ObsController['connection'] | null;
  start(): void;
  close(): Promise<void>;
}

export async function createObsService(core: EngineCore, options: Pick<EngineOptions, 'obs'>): Promise<ObsService> {
  const { dataDir, secretBox, logger, state } = core;
  const settings = await loadObsSettings(dataDir, secretBox, logger);
  const configured = options.obs !== null || existsSync(join(dataDir, OBS_SETTINGS_FILE));
  if (options.obs)
    Object.assign(
      settings,
      parseObsUrl(options.obs.url),
      options.obs.password ? { password: options.obs.password } : {},
    );
  const controller = new ObsController({ settings, dataDir, secretBox, logger });
  state.set('obs', controller.state);
  controller.on('state', (s) => state.set('obs', s));
  return {
    controller,
    configured,
    handlers: createObsHandlers(controller),
    identified: () => (state.slice('obs').status === 'identified' ? controller.connection : null),
    start() {
      if (configured) void controller.start();
    },
    close: () => controller.stop(),
  };
}
