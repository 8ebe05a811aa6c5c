// Keep every tool that writes into ~/.config, ~/.cache or ~/.local/share inside a per-run temp dir.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = join(tmpdir(), `maishou-test-${process.pid}`);
for (const [key, sub] of [
  ['XDG_CONFIG_HOME', 'config'],
  ['XDG_CACHE_HOME', 'cache'],
  ['XDG_DATA_HOME', 'data'],
] as const) {
  if (!process.env[key]?.includes('maishou-test-')) {
    const dir = join(base, sub);
    mkdirSync(dir, { recursive: true });
    process.env[key] = dir;
  }
}
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
