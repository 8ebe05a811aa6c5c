/**
 * Debian's Chromium driven by Playwright (never a downloaded browser), found and flagged as the engine's
 * PDF printer does (node-common/chromium).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from '@playwright/test';
import { browserEnv, browserFlags, findBrowser } from '../../node-common/chromium';

export const CHROMIUM_PATH = findBrowser() ?? '/usr/bin/chromium';

/** The engine's own flags for a headless Chromium (one list: node-common/chromium.ts). */
export const CHROMIUM_ARGS = browserFlags();

/** Chromium's environment with its profile and caches in a fresh temp folder. */
export function chromiumEnv(): Record<string, string> {
  return browserEnv(mkdtempSync(join(tmpdir(), 'maishou-chromium-')));
}

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, env: chromiumEnv(), headless: true };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
