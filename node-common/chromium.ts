/**
 * Finding a Chromium-family browser (Chrome, Chromium, Edge) in the usual places of each OS, and the
 * flags every headless run of it uses here (the recap PDF, and the test harness). Pure apart from the
 * `exists` check, which tests replace.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** Flags for a headless run kept off the network and the user's profile. */
export function browserFlags(options: { root?: boolean } = {}): string[] {
  const root = options.root ?? process.getuid?.() === 0;
  return [
    // Chromium refuses to run as root with its sandbox; everywhere else the sandbox stays on
    ...(root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

/** Environment that keeps the browser's profile and caches in `dir`. */
export function browserEnv(dir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    ...(env as Record<string, string>),
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_DATA_HOME: join(dir, 'data'),
  };
}

/** Where Chrome, Chromium and Edge install themselves, per OS, most common first. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home = homedir()): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'];
    const local = env.LOCALAPPDATA ?? win32.join(home, 'AppData', 'Local');
    return [
      ...roots.map((r) => win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      win32.join(local, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ...roots.map((r) => win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      win32.join(local, 'Chromium', 'Application', 'chrome.exe'),
    ];
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', join(home, 'Applications')];
    return apps.flatMap((a) => [
      join(a, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
      join(a, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
      join(a, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
  ];
}

/** CHROMIUM_PATH, else the first usual place that exists; null when none does. */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return browserCandidates(platform, env).find(exists) ?? null;
}

/** What to install, in words, when no browser is found (the 501's message). */
export function noBrowserMessage(platform: NodeJS.Platform = process.platform): string {
  const what =
    platform === 'win32'
      ? 'Microsoft Edge (part of Windows 10 and 11; reinstall it from microsoft.com/edge) or Google Chrome'
      : platform === 'darwin'
        ? 'Google Chrome, Chromium or Microsoft Edge into /Applications'
        : 'Chromium (e.g. `sudo apt install chromium`) or Google Chrome';
  return `PDF needs a Chromium-family browser: install ${what}, or set CHROMIUM_PATH to one. The desktop app prints PDFs itself; the HTML report prints from any browser.`;
}
