/**
 * Hands the renderer exactly two things: the engine URL and this window's seat token. Nothing else
 * of Electron or Node crosses into the page.
 */
import { contextBridge } from 'electron';

const arg = (name: string): string => {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? '';
};

contextBridge.exposeInMainWorld(
  'studio',
  Object.freeze({ engineUrl: arg('maishou-engine'), token: arg('maishou-token') }),
);
