// `npm test`: every check and test the project has, in order: types, lint, the renderer build, vitest
// (unit + integration with real OBS, Redis, SQLite, sockets), Playwright in Chromium. Ends with one line
// `N passed, M failed` counting tests of both runners; exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const env = {
  ...process.env,
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  ...(process.env.CI ? { NO_COLOR: '1' } : {}),
};

const only = process.argv.slice(2);
const steps = [
  ['types', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json']],
  ['types (web)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.web.json']],
  ['lint', [bin('@biomejs/biome', 'bin/biome'), 'check', '.']],
  ['build console', [bin('vite', 'bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']],
  [
    'vitest',
    [
      bin('vitest', 'vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${join(results, 'vitest.json')}`,
    ],
  ],
  ['playwright', [bin('@playwright/test', 'cli.js'), 'test']],
].filter(([name]) => only.length === 0 || only.some((o) => name.startsWith(o)));

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const [name, args] of steps) {
  process.stdout.write(`\n=== ${name}\n`);
  if (name === 'vitest') rmSync(join(results, 'vitest.json'), { force: true });
  if (name === 'playwright') rmSync(join(results, 'e2e-results.json'), { force: true });
  const started = Date.now();
  const status = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status;
  process.stdout.write(
    `=== ${name}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (status !== 0) failedSteps.push(name);
  if (name === 'vitest' && existsSync(join(results, 'vitest.json'))) {
    const report = JSON.parse(readFileSync(join(results, 'vitest.json'), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (name === 'playwright' && existsSync(join(results, 'e2e-results.json'))) {
    const { stats } = JSON.parse(readFileSync(join(results, 'e2e-results.json'), 'utf8'));
    passed += stats.expected + (stats.flaky ?? 0);
    failed += stats.unexpected;
  }
}
if (failedSteps.length > 0) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
// A failed step that ran no countable test (types, lint, build) still counts as a failure.
const stepFailures = failedSteps.filter((s) => s !== 'vitest' && s !== 'playwright').length;
process.stdout.write(`\n${passed} passed, ${failed + stepFailures} failed\n`);
process.exit(failedSteps.length > 0 ? 1 : 0);
