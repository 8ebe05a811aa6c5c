/**
 * Builds the overlay page alone (renderer/overlay.html) into out/overlay-test-build for tests and benchmarks,
 * when it is missing or older than its sources. Built into a fresh folder, then swapped in by rename, so
 * two test processes never see half a build.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../vite.renderer.config';
import { REPO_ROOT } from './engine';

// Not under .tmp/: serveStatic refuses any path with a dot-folder in it, its root included.
export const OVERLAY_BUILD_DIR = join(REPO_ROOT, 'out', 'overlay-test-build');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function ensureOverlayBuild(): Promise<string> {
  const html = join(OVERLAY_BUILD_DIR, 'overlay.html');
  const sources = Math.max(
    newest(join(REPO_ROOT, 'renderer', 'overlay')),
    newest(join(REPO_ROOT, 'renderer', 'overlay.html')),
    newest(join(REPO_ROOT, 'shared')),
  );
  if (existsSync(html) && statSync(html).mtimeMs >= sources) return OVERLAY_BUILD_DIR;
  mkdirSync(join(REPO_ROOT, 'out'), { recursive: true });
  const fresh = `${OVERLAY_BUILD_DIR}.${process.pid}.${Date.now()}`;
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    plugins: [],
    build: {
      ...rendererConfig.build,
      outDir: fresh,
      emptyOutDir: true,
      rollupOptions: { input: { overlay: resolve(REPO_ROOT, 'renderer/overlay.html') } },
    },
  });
  rmSync(OVERLAY_BUILD_DIR, { recursive: true, force: true });
  try {
    renameSync(fresh, OVERLAY_BUILD_DIR);
  } catch {
    rmSync(fresh, { recursive: true, force: true }); // another process won the race: use its build
  }
  return OVERLAY_BUILD_DIR;
}
