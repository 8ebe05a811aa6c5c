/**
 * Step 4 of the go-live setup, the local bridge: the host picks "本机桥接", which leaves the demo room
 * for bridges only (no gateway, no simulated audience), creates a bridge token and gets the push address,
 * the token and a curl line to paste; a program posting to that address with that token (here: this test,
 * as a script would) is seen arriving. A Social Stream Ninja session is connected from the same step to a
 * FAKE relay (tests/harness/fake-ssn-relay.ts: the real one is on the internet). After a restart the
 * console's chat list waits for bridge events, hears no simulated chat, and shows what a bridge posts.
 * Screenshots: zh and en at 1366×768, and zh at 125 % zoom.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { StatusResponse as Status } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { type FakeSsnRelay, startFakeSsnRelay } from '../harness/fake-ssn-relay';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

let engine: EngineProcess;
let relay: FakeSsnRelay;
/** The bridge token the first test made, as the host's program keeps it. */
let bridgeToken = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  relay = await startFakeSsnRelay();
  engine = await startEngineProcess({ firstRun: true });
});
test.afterAll(async () => {
  await engine?.dispose();
  await relay?.close();
});

/** Opens step 4, where `chosen` is the live room the step starts on, and picks the local bridge. */
async function openRoomStep(page: Page, chosen: 'demo' | 'bridge'): Promise<void> {
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  await expect(page.getByTestId('setup-wizard')).toBeVisible();
  await page.getByTestId('setup-step-room').click();
  await expect(page.getByTestId(`setup-room-${chosen}`)).toBeChecked();
  await page.getByTestId('setup-room-bridge').check();
}

test('the live room step sets up a local bridge: token, address and what to paste, then events arrive', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // A fresh studio: the demo room is the default choice; picking the local bridge leaves it at once.
  await openRoomStep(page, 'demo');
  await expect(page.getByTestId('setup-bridge-mode')).toHaveAttribute('data-kind', 'local');
  await expect(page.getByTestId('setup-bridge-mode')).toContainText('仅本机桥接：不连网关，没有模拟观众');
  await expect(page.getByTestId('setup-bridge')).not.toContainText('模拟观众还在发言');
  await expect
    .poll(async () => ((await (await engine.api('/status')).json()) as Status).gateway)
    .toEqual({
      connected: false,
      lastSeq: 0,
    });
  await page.getByTestId('setup-bridge-create').click();
  const url = await page.getByTestId('setup-bridge-url').inputValue();
  const token = await page.getByTestId('setup-bridge-token').inputValue();
  bridgeToken = token;
  expect(url).toBe(`${engine.url}/api/v1/bridge/events`);
  expect(token.length).toBeGreaterThan(20);
  await expect(page.getByTestId('setup-bridge-curl')).toContainText(`Authorization: Bearer ${token}`);
  await expect(page.getByTestId('setup-bridge-curl')).toContainText(url);
  await expect(page.getByTestId('setup-bridge-state')).toHaveText('等待第一条事件…');
  await page.screenshot({ path: `${shots}/setup-room-bridge-zh.png`, fullPage: true });

  // The token is a bridge token: it may post events and nothing else.
  const denied = await engine.api('/status', { token });
  expect(denied.status).toBe(403);
  // A program on this computer pastes the address and the token, and posts a comment.
  const posted = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      { id: 'wizard-c1', platform: 'xhs', occurredAt: null, kind: 'chat', data: { text: '3号有S码吗' } },
    ]),
  });
  expect(posted.status).toBe(200);
  expect(await posted.json()).toEqual({ accepted: 1, duplicates: 0 });
  await expect(page.getByTestId('setup-bridge-state')).toContainText('已收到事件', { timeout: 15_000 });

  // Social Stream Ninja: a bad session ID is refused in words and adds nothing.
  await page.getByTestId('setup-ssn-session').fill('wizard1');
  await page.getByTestId('setup-ssn-relay').fill('http://not-a-relay');
  await page.getByRole('button', { name: '连接 SSN' }).click();
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'ws://' })).toBeVisible();
  expect(((await (await engine.api('/bridges')).json()) as { bridges: unknown[] }).bridges).toEqual([]);
  // The right one joins the relay as a listener and says so.
  await page.getByTestId('setup-ssn-relay').fill(relay.url);
  await page.getByRole('button', { name: '连接 SSN' }).click();
  await expect(page.getByTestId('setup-ssn-state')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(page.getByTestId('setup-ssn-state')).toContainText('已连接');
  expect(relay.listeners('wizard1', 4)).toBe(1);
  await expect(page.getByTestId('setup-step-room')).toHaveAttribute('data-done', 'true');
  await page.screenshot({ path: `${shots}/setup-room-ssn-zh.png`, fullPage: true });

  await page.getByTestId('setup-language').selectOption('en');
  await expect(page.getByTestId('setup-ssn-state')).toContainText('Connected');
  await expect(page.getByTestId('setup-bridge-state')).toContainText('Events arriving');
  await page.screenshot({ path: `${shots}/setup-room-bridge-en.png`, fullPage: true });
  await page.getByTestId('setup-language').selectOption('zh-CN');
});

