import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { startObs } from '../harness/obs';

type Obs = Awaited<ReturnType<typeof startObs>>;
let obs: Obs;
let engine: EngineProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  obs = await startObs();
  engine = await startEngineProcess({ args: ['--obs', obs.url, '--obs-password', obs.password] });
});
test.afterAll(async () => {
  await engine?.dispose();
  await obs?.stop();
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('the top bar follows a real OBS: state in words, scenes, REC with its duration, stop after confirming', async ({
  page,
}) => {
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  const status = page.getByTestId('obs-status');
  await expect(status).toHaveAttribute('data-status', 'identified', { timeout: 30_000 });
  await expect(status).toHaveText('OBS 已连接');
  await expect(page.getByTestId('obs-live')).toHaveText('未开播');
  await expect(page.getByTestId('obs-bar')).toContainText('CPU');

  // Program preview: a real thumbnail from OBS.
  await expect(page.getByTestId('program-preview').getByRole('img')).toHaveAttribute('src', /^data:image\//, {
    timeout: 15_000,
  });

  // Record: REC appears and counts up.
  await page.getByRole('button', { name: '开始录制' }).click();
  const rec = page.getByTestId('obs-rec');
  await expect(rec).toBeVisible({ timeout: 15_000 });
  await expect(rec).toContainText(/00:0[1-9]/, { timeout: 10_000 });
  await page.screenshot({ path: `${shots}/live-obs-recording-zh.png` });

  // Stopping asks first; cancelling changes nothing.
  await page.getByRole('button', { name: '停止录制' }).click();
  const dialog = page.getByRole('dialog', { name: '停止录制？' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(rec).toBeVisible();
  await page.getByRole('button', { name: '停止录制' }).click();
  await dialog.getByRole('button', { name: '停止录制' }).click();
  await expect(rec).toHaveCount(0, { timeout: 15_000 });

  // OBS goes away: the bar says so in words; it comes back on its own.
  await obs.kill();
  await expect(status).not.toHaveAttribute('data-status', 'identified', { timeout: 15_000 });
  await expect(status).toContainText('OBS');
  await obs.restart();
  await expect(status).toHaveAttribute('data-status', 'identified', { timeout: 45_000 });
});
