/** The renderer's Vite config, shared by electron-vite (desktop) and the standalone build (browser seats). */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
    // Two pages: the console (index.html) and the OBS overlay pages (overlay.html, vanilla TS, no React).
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        overlay: resolve(import.meta.dirname, 'renderer/overlay.html'),
      },
    },
  },
};

export default rendererConfig;
