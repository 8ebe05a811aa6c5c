/**
 * Builds the engine and the standalone gateway to plain Node entry points (out/engine/index.js,
 * out/gateway/index.js). Dependencies stay external: they are installed next to the app.
 */
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  build: {
    ssr: true,
    target: 'node22',
    outDir: 'out',
    emptyOutDir: false,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        'engine/index': resolve(import.meta.dirname, 'electron/engine/cli.ts'),
        // read by xlsx-in-worker.ts as ./xlsx-worker.js next to the engine bundle
        'engine/xlsx-worker': resolve(import.meta.dirname, 'electron/engine/ledger/xlsx-worker.ts'),
        'gateway/index': resolve(import.meta.dirname, 'gateway/cli.ts'),
      },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
