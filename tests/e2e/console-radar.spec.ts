import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

let engine: EngineProcess;
test.beforeAll(async () => {
  engine = await startEngineProcess({ args: ['--demo-speed', '40'] });
});
test.afterAll(async () => {
  await engine?.dispose();
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('the radar groups questions on the desktop console, and demand suggests what to pin', async ({ page }) => {
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  const questions = page.getByTestId('questions');
  await expect(questions.locator('.questions__group').first()).toBeVisible({ timeout: 45_000 });
  await expect(questions.locator('.questions__group').first()).toContainText('人问');

  const demand = page.getByTestId('demand');
  await expect(demand).toBeVisible({ timeout: 45_000 });
  await expect(demand.locator('.chip').first()).toHaveText(/^\d+号$/);
  await page.screenshot({ path: `${shots}/live-radar-zh.png` });

  // Mark a group answered: it leaves the open list.
  const first = questions.locator('.questions__group').first();
  const text = await first.locator('.muted').textContent();
  await first.getByRole('button', { name: /标记为已回答/ }).click();
  if (text)
    await expect(questions.locator('.questions__group .muted', { hasText: text })).toHaveCount(0, { timeout: 5_000 });

  // When viewers ask for something other than what is pinned, one click pins it.
  const suggestion = page.getByTestId('demand-suggestion');
  await expect(suggestion).toBeVisible({ timeout: 45_000 });
  const label = await suggestion.textContent();
  const linkNo = Number(/(\d+)/.exec(label ?? '')?.[1]);
  await suggestion.click();
  const products = (await (await engine.api('/products')).json()) as {
    products: { productId: string; linkNo: number }[];
  };
  const expected = products.products.find((p) => p.linkNo === linkNo)?.productId;
  await expect(page.getByTestId('pinned-card')).toHaveAttribute('data-product-id', expected ?? 'missing');
});
