/**
 * The desktop window's security settings, kept in a module without an `electron` import so a unit test
 * can assert them under plain Node. See STYLE.md 4: locked-down windows.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The IPC channel the preload asks for the engine URL and the window's token on. */
export const BOOTSTRAP_CHANNEL = 'maishou:bootstrap';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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
      // No secrets on the command line (other local users can read it): the preload asks over IPC
      // (BOOTSTRAP_CHANNEL), and the main process answers only its own window on the engine's origin.
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

/**
 * Whether a bootstrap request may get the token: it must come from the studio window itself, from its
 * main frame, on the engine's own origin (not an iframe, not a page it navigated to).
 */
export function isTrustedBootstrap(
  sender: { senderId: number; windowId: number | null; frameUrl: string | undefined; isMainFrame: boolean },
  engineUrl: string,
): boolean {
  return (
    sender.windowId !== null &&
    sender.senderId === sender.windowId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAllowedNavigation(sender.frameUrl, engineUrl)
  );
}

/** Permissions the console may have: clipboard writes (copy-URL buttons) from the engine's origin, nothing else. */
export function isAllowedPermission(permission: string, requestingOrigin: string, engineUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAllowedNavigation(requestingOrigin, engineUrl);
}
