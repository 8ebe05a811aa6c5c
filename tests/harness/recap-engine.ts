/**
 * For a Playwright spec: the recap fixture (recap-fixture.ts) under a real headless engine, started before
 * the file's tests and removed after them.
 */
import { rmSync } from 'node:fs';
import { test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from './engine';
import { buildRecapFixture, type RecapFixture } from './recap-fixture';

export function recapEngine(): { readonly engine: EngineProcess; readonly fx: RecapFixture } {
  const held = {} as { engine: EngineProcess; fx: RecapFixture };
  test.beforeAll(async () => {
    held.fx = await buildRecapFixture();
    held.engine = await startEngineProcess({ dataDir: held.fx.dataDir });
  });
  test.afterAll(async () => {
    await held.engine?.dispose();
    if (held.fx) rmSync(held.fx.dataDir, { recursive: true, force: true });
  });
  return held;
}
