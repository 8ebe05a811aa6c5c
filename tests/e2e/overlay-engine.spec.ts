import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

let engine: EngineProcess;
test.beforeAll(async () => {
  engine = await startEngineProcess({ args: ['--demo-speed', '20'] });
});
test.afterAll(async () => {
  await engine?.dispose();
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('the product overlay of the real engine follows pins made over the control API', async ({ page }) => {
  expect((await fetch(`${engine.url}/overlay/product`)).status).toBe(401);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${engine.url}/overlay/product?token=${engine.overlayToken}`);
  await expect(page.locator('body')).toHaveAttribute('data-status', 'live');
  const products = (await (await engine.api('/products')).json()) as {
    products: { productId: string; title: string }[];
  };
  const [first, second] = products.products;

  await engine.api('/pin', { method: 'POST', body: JSON.stringify({ productId: first.productId }) });
  const card = page.locator('.card:not(.leaving)');
  await expect(card.locator('.title')).toHaveText(first.title);
  await expect(card.locator('.live-pill')).toHaveText('讲解中');
  await page.screenshot({ path: `${shots}/overlay-engine-product.png` });

  await engine.api('/pin/next', { method: 'POST' });
  await expect(card.locator('.title')).toHaveText(second.title);
  await engine.api('/unpin', { method: 'POST' });
  await expect(page.locator('.card:not(.leaving)')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the orders overlay shows masked buyers from the demo room', async ({ page }) => {
  await page.goto(`${engine.url}/overlay/orders?token=${engine.overlayToken}`);
  await expect(page.locator('body')).toHaveAttribute('data-status', 'live');
  await engine.api('/pin/next', { method: 'POST' });
  await expect(page.locator('body')).toContainText('*', { timeout: 30_000 });
  await page.screenshot({ path: `${shots}/overlay-engine-orders.png` });
});
