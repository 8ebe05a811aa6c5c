/**
 * What every capability of the engine stands on: the private data folder, the log, the tokens, the
 * state seats see, where the engine can be reached, and the registries the HTTP server serves from
 * (routes, pages). Made first; nothing in it depends on a capability.
 */
import { join } from 'node:path';
import type { StudioState } from '../../shared/contract';
import type { PageHandler } from './api/http-server';
import { EngineReach } from './api/reach';
import { Router } from './api/router';
import { ensurePrivateDir } from './durable-file';
import { initialState } from './initial-state';
import type { RotatingFile } from './log';
import { createFileLogger, type Logger } from './log';
import { createAesGcmSecretBox, loadOrCreateKeyFile, type SecretBox } from './obs';
import type { EngineOptions } from './options';
import { StateStore } from './state';
import { TokenStore } from './tokens';

export interface EngineCore {
  dataDir: string;
  logger: Logger;
  /** The rotating log file when the engine made its own logger (the storage monitor watches it). */
  logFile: RotatingFile | null;
  tokens: TokenStore;
  state: StateStore<StudioState>;
  reach: EngineReach;
  /** Every control API route, added once the capabilities have their handlers. */
  router: Router;
  /** Pages the HTTP server serves besides the console (catalogue media, recordings, overlays). */
  pages: PageHandler[];
  /** Seals secrets at rest (OBS password, stream key). */
  secretBox: SecretBox;
}

export async function openEngineCore(options: EngineOptions & { logger?: Logger }): Promise<EngineCore> {
  const { dataDir } = options;
  // tokens and sealed secrets live here: this user's alone
  const tightened = ensurePrivateDir(dataDir);
  const made = options.logger
    ? { logger: options.logger, file: null }
    : createFileLogger({ dir: join(dataDir, 'logs'), stderrLevel: 'warn' });
  const logger = made.logger;
  if (tightened) logger.warn({ dir: dataDir }, 'data folder was readable by other users: made private (0700)');
  const tokens = new TokenStore(join(dataDir, 'tokens.json'));
  if (tokens.setAside)
    logger.warn(
      { file: tokens.setAside },
      'tokens.json was damaged: set aside, new tokens made (re-copy overlay URLs)',
    );
  // Secrets at rest: the desktop shell hands over a key kept by the OS keychain; headless, a 0600 key
  // file in the data folder.
  const key = process.env.MAISHOU_SECRET_KEY
    ? Buffer.from(process.env.MAISHOU_SECRET_KEY, 'base64')
    : await loadOrCreateKeyFile(join(dataDir, 'secret.key'));
  return {
    dataDir,
    logger,
    logFile: made.file,
    tokens,
    state: new StateStore<StudioState>(initialState(options)),
    reach: new EngineReach(),
    router: new Router(),
    pages: [],
    secretBox: createAesGcmSecretBox(key),
  };
}
