import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

let engine: EngineProcess;

test.beforeAll(async () => {
  engine = await startEngineProcess();
});
test.afterAll(async () => {
  await engine?.dispose();
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('a host seat connects and shows the console in Chinese by default', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('connection')).toHaveText('已连接');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('直播控制台');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' })).toContainText('场次复盘');
  // The token left the address bar (it stays out of history and screenshots).
  expect(page.url()).not.toContain(engine.controlToken);
  await page.screenshot({ path: `${shots}/shell-zh.png` });
  expect(errors).toEqual([]);
});

test('English is one choice away and is remembered', async ({ page }) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await page.getByLabel('界面语言').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.keyboard.press('Tab');
  await page.screenshot({ path: `${shots}/shell-en.png` });
});

test('a bad token is told so in words and never connects', async ({ page }) => {
  await page.goto(`${engine.url}/live#token=not-a-real-token-at-all`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'unauthorized');
  await expect(page.getByTestId('connection')).toContainText('令牌无效');
});

test('the console shows the outage and recovers when the engine restarts', async ({ page }) => {
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await engine.stop();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'reconnecting');
  await expect(page.getByTestId('connection')).toContainText('正在重连');
  await engine.restart();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
});
