/**
 * The desktop window's security settings, kept in a module without an `electron` import so a unit test
 * can assert them under plain Node. See STYLE.md 4: locked-down windows.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(
  preloadPath: string,
  engineUrl: string,
  token: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#14161c',
    title: '买手直播台 Maishou Studio',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Only the engine URL and this window's seat token reach the renderer, through the preload.
      additionalArguments: [`--maishou-engine=${engineUrl}`, `--maishou-token=${token}`],
    },
  };
}

/** Navigation stays on the engine's own origin; anything else is refused. */
export function isAllowedNavigation(target: string, engineUrl: string): boolean {
  try {
    return new URL(target).origin === new URL(engineUrl).origin;
  } catch {
    return false;
  }
}

/** Links the user clicks that leave the studio open in the system browser, https only. */
export function isSafeExternalLink(target: string): boolean {
  try {
    return new URL(target).protocol === 'https:';
  } catch {
    return false;
  }
}
