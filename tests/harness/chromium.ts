/**
 * Debian's Chromium driven by Playwright (never a downloaded browser). The flags keep it off the
 * network this machine does not have, and its profile and caches in a temp dir.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from '@playwright/test';
import { browserEnv, browserFlags } from '../../electron/engine/recap/browser';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The engine's own flags for a headless Chromium (one list: electron/engine/recap/browser.ts). */
export const CHROMIUM_ARGS = browserFlags();

export function chromiumEnv(): Record<string, string> {
  return browserEnv(mkdtempSync(join(tmpdir(), 'maishou-chromium-')));
}

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, env: chromiumEnv(), headless: true };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
