/**
 * A show end to end in the console, against the real headless engine with the demo room: import the
 * sample catalogue, start a session, pin products with the mouse and with shortcuts, watch chat and
 * orders arrive, end the session, and check the figures on screen against the stats API. Then the
 * engine restarts under the console. Screenshots (zh-CN, en, phone, 125% zoom) go to test-results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Figures } from '../../shared/contract';
import { formatMoney } from '../../shared/money';
import { type EngineProcess, REPO_ROOT, startEngineProcess } from '../harness/engine';

let engine: EngineProcess;
const scratch = mkdtempSync(join(tmpdir(), 'maishou-console-show-'));

test.beforeAll(async () => {
  engine = await startEngineProcess({ args: ['--demo', '--demo-speed', '20'] });
});
test.afterAll(async () => {
  await engine?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});
test.describe.configure({ mode: 'serial' });

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const catalogue = join(REPO_ROOT, 'tests/fixtures/catalogue.csv');

async function open(page: Page, path: string) {
  await page.goto(`${engine.url}${path}#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
}

let total = 0;
const pinnedId = (page: Page) => page.getByTestId('pinned-card').getAttribute('data-product-id');

test('import, session, pins by mouse and keyboard, chat and orders, end; figures match the stats API', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Import: a file with a bad row shows the line; the sample catalogue imports whole.
  await open(page, '/products');
  const bad = join(scratch, 'bad.csv');
  writeFileSync(bad, '商品编码,商品名称,价格,原价,库存,图片\nX-1,好商品,99.00,,5,\nX-2,坏价格,九十九,,5,\n');
  // The demo room comes with its own catalogue; imports add to it.
  const tableRows = page.getByTestId('products-table').locator('tbody tr');
  await expect(tableRows.first()).toBeVisible();
  const demoProducts = await tableRows.count();
  await page.getByLabel(/选择 CSV 或 Excel/).setInputFiles(bad);
  await expect(page.getByTestId('import-errors')).toContainText('第 3 行');
  await page.getByLabel(/选择 CSV 或 Excel/).setInputFiles(catalogue);
  await expect(page.getByTestId('import-result')).toContainText('已导入 30 个商品');
  await expect(tableRows).toHaveCount(demoProducts + 31);
  total = demoProducts + 31;

  await page.getByRole('link', { name: '直播' }).click();
  const rows = page.getByTestId('product-row');
  await expect(rows).toHaveCount(total);

  // Session.
  await page.getByRole('button', { name: '开始场次' }).click();
  await expect(page.getByTestId('session-control')).toHaveAttribute('data-running', 'true');

  // Pin with the mouse, then shortcuts.
  const ids = await rows.evaluateAll((els) =>
    els.map((e) => (e as unknown as { dataset: { productId?: string } }).dataset.productId ?? ''),
  );
  await rows
    .nth(1)
    .getByRole('button', { name: /^讲解 / })
    .click();
  await expect.poll(() => pinnedId(page)).toBe(ids[1]);
  await expect(rows.nth(1)).toHaveAttribute('data-pinned', 'true');
  await expect(rows.nth(1).getByTestId('pinned-info')).toContainText('已讲解');
  await page.locator('body').press('Alt+ArrowRight');
  await expect.poll(() => pinnedId(page)).toBe(ids[2]);
  await page.locator('body').press(']');
  await expect.poll(() => pinnedId(page)).toBe(ids[3]);
  await page.locator('body').press('Alt+ArrowLeft');
  await expect.poll(() => pinnedId(page)).toBe(ids[2]);

  // A 秒杀 countdown and a stock limit on the card.
  await page.getByTestId('pinned-card').getByText('秒杀倒计时与限量').click();
  await page.getByLabel('秒杀倒计时（秒）').fill('120');
  await page.getByLabel('限量件数').fill('50');
  await page.getByRole('button', { name: '应用到卡片' }).click();
  await expect(page.getByTestId('countdown')).toContainText('秒杀 0');
  await expect(page.getByTestId('pinned-card')).toContainText('限量 50');

  // Chat and orders from the demo room.
  const chat = page.getByTestId('chat');
  await expect(chat.locator('.chat-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('orders').locator('li').first()).toBeVisible({ timeout: 60_000 });
  await chat.getByRole('button', { name: '提问' }).click();
  await expect(chat.locator('.chat-row--question').first()).toBeVisible({ timeout: 30_000 });
  await chat.getByRole('button', { name: '全部' }).click();
  await page.screenshot({ path: `${shots}/live-show-zh.png` });

  await page.locator('body').press('Alt+0');
  await expect(page.getByTestId('pinned-card')).toContainText('当前没有讲解的商品');

  // End the session (confirmed), then compare every figure on screen with the stats API.
  await page.getByRole('button', { name: '结束场次' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '结束场次' }).click();
  await expect(page.getByTestId('session-control')).toHaveAttribute('data-running', 'false');
  const sessions = (await (await engine.api('/sessions')).json()) as { sessions: { id: string }[] };
  const stats = (await (await engine.api(`/sessions/${sessions.sessions[0].id}/stats`)).json()) as {
    figures: Figures;
  };
  const figure = (key: string) => page.getByTestId('figures').locator(`[data-figure="${key}"] dd`);
  await expect(figure('paidGmv')).toHaveAttribute('title', formatMoney(stats.figures.paidGmv, 'zh-CN'));
  await expect(figure('settledGmv')).toHaveAttribute('title', formatMoney(stats.figures.settledGmv, 'zh-CN'));
  await expect(figure('orders')).toHaveText(stats.figures.orders.toLocaleString('zh-CN'));
  await expect(figure('buyers')).toHaveText(stats.figures.buyers.toLocaleString('zh-CN'));
  const peak = stats.figures.peakViewers;
  await expect(figure('peakViewers')).toHaveText(peak === null ? '—' : peak.toLocaleString('zh-CN'));
  expect(errors).toEqual([]);
});

test('a pin made against an old version is refused in words and the console shows the latest pin', async ({ page }) => {
  // Hold back the engine's patches to this page, so its pin version falls behind another seat's change.
  let holdPatches = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (holdPatches && typeof message === 'string' && message.includes('"patch"')) return;
      ws.send(message);
    });
  });
  await open(page, '/live');
  const rows = page.getByTestId('product-row');
  await expect(rows).toHaveCount(total);
  await rows
    .nth(5)
    .getByRole('button', { name: /^讲解 / })
    .click();
  const ids = await rows.evaluateAll((els) =>
    els.map((e) => (e as unknown as { dataset: { productId?: string } }).dataset.productId ?? ''),
  );
  await expect.poll(() => pinnedId(page)).toBe(ids[5]);

  holdPatches = true;
  const other = (await (await engine.api('/pin/next', { method: 'POST', body: '{}' })).json()) as {
    pinned: { productId: string };
  };
  expect(other.pinned.productId).toBe(ids[6]);
  await expect.poll(() => pinnedId(page)).toBe(ids[5]); // this seat has not heard of it
  await rows
    .nth(9)
    .getByRole('button', { name: /^讲解 / })
    .click();
  await expect(page.getByTestId('toasts')).toContainText('刚刚被其他席位改过，已更新为最新');
  await expect.poll(() => pinnedId(page)).toBe(ids[6]);
  holdPatches = false;
});

test('screenshots: en at 1366x768, 125% zoom, and a phone', async ({ page, browser }) => {
  await open(page, '/live?lang=en');
  await expect(page.getByTestId('product-row')).toHaveCount(total);
  await page.getByTestId('product-row').nth(4).getByRole('button', { name: /^Pin / }).click();
  await expect(page.getByTestId('pinned-card')).toHaveAttribute('data-product-id', /.+/);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${shots}/live-show-en.png` });
  await page.evaluate("document.body.style.zoom = '1.25'");
  await page.screenshot({ path: `${shots}/live-show-zh-zoom125.png` });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const mobile = await phone.newPage();
  await mobile.goto(`${engine.url}/live#token=${engine.controlToken}`);
  await expect(mobile.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(mobile.getByTestId('questions')).toBeVisible();
  await mobile.waitForTimeout(2000);
  await mobile.screenshot({ path: `${shots}/live-phone-zh.png` });
  await mobile.getByTestId('run-of-show').scrollIntoViewIfNeeded();
  await mobile.screenshot({ path: `${shots}/live-phone-zh-run-of-show.png` });
  await mobile.getByTestId('chat').scrollIntoViewIfNeeded();
  await mobile.screenshot({ path: `${shots}/live-phone-zh-chat.png` });
  await phone.close();
});

test('the engine restarts under the console: the outage is told in words and the same state comes back', async ({
  page,
}) => {
  await open(page, '/live');
  const before = await page.getByTestId('pinned-card').getAttribute('data-product-id');
  expect(before).toBeTruthy();
  await engine.stop();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'reconnecting');
  await expect(page.getByTestId('connection')).toContainText('正在重连');
  await engine.restart();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(page.getByTestId('product-row')).toHaveCount(total);
  await expect(page.getByTestId('pinned-card')).toHaveAttribute('data-product-id', before!);
});
