/**
 * Finding and running a system Chromium (Debian's, or any Chrome) headless: the recap's PDF and the tests'
 * browser use the same discovery and flags. The flags keep it off the network (no updates, sync or
 * QUIC probes) and every profile and cache in a temp folder, never in the user's home.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** CHROMIUM_PATH, else the usual places; null when none exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Flags for a headless Chromium in a sandboxed CI or a desktop without a GPU. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

/** The environment with HOME and the XDG folders moved under `dir`. */
export function chromiumEnv(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    ...(env as Record<string, string>),
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
  };
}
