/**
 * The headless engine as a real child process (`electron/engine/cli.ts` on the project's Node 22),
 * exactly as `npm run studio -- --headless` runs it. Restart keeps the port and data folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_STUDIO_SETTINGS } from '../../shared/contract';
import { freePort, readyLine, spawnTracked, type Tracked } from './process';

export interface EngineReady {
  ready: true;
  url: string;
  controlToken: string;
  overlayToken: string;
  gateway: string;
}

export interface EngineProcess extends EngineReady {
  port: number;
  dataDir: string;
  process: Tracked;
  /** GET/POST the control API with the control token (or another). */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Stops and removes the data folder (unless it was given). */
  dispose(): Promise<void>;
}

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The Node 22 that runs npm scripts here (vitest and playwright run on it too). */
export const NODE = process.env.MAISHOU_NODE ?? process.execPath;

export async function startEngineProcess(
  options: {
    args?: string[];
    dataDir?: string;
    port?: number;
    env?: NodeJS.ProcessEnv;
    /** Leave the first-run setup to be done (default: a studio set up already, so the console opens on its views). */
    firstRun?: boolean;
  } = {},
): Promise<EngineProcess> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'maishou-engine-'));
  const settingsFile = join(dataDir, 'settings.json');
  if (!options.firstRun && !existsSync(settingsFile))
    writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_STUDIO_SETTINGS, setupCompletedAt: Date.now() }));
  const port = options.port ?? (await freePort());
  const args = [
    '--disable-warning=ExperimentalWarning',
    '--import',
    'tsx',
    'electron/engine/cli.ts',
    '--headless',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    ...(options.args ?? []),
  ];
  const launch = async () => {
    const child = spawnTracked(NODE, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, MAISHOU_LOG_LEVEL: 'info', ...options.env },
    });
    const ready = await readyLine<EngineReady>(child, 60_000);
    return { child, ready };
  };
  let { child, ready } = await launch();
  const engine: EngineProcess = {
    ...ready,
    port,
    dataDir,
    get process() {
      return child;
    },
    api(path, init = {}) {
      const { token = engine.controlToken, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${engine.url}/api/v1${path}`, { ...rest, headers });
    },
    stop: () => child.stop(),
    kill: () => child.kill(),
    async restart() {
      await child.stop();
      ({ child, ready } = await launch());
      Object.assign(engine, ready);
    },
    async dispose() {
      await child.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return engine;
}