test('the local bridge choice at 125 % zoom: reachable by keyboard, nothing cut off', async ({ browser }) => {
  // 125 %: the 1366×768 screen seen as 1093×614 CSS pixels at a device scale of 1.25.
  const context = await browser.newContext({ viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25 });
  const page = await context.newPage();
  // The first test added bridges: the step opens on the local bridge (run alone, on the demo room).
  const { bridges } = (await (await engine.api('/bridges')).json()) as { bridges: unknown[] };
  await openRoomStep(page, bridges.length > 0 ? 'bridge' : 'demo');
  await page.getByTestId('setup-bridge-create').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('setup-bridge-token')).toBeVisible();
  const overflow = Number(
    await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shots}/setup-room-bridge-zh-125.png`, fullPage: true });
  await context.close();
});

test('Settings adds a Social Stream Ninja bridge by keyboard with the same form, lists its state, and removes it', async ({
  page,
}) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  // This engine is on its first run: the setup opens over every page until it is put off.
  await page.getByRole('button', { name: '稍后再说' }).click();
  const panel = page.getByTestId('bridges-panel');
  await expect(panel).toBeVisible();
  const rows = panel.getByTestId('bridge-row');
  const before = await rows.count();
  await panel.getByLabel('SSN 会话 ID').fill('settings1');
  await panel.getByTestId('settings-ssn-relay').fill(relay.url);
  await panel.getByTestId('settings-ssn-relay').press('Enter');
  await expect(page.getByText('已添加桥接')).toBeVisible();
  await expect(rows).toHaveCount(before + 1);
  const row = rows.last();
  await expect(row).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  expect(relay.listeners('settings1', 4)).toBe(1);
  // The session ID is as good as a password: the list names the bridge without it, and the form is cleared.
  await expect(panel).not.toContainText('settings1');
  await expect(panel.getByTestId('settings-ssn-session')).toHaveValue('');
  await row.getByRole('button').click();
  await expect(rows).toHaveCount(before);
});

test('Settings offers the same three live rooms, bridges only chosen, by keyboard', async ({ page }) => {
  await page.goto(`${engine.url}/settings#token=${engine.controlToken}`);
  await page.getByRole('button', { name: '稍后再说' }).click();
  const panel = page.getByTestId('gateway-panel');
  await expect(panel).toContainText('仅本机桥接（不连网关）');
  await expect(panel).toContainText('直播间：仅本机桥接');
  for (const kind of ['demo', 'remote', 'local']) await expect(panel.getByTestId(`gateway-kind-${kind}`)).toBeVisible();
  await expect(panel.getByTestId('gateway-kind-local')).toBeChecked();
  await expect(panel.getByTestId('gateway-local-hint')).toBeVisible();
  // Arrow keys move between the choices; the form follows; nothing is applied until the button.
  await panel.getByTestId('gateway-kind-local').focus();
  await page.keyboard.press('ArrowUp');
  await expect(panel.getByTestId('gateway-kind-remote')).toBeChecked();
  await expect(panel.getByLabel('网关地址')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByTestId('gateway-apply')).toHaveText('只用本机桥接');
  await panel.getByTestId('gateway-apply').focus();
  await expect(panel.getByTestId('gateway-apply')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已保存')).toBeVisible();
  await page.screenshot({ path: `${shots}/settings-gateway-local-zh.png`, fullPage: true });
});

test('after a restart the console hears no simulated chat: its empty list waits for the bridges, then shows a post', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await engine.restart();
  expect(engine.gateway).toBe('local');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${engine.url}/live#token=${engine.controlToken}`);
  await page.getByRole('button', { name: '稍后再说' }).click();
  const list = page.getByTestId('chat-scroll');
  await expect(page.getByTestId('chat-empty')).toHaveText(
    '仅本机桥接 · 等待桥接事件：本机的脚本或 Social Stream Ninja 推来的评论会显示在这里',
  );
  await expect(page.getByTestId('gateway-status')).toHaveText('直播间：仅本机桥接 · 等待桥接事件');
  await expect(page.getByTestId('sources-local')).toContainText('仅本机桥接');
  // A demo room would have talked by now; bridges only stays silent.
  await page.waitForTimeout(3_000);
  await expect(list.locator('.chat-row')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/console-bridges-only-empty-zh.png`, fullPage: true });
  await page.evaluate(() => localStorage.setItem('maishou.language', 'en'));
  await page.reload();
  await page.getByRole('button', { name: 'Later' }).click();
  await expect(page.getByTestId('chat-empty')).toContainText('Local bridges only · waiting for bridge events');
  await expect(page.getByTestId('gateway-status')).toHaveText(
    'Live room: local bridges only · waiting for bridge events',
  );
  await page.screenshot({ path: `${shots}/console-bridges-only-empty-en.png`, fullPage: true });
  await page.evaluate(() => localStorage.setItem('maishou.language', 'zh-CN'));
  await page.reload();
  await page.getByRole('button', { name: '稍后再说' }).click();

  const posted = await engine.api('/bridge/events', {
    method: 'POST',
    token: bridgeToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([
      {
        id: 'console-c1',
        platform: 'xhs',
        occurredAt: null,
        actor: { id: 'u1', name: '小鹿' },
        kind: 'chat',
        data: { text: '5号还有M码吗' },
      },
    ]),
  });
  expect(posted.status).toBe(200);
  await expect(list.locator('.chat-row')).toHaveCount(1);
  await expect(list.locator('.chat-row')).toContainText('5号还有M码吗');
  await expect(page.getByTestId('chat-empty')).toHaveCount(0);
  await expect(page.getByTestId('gateway-status')).toHaveText('直播间：仅本机桥接 · 桥接事件已到达');
  await page.waitForTimeout(2_000);
  await expect(list.locator('.chat-row')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/console-bridges-only-chat-zh.png`, fullPage: true });
});
