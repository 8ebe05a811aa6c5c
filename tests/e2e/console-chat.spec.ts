/**
 * The chat panel's behaviour under the page's own feed path (the `?bench` hook hands batches to the
 * same FeedBuffer the engine's `feed` event feeds), against the real engine for everything else.
 * Real chat from the demo room is covered by console-show.spec.ts.
 */
import { expect, type Page, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

let engine: EngineProcess;
test.beforeAll(async () => {
  engine = await startEngineProcess();
});
test.afterAll(async () => {
  await engine?.dispose();
});

/** Pushes `count` comments starting at `from`; every third is a question, every tenth from "troll". */
async function pushChat(page: Page, from: number, count: number, text?: string) {
  await page.evaluate(
    ({ from, count, text }) => {
      const chat = [];
      for (let n = from; n < from + count; n++) {
        chat.push({
          id: `t-${n}`,
          seq: n,
          at: Date.now(),
          kind: 'chat',
          source: 'gateway',
          platform: 'test',
          actor: n % 10 === 0 ? { id: 'troll', name: '捣乱的' } : { id: `u${n % 7}`, name: `观众${n % 7}` },
          text: text ?? `第${n}条${n % 3 === 0 ? '，多少钱？' : ''}`,
          linkNo: null,
          productId: null,
          intent: 'other',
          question: n % 3 === 0,
        });
      }
      (globalThis as unknown as { maishouBench: { push(b: unknown): void } }).maishouBench.push({ chat, orders: [] });
    },
    { from, count, text },
  );
}

test('chat follows the newest, holds still while reading with an "N new" button, filters and hides', async ({
  page,
}) => {
  await page.goto(`${engine.url}/live?bench=1#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const chat = page.getByTestId('chat');
  const scroll = page.getByTestId('chat-scroll');

  await pushChat(page, 1, 300);
  await expect(chat.getByText('第299条', { exact: true })).toBeVisible();
  // Only what is visible is rendered.
  expect(await chat.locator('.chat-row').count()).toBeLessThan(60);

  // Reading older messages: the list holds still and counts what is new.
  await scroll.hover();
  await page.mouse.wheel(0, -2000);
  await expect(page.getByTestId('new-messages')).toBeVisible();
  await pushChat(page, 301, 25);
  await expect(page.getByTestId('new-messages')).toHaveText('25 条新消息 ↓');
  await expect(chat.getByText('第325条', { exact: true })).toHaveCount(0);
  await page.getByTestId('new-messages').click();
  await expect(chat.getByText('第325条', { exact: true })).toBeVisible();
  await expect(page.getByTestId('new-messages')).toHaveCount(0);

  // Questions only.
  await chat.getByRole('button', { name: '提问' }).click();
  await expect(chat.locator('.chat-row').last()).toContainText('多少钱');
  expect(await chat.locator('.chat-row:not(.chat-row--question)').count()).toBe(0);
  await chat.getByRole('button', { name: '全部' }).click();

  // Hide a user on this device, by keyboard.
  const trollRow = chat.locator('.chat-row', { hasText: '捣乱的' }).last();
  await trollRow.getByRole('button', { name: '在本机屏蔽 捣乱的 的消息' }).focus();
  await page.keyboard.press('Enter');
  await expect(chat.locator('.chat-row', { hasText: '捣乱的' })).toHaveCount(0);
  await pushChat(page, 340, 1); // 340 is the troll's
  await pushChat(page, 341, 1);
  await expect(chat.getByText('第341条', { exact: true })).toBeVisible();
  await expect(chat.getByText('第340条', { exact: true })).toHaveCount(0);
  await chat.getByText('已屏蔽 1 人').click();
  await chat.getByRole('button', { name: '取消屏蔽' }).click();
  await expect(chat.getByText('第340条', { exact: true })).toBeVisible();
});

test('text from the network is shown as text, never as HTML', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${engine.url}/live?bench=1#token=${engine.controlToken}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const evil = '<img src=x onerror=alert(1)><b>粗体</b>';
  await pushChat(page, 1, 1, evil);
  const chat = page.getByTestId('chat');
  await expect(chat.getByText(evil, { exact: true })).toBeVisible();
  await expect(chat.locator('.chat-row img, .chat-row b')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
