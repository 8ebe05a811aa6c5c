/**
 * The Electron shell, kept thin: one locked-down window on the engine's own URL, the engine in a
 * utilityProcess restarted with backoff when it dies, a single-instance lock. Everything else lives in
 * the engine and the renderer, which run (and are tested) without Electron.
 */
import { join } from 'node:path';
import { app, BrowserWindow, session, shell, utilityProcess } from 'electron';
import { RENDERER_CSP } from '../../shared/csp';
import { startGlobalHotkeys } from './hotkeys';
import { loadSecretKey } from './secret-key';
import { type EngineChild, EngineSupervisor } from './supervisor';
import { isAllowedNavigation, isSafeExternalLink, mainWindowOptions } from './window-options';

interface ReadyInfo {
  ready: true;
  url: string;
  controlToken: string;
}

let window: BrowserWindow | null = null;
let supervisor: EngineSupervisor | null = null;
let engineInfo: ReadyInfo | null = null;
let stopHotkeys: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    stopHotkeys?.();
    supervisor?.stop();
  });
}

// Refuse every webview, permission prompt and navigation we did not create (STYLE.md 4).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function spawnEngine(onReady: (info: ReadyInfo) => void): EngineChild {
  const userData = app.getPath('userData');
  const key = loadSecretKey(userData);
  const child = utilityProcess.fork(
    join(import.meta.dirname, '../engine/index.js'),
    ['--headless', '--data-dir', userData],
    {
      serviceName: 'Maishou Engine',
      execArgv: ['--disable-warning=ExperimentalWarning'],
      env: {
        ...process.env,
        MAISHOU_DEMO_DIR: app.isPackaged
          ? join(process.resourcesPath, 'demo')
          : join(app.getAppPath(), 'resources', 'demo'),
        ...(key ? { MAISHOU_SECRET_KEY: key } : {}),
      },
      stdio: 'inherit',
    },
  );
  child.on('message', (message: ReadyInfo) => {
    if (message?.ready) onReady(message);
  });
  return { onExit: (listener) => child.on('exit', listener), kill: () => child.kill() };
}

function showWindow(info: ReadyInfo): void {
  engineInfo = info;
  if (window) {
    // The engine restarted: the renderer reconnects by itself; a new token would need a reload.
    window.webContents.reload();
    return;
  }
  window = new BrowserWindow(
    mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), info.url, info.controlToken),
  );
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, info.url)) event.preventDefault();
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(`${info.url}/live`);
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  supervisor = new EngineSupervisor({
    spawn: () => spawnEngine(showWindow),
    onRestart: (attempt, delay) => console.warn(`engine exited; restart ${attempt} in ${delay} ms`),
  });
  supervisor.start();
  stopHotkeys = startGlobalHotkeys(app.getPath('userData'), () => engineInfo);
}
