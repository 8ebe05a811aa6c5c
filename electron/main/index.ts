/**
 * The Electron shell, kept thin: one locked-down window on the engine's own URL, the engine in a
 * utilityProcess restarted with backoff when it dies (and, after 3 failed starts, a dialog with its
 * last stderr lines), a quit that lets the engine close the session, the recap PDF printed with
 * Electron's printToPDF for the engine, a single-instance lock. The decisions live in pure modules
 * (supervisor.ts, engine-health.ts, window-options.ts) tested under Node.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell, utilityProcess } from 'electron';
import type { ReadyInfo } from '../../shared/contract/system';
import { RENDERER_CSP } from '../../shared/csp';
import { isPdfRequest, type PdfReply } from '../engine/recap/parent-port-pdf';
import { failureDialog, StderrTail } from './engine-health';
import { startGlobalHotkeys } from './hotkeys';
import { loadSecretKey } from './secret-key';
import { type EngineChild, EngineSupervisor } from './supervisor';
import {
  BOOTSTRAP_CHANNEL,
  isAllowedNavigation,
  isAllowedPermission,
  isSafeExternalLink,
  isTrustedBootstrap,
  mainWindowOptions,
} from './window-options';

let window: BrowserWindow | null = null;
let supervisor: EngineSupervisor | null = null;
let engineInfo: ReadyInfo | null = null;
let stopHotkeys: (() => void) | null = null;
let quitting = false;
let postToEngine: ((message: unknown) => void) | null = null;
let hotkeysTaken: string[] = [];
const stderrTail = new StderrTail();

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
  // Quit waits for the engine to close the session (else the next start finds it interrupted).
  app.on('before-quit', (event) => {
    if (quitting || !supervisor) return;
    event.preventDefault();
    quitting = true;
    stopHotkeys?.();
    void supervisor.stopGracefully(10_000).then((how) => {
      if (how === 'killed') console.warn('engine did not close in 10 s: stopped');
      app.quit();
    });
  });
}

// Refuse every webview, permission and navigation we did not create (STYLE.md 4).
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

// The window's token over IPC, to its own main frame on the engine origin only.
ipcMain.on(BOOTSTRAP_CHANNEL, (event) => {
  const trusted =
    engineInfo !== null &&
    isTrustedBootstrap(
      {
        senderId: event.sender.id,
        windowId: window?.webContents.id ?? null,
        frameUrl: event.senderFrame?.url,
        isMainFrame: event.senderFrame === event.sender.mainFrame,
      },
      engineInfo.url,
    );
  event.returnValue = trusted && engineInfo ? { engineUrl: engineInfo.url, token: engineInfo.controlToken } : null;
});

/** Prints the engine's report HTML with Electron's own Chromium (no browser needed on Windows or macOS). */
async function printPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false },
  });
  // a temp file, not a data: URL (Chromium caps those at 2 MB; a long show's report can be larger)
  const dir = await mkdtemp(join(tmpdir(), 'maishou-report-'));
  try {
    const page = join(dir, 'report.html');
    await writeFile(page, html, 'utf8');
    await win.loadFile(page);
    return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnEngine(onReady: (info: ReadyInfo) => void): EngineChild {
  const userData = app.getPath('userData');
  const key = loadSecretKey(userData);
  stderrTail.clear();
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
      stdio: 'pipe',
    },
  );
  child.stdout?.on('data', (d: Buffer) => process.stdout.write(d));
  child.stderr?.on('data', (d: Buffer) => {
    process.stderr.write(d);
    stderrTail.push(d.toString('utf8'));
  });
  postToEngine = (message) => child.postMessage(message);
  child.on('message', (message: unknown) => {
    if ((message as ReadyInfo)?.ready) {
      onReady(message as ReadyInfo);
      child.postMessage({ type: 'hotkeys.status', taken: hotkeysTaken });
    } else if (isPdfRequest(message)) {
      printPdf(message.html).then(
        (pdf) => child.postMessage({ type: 'pdf.printed', id: message.id, pdf } satisfies PdfReply),
        (error: Error) =>
          child.postMessage({ type: 'pdf.printed', id: message.id, error: error.message } satisfies PdfReply),
      );
    }
  });
  return {
    onExit: (listener) => child.on('exit', listener),
    kill: () => child.kill(),
    requestShutdown: () => child.postMessage({ type: 'shutdown' }),
  };
}

function showWindow(info: ReadyInfo): void {
  engineInfo = info;
  if (window) {
    // The engine restarted: the renderer reconnects by itself; a new token would need a reload.
    window.webContents.reload();
    return;
  }
  window = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, info.url)) event.preventDefault();
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(`${info.url}/live`);
}

async function askAfterFailures(): Promise<void> {
  const lang = app.getLocale().startsWith('zh') ? 'zh-CN' : 'en';
  const logs = join(app.getPath('userData'), 'logs');
  const text = failureDialog(stderrTail.text(), logs, lang);
  const { response } = await dialog.showMessageBox({ type: 'error', ...text, defaultId: 0, cancelId: 2, noLink: true });
  if (response === 0) supervisor?.retry();
  else if (response === 1) {
    void shell.openPath(logs);
    void askAfterFailures();
  } else app.quit();
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(!!engineInfo && isAllowedPermission(permission, details.requestingUrl, engineInfo.url)),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin) =>
      !!engineInfo && isAllowedPermission(permission, requestingOrigin, engineInfo.url),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  supervisor = new EngineSupervisor({
    spawn: () => spawnEngine(showWindow),
    onRestart: (attempt, delay) => console.warn(`engine exited; restart ${attempt} in ${delay} ms`),
    onGiveUp: () => void askAfterFailures(),
  });
  supervisor.start();
  stopHotkeys = startGlobalHotkeys(
    app.getPath('userData'),
    () => engineInfo,
    (taken) => {
      hotkeysTaken = taken;
      postToEngine?.({ type: 'hotkeys.status', taken });
    },
  );
}
