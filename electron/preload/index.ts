/**
 * Hands the renderer exactly two things: the engine URL and this window's seat token, asked from the
 * main process over IPC (never on the command line, which other local users can read). The main
 * process answers only its own window's main frame on the engine's origin. Nothing else of Electron
 * or Node crosses into the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BOOTSTRAP_CHANNEL } from '../main/window-options';

const reply = ipcRenderer.sendSync(BOOTSTRAP_CHANNEL) as { engineUrl?: string; token?: string } | null;

contextBridge.exposeInMainWorld(
  'studio',
  Object.freeze({ engineUrl: reply?.engineUrl ?? '', token: reply?.token ?? '' }),
);
