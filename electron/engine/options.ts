/**
 * Command-line options of the headless engine (PROTOCOL.md F), parsed purely so bad input gets a clear
 * message before anything starts.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_PORT = 17380;

/**
 * The live room the command line asks for: `demo` (also when none is named: then the one saved in
 * Settings wins), a team's gateway, or `local` (--bridges-only: no gateway, no simulator).
 */
export type GatewayOption =
  | { kind: 'demo' }
  | { kind: 'local' }
  | { kind: 'remote'; url: string; room: string; token: string };

export interface EngineOptions {
  host: string;
  port: number;
  dataDir: string;
  gateway: GatewayOption;
  obs: { url: string; password: string } | null;
  /** Demo speed factor for the audience simulator (1..100). */
  demoSpeed: number;
  headless: boolean;
  /**
   * How long after a session's last recorded event a crashed engine may pick it up again on its own
   * (PROTOCOL D; STUDIO_RESUME_WINDOW_MS, default 10 minutes, 0 = never).
   */
  resumeWindowMs: number;
  /** "Disk almost full" below this many free bytes (STUDIO_DISK_LOW_BYTES; default 2 GiB). */
  diskLowBytes?: number;
}

export const DEFAULT_RESUME_WINDOW_MS = 10 * 60_000;

export class OptionsError extends Error {}

/** The per-user data folder, as Electron's userData would be for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MAISHOU_DATA_DIR) return env.MAISHOU_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Maishou Studio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Maishou Studio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'maishou-studio');
}

const FLAGS_WITH_VALUE = new Set([
  '--port',
  '--host',
  '--data-dir',
  '--gateway',
  '--room',
  '--token',
  '--obs',
  '--obs-password',
  '--token-file',
  '--obs-password-file',
  '--demo-speed',
]);
const BOOLEAN_FLAGS = new Set(['--headless', '--demo', '--bridges-only', '--help']);

export const USAGE = `Usage: npm run studio -- --headless [--port N] [--data-dir DIR]
       [--gateway URL --room R --token T | --demo | --bridges-only] [--demo-speed 1..100]
       [--obs ws://HOST:PORT --obs-password P]
--bridges-only: no gateway and no simulator, only this computer's bridges (POST /bridge/events, SSN).
Secrets can stay off the command line (other local users can read it):
       --token-file FILE or MAISHOU_GATEWAY_TOKEN instead of --token,
       --obs-password-file FILE or MAISHOU_OBS_PASSWORD instead of --obs-password.`;

/**
 * A secret from the command line, else a file (first line, trimmed), else the environment. The file
 * and variable forms keep it out of the process list.
 */
function secretOption(
  values: Map<string, string>,
  flag: string,
  envName: string,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
): string | undefined {
  if (values.has(flag) && values.has(`${flag}-file`)) throw new OptionsError(`Give ${flag} or ${flag}-file, not both`);
  if (values.has(flag)) return values.get(flag);
  const file = values.get(`${flag}-file`);
  if (file !== undefined) {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      throw new OptionsError(`${flag}-file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const value = text.split(/\r?\n/)[0].trim();
    if (!value) throw new OptionsError(`${flag}-file: ${file} is empty`);
    return value;
  }
  return env[envName] || undefined;
}

export function parseEngineArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): EngineOptions & { help: boolean } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (BOOLEAN_FLAGS.has(name)) {
      flags.add(name);
    } else if (FLAGS_WITH_VALUE.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new OptionsError(`${name} needs a value`);
      values.set(name, value);
    } else {
      throw new OptionsError(`Unknown option ${arg}`);
    }
  }

  const portText = values.get('--port') ?? env.MAISHOU_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new OptionsError(`--port must be 0..65535, got ${portText}`);

  const token = secretOption(values, '--token', 'MAISHOU_GATEWAY_TOKEN', env, readFile);
  const obsPassword = secretOption(values, '--obs-password', 'MAISHOU_OBS_PASSWORD', env, readFile);
  // the variable alone does not ask for a gateway; a flag or a file given with --gateway does
  if (token !== undefined && (values.has('--gateway') || values.has('--token-file'))) values.set('--token', token);
  const remote = ['--gateway', '--room', '--token'].filter((f) => values.has(f));
  const chosen = ['--demo', '--bridges-only'].filter((f) => flags.has(f));
  if (remote.length > 0) chosen.push('--gateway');
  if (chosen.length > 1) throw new OptionsError(`${chosen.join(' and ')} cannot be combined: choose one live room`);
  if (remote.length > 0 && remote.length < 3) throw new OptionsError('--gateway needs --room and --token too');
  let gateway: GatewayOption = flags.has('--bridges-only') ? { kind: 'local' } : { kind: 'demo' };
  if (remote.length === 3) {
    const url = values.get('--gateway')!;
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new OptionsError(`--gateway must be an http(s) URL, got ${url}`);
    gateway = { kind: 'remote', url, room: values.get('--room')!, token: values.get('--token')! };
  }

  let obs: EngineOptions['obs'] = null;
  if (values.has('--obs')) {
    const url = values.get('--obs')!;
    if (!/^wss?:\/\/[^\s/]+(:\d+)?\/?$/.test(url))
      throw new OptionsError(`--obs must look like ws://127.0.0.1:4455, got ${url}`);
    obs = { url, password: obsPassword ?? '' };
  } else if (values.has('--obs-password') || values.has('--obs-password-file')) {
    throw new OptionsError('--obs-password needs --obs');
  }

  const speedText = values.get('--demo-speed') ?? '1';
  const demoSpeed = Number(speedText);
  if (!Number.isFinite(demoSpeed) || demoSpeed < 1 || demoSpeed > 100) {
    throw new OptionsError(`--demo-speed must be 1..100, got ${speedText}`);
  }
  const lowText = env.STUDIO_DISK_LOW_BYTES;
  if (lowText !== undefined && !/^\d{1,15}$/.test(lowText))
    throw new OptionsError(`STUDIO_DISK_LOW_BYTES must be a whole number of bytes, got ${lowText}`);
  const windowText = env.STUDIO_RESUME_WINDOW_MS ?? String(DEFAULT_RESUME_WINDOW_MS);
  if (!/^\d{1,12}$/.test(windowText)) {
    throw new OptionsError(
      `STUDIO_RESUME_WINDOW_MS must be a whole number of milliseconds (0 = never), got ${windowText}`,
    );
  }

  const host = values.get('--host') ?? '127.0.0.1';
  return {
    host,
    port,
    dataDir: values.get('--data-dir') ?? defaultDataDir(env),
    gateway,
    obs,
    demoSpeed,
    headless: flags.has('--headless'),
    resumeWindowMs: Number(windowText),
    ...(lowText ? { diskLowBytes: Number(lowText) } : {}),
    help: flags.has('--help'),
  };
}
