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

test('the host invites an assistant with a link and QR code, sees it connect, and revokes it', async ({
  page,
  browser,
}) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const panel = page.getByTestId('seats-panel');
  await panel.getByLabel('名称').fill('小王的手机');
  await panel.getByRole('button', { name: '添加场控席位' }).click();
  const invite = page.getByTestId('seat-invite');
  await expect(invite.getByRole('img', { name: '小王的手机 的席位二维码' })).toBeVisible();
  const url = await invite.getByLabel('席位链接').inputValue();
  expect(url).toMatch(/\/live#token=/);
  await page.screenshot({ path: `${shots}/settings-seats-zh.png`, fullPage: true });

  // The assistant opens the link on "another device" (a separate browser context, phone-sized).
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const assistant = await phone.newPage();
  await assistant.goto(url.replace('http://127.0.0.1', engine.url.replace(/:\d+$/, '')));
  await expect(assistant.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(assistant.locator('.seat-role')).toHaveText('场控');
  // An assistant pins (big buttons on the phone) but never starts or ends sessions, or manages seats.
  await expect(assistant.getByRole('button', { name: '下一个 ▶' })).toBeVisible();
  await expect(assistant.getByRole('button', { name: /开始场次|结束场次/ })).toHaveCount(0);
  await assistant.screenshot({ path: `${shots}/live-phone-assistant-zh.png`, fullPage: true });
  await assistant.goto(`${engine.url}/settings`);
  await expect(assistant.getByTestId('seats-panel')).toHaveCount(0);

  const row = page.getByTestId('seat-list').getByRole('row', { name: /小王的手机/ });
  await expect(row).toContainText('在线');
  await row.getByRole('button', { name: '撤销席位 小王的手机' }).click();
  await expect(assistant.getByTestId('connection')).toHaveAttribute('data-status', 'unauthorized');
  await expect(page.getByTestId('seat-list')).not.toContainText('小王的手机');
  await phone.close();
});

test('a viewer seat is read-only: no pin, session or moderation buttons', async ({ page, browser }) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('seats-panel').getByRole('button', { name: '添加只读席位' }).click();
  const url = await page.getByTestId('seat-invite').getByLabel('席位链接').inputValue();
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await viewer.goto(url);
  await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(viewer.locator('.seat-role')).toHaveText('只读');
  await expect(viewer.getByTestId('run-of-show')).toBeVisible();
  await expect(viewer.getByRole('button', { name: /讲解|开始场次|下一个/ })).toHaveCount(0);
  await context.close();
});

test('a bridge token shows its endpoint and token (no QR), and its script can post events and nothing else', async ({
  page,
}) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const panel = page.getByTestId('seats-panel');
  await panel.getByLabel('名称').fill('弹幕脚本');
  await panel.getByRole('button', { name: '添加桥接令牌' }).click();
  const invite = page.getByTestId('seat-invite');
  await expect(invite).toContainText('弹幕脚本');
  await expect(invite.getByRole('img')).toHaveCount(0);
  const endpoint = await invite.getByLabel('席位链接').inputValue();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/bridge\/events$/);
  const token = await invite.getByLabel('桥接令牌').inputValue();
  expect(token.length).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: `${shots}/settings-bridge-token-zh.png`, fullPage: true });

  // What the user's script then does, with exactly what the panel showed.
  const event = {
    id: 'e2e-bridge-1',
    platform: 'xhs',
    occurredAt: Date.now(),
    kind: 'chat',
    data: { text: '有S码吗' },
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const posted = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify([event]) });
  expect(posted.status).toBe(200);
  expect(await posted.json()).toEqual({ accepted: 1, duplicates: 0 });
  const seatsList = await fetch(`${engine.url}/api/v1/seats`, { headers });
  expect(seatsList.status).toBe(403);
});

test('the hotkeys recorder saves an accelerator the desktop shell registers', async ({ page }) => {
  await page.goto(`${engine.url}/settings?lang=en#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const field = page.getByLabel('Pin next');
  await field.focus();
  await page.keyboard.press('Control+Alt+KeyN');
  await expect(field).toHaveValue('CommandOrControl+Alt+N');
  await page.getByTestId('hotkeys-panel').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('toasts')).toContainText('Saved');
  await page.reload();
  await expect(page.getByLabel('Pin next')).toHaveValue('CommandOrControl+Alt+N');
});

test('the invite QR code hides itself after a minute and shows again on request', async ({ page }) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await page.clock.install(); // the page's timers from here on run on the test's clock
  const panel = page.getByTestId('seats-panel');
  await panel.getByLabel('名称').fill('收银台平板');
  await panel.getByRole('button', { name: '添加只读席位' }).click();
  const invite = page.getByTestId('seat-invite');
  const qr = invite.getByRole('img', { name: '收银台平板 的席位二维码' });
  await expect(qr).toBeVisible();
  await page.clock.runFor(59_000);
  await expect(qr).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(qr).toHaveCount(0);
  const again = invite.getByRole('button', { name: '二维码已自动隐藏，点此再显示一分钟' });
  await again.focus(); // reachable by keyboard
  await page.keyboard.press('Enter');
  await expect(qr).toBeVisible();
  await page.clock.runFor(61_000);
  await expect(qr).toHaveCount(0);
});
