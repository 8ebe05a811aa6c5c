/**
 * The overlay pages in real Chromium at OBS's 1920x1080, against a real server (socket.io + the hub):
 * state from the snapshot, live changes, recovery after a restart, hostile text shown as text, and no
 * timers while idle. Screenshots land in test-results/screenshots/ to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { LINE_STEP_MS, LINES_PER_STEP } from '../../shared/overlay-pace';
import { ensureOverlayBuild } from '../harness/overlay-build';
import { cardB, comment, HOSTILE, paidTick, sampleCard } from '../harness/overlay-data';
import { type OverlayServer, startOverlayServer } from '../harness/overlay-server';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

/** A product photo stand-in (a data: URL, allowed by the overlay CSP like an https image would be). */
const PHOTO = `data:image/svg+xml;base64,${Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f6e7d0"/><stop offset="1" stop-color="#d9b98f"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><path d="M130 90 L170 70 Q200 95 230 70 L270 90 L330 150 L290 185 L270 165 L270 340 L130 340 L130 165 L110 185 L70 150 Z" fill="#fffaf0" stroke="#c9a77a" stroke-width="4"/></svg>`,
).toString('base64')}`;

let server: OverlayServer;

test.use({ viewport: { width: 1920, height: 1080 } });

test.beforeAll(async () => {
  server = await startOverlayServer({ rendererDir: await ensureOverlayBuild() });
});
test.afterAll(async () => {
  await server?.dispose();
});

/**
 * Counts the page's timers that would wake it within 10 s (every setInterval; setTimeout not yet fired).
 * socket.io's heartbeat keeps one 45 s timeout that each server ping re-arms: that one is not counted.
 */
async function trackTimers(page: Page): Promise<void> {
  // Plain JavaScript run in the page before its own scripts.
  await page.addInitScript({
    content: `(() => {
      const live = new Set();
      const si = window.setInterval.bind(window), ci = window.clearInterval.bind(window);
      const st = window.setTimeout.bind(window), ct = window.clearTimeout.bind(window);
      window.setInterval = (fn, ms, ...a) => { const id = si(fn, ms, ...a); live.add(id); return id; };
      window.clearInterval = (id) => { live.delete(id); ci(id); };
      window.setTimeout = (fn, ms, ...a) => {
        const id = st(() => { live.delete(id); typeof fn === 'function' && fn(...a); }, ms);
        if ((ms ?? 0) < 10000) live.add(id);
        return id;
      };
      window.clearTimeout = (id) => { live.delete(id); ct(id); };
      window.__timers = () => live.size;
    })();`,
  });
}

const timers = (page: Page): Promise<number> => page.evaluate('window.__timers()') as Promise<number>;
const pwned = (page: Page): Promise<unknown> => page.evaluate('document.body.dataset.pwned');

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('without a valid token the page is refused (401), not served', async ({ page }) => {
  const res = await page.goto(server.pageUrl('product', 'not-the-token-at-all'));
  expect(res?.status()).toBe(401);
  expect(await page.textContent('body')).toContain('unauthorized');
});

test('product card: snapshot, live pin change, countdown, themes; hostile text stays text', async ({ page }) => {
  const errors = consoleErrors(page);
  await trackTimers(page);
  await server.hub.setSettings({ theme: 'light', brandColor: '#ff2442', language: 'zh-CN' });
  server.hub.setProductCard(sampleCard({ image: PHOTO }));
  await page.goto(`${server.pageUrl('product')}&preview=1`);
  const card = page.locator('.card:not(.leaving)');
  await expect(card).toHaveAttribute('data-product-id', 'XHS-CL-001');
  await expect(card.locator('.title')).toHaveText('22姆米重磅真丝缎面衬衫 宽松落肩 香槟色');
  await expect(card.locator('.amount')).toHaveText('699');
  await expect(card.locator('.original')).toHaveText('¥899');
  await expect(card.locator('.zhe')).toHaveText('7.8折');
  await expect(card.locator('.stock')).toHaveText('已抢37件 · 库存120件');
  await expect(card.locator('.live-pill')).toHaveText('讲解中');
  await expect(page.locator('body')).toHaveAttribute('data-status', 'live');
  await page.waitForTimeout(500); // entrance animation done
  expect(await timers(page)).toBe(0);
  await page.screenshot({
    path: `${shots}/overlay-product-light.png`,
    clip: { x: 0, y: 560, width: 800, height: 440 },
  });

  // Pin B with a countdown: the card changes without a reload, and only the countdown ticks.
  server.hub.setProductCard(cardB({ countdownEndsAt: Date.now() + 65_000, title: HOSTILE }));
  await expect(card).toHaveAttribute('data-product-id', 'XHS-SK-001');
  await expect(card.locator('.title')).toHaveText(HOSTILE);
  await expect(card.locator('.title img')).toHaveCount(0);
  expect(await pwned(page)).toBeUndefined();
  await expect(card.locator('.stock')).toHaveText('仅剩8件');
  await expect(card.locator('.stock')).toHaveAttribute('data-tone', 'low');
  const first = await card.locator('.band').textContent();
  expect(first).toMatch(/^限时 01:0[45]$/);
  await expect(card.locator('.band')).not.toHaveText(first ?? '', { timeout: 3000 });
  expect(await timers(page)).toBe(1);

  // Same pin, new figures: updated in place (no new card).
  server.hub.setProductCard(cardB({ title: '积雪草舒缓修护精华液 30ml', stock: 0, pinVersion: 999 }));
  await expect(card.locator('.stock')).toHaveText('已售罄');
  await page.waitForTimeout(500);
  expect(await timers(page)).toBe(0);

  // Dark look, brand colour, English.
  await server.hub.setSettings({ theme: 'dark', brandColor: '#7c3aed' });
  server.hub.setProductCard(cardB({ countdownEndsAt: Date.now() + 299_000, image: PHOTO }));
  await expect(page.locator('body')).toHaveAttribute('data-theme', 'dark');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/overlay-product-dark.png`, clip: { x: 0, y: 560, width: 800, height: 440 } });
  await server.hub.setSettings({ language: 'en' });
  await expect(card.locator('.live-pill')).toHaveText('LIVE NOW');
  await expect(card.locator('.link')).toHaveText('Link 3');
  await server.hub.setSettings({ language: 'zh-CN', theme: 'light', brandColor: '#ff2442' });

  // Unpin: the card leaves.
  server.hub.setProductCard(null);
  await expect(page.locator('.card')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('chat: pinned comments and live questions, hostile text shown literally', async ({ page }) => {
  const errors = consoleErrors(page);
  await server.hub.setSettings({ chatMode: 'questions' });
  server.hub.setHighlights({ items: [{ id: 'c1', name: '小鹿', text: '主播身高多少？穿什么码？', at: Date.now() }] });
  await page.goto(`${server.pageUrl('chat')}&preview=1`);
  await expect(page.locator('.highlight')).toHaveCount(1);
  await expect(page.locator('.highlight-text')).toHaveText('主播身高多少？穿什么码？');
  server.hub.setHighlights({
    items: [
      { id: 'c1', name: '小鹿', text: '主播身高多少？穿什么码？', at: Date.now() },
      { id: 'c2', name: HOSTILE, text: HOSTILE, at: Date.now() },
    ],
  });
  await expect(page.locator('.highlight')).toHaveCount(2);
  await expect(page.locator('.highlight-text').nth(1)).toHaveText(HOSTILE);
  await expect(page.locator('.chat-widget img')).toHaveCount(0);
  server.hub.addChat([comment('阿绿', '3号链接多少钱？', true), comment('阿蓝', '好看', false)]);
  await expect(page.locator('.line')).toHaveCount(1);
  await expect(page.locator('.line .text')).toHaveText('3号链接多少钱？');
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${shots}/overlay-chat.png`, clip: { x: 1300, y: 500, width: 620, height: 580 } });
  expect(await pwned(page)).toBeUndefined();
  await server.hub.setSettings({ chatMode: 'highlights' });
  expect(errors).toEqual([]);
});

test('orders ticker: masked names, newest first, ticks leave by themselves', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(`${server.pageUrl('orders')}&preview=1`);
  await expect(page.locator('body')).toHaveAttribute('data-status', 'live');
  server.hub.addOrders([paidTick('小鹿鹿', 2)]);
  await expect(page.locator('.tick').first()).toContainText('小*刚刚下单 ×2');
  server.hub.addOrders([paidTick('Amy Chen', 1, '水洗亚麻床品四件套 1.5/1.8m床 多色可选')]);
  await expect(page.locator('.tick').first()).toContainText('A*刚刚下单 ×1');
  await expect(page.locator('.orders-widget')).not.toContainText('小鹿鹿');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/overlay-orders.png`, clip: { x: 0, y: 0, width: 700, height: 240 } });
  await expect(page.locator('.tick')).toHaveCount(0, { timeout: 15_000 });
  expect(errors).toEqual([]);
});

test('a busy show (1,000 comments and 10 orders a second): every order reaches the ticker, chat at a readable pace', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  await server.hub.setSettings({ chatMode: 'all' });
  const orders = await browser.newPage();
  const chat = await browser.newPage();
  await orders.goto(server.pageUrl('orders'));
  await chat.goto(server.pageUrl('chat'));
  for (const p of [orders, chat]) await expect(p.locator('body')).toHaveAttribute('data-status', 'live');
  // In each page: every row or line that enters the DOM, and when; and every row that starts to fade.
  const watch = `(() => {
    window.__added = [];
    window.__faded = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target.classList.contains('expiring')) window.__faded++;
        for (const n of r.addedNodes) {
          const row = n.querySelector ? (n.matches('.tick, .line') ? n : n.querySelector('.tick')) : null;
          if (row) window.__added.push({ orders: Number(row.dataset.orders || 0), at: performance.now() });
        }
      }
    }).observe(document.querySelector('.widget'), { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  })()`;
  await orders.evaluate(watch);
  await chat.evaluate(watch);
  // 8 s of rush: longer than a row's hold, so a row that faded instead of being pushed off would show.
  let sent = 0;
  for (let tenth = 0; tenth < 80; tenth++) {
    server.hub.addChat(Array.from({ length: 100 }, (_, i) => comment(`观众${i}`, `第${tenth}-${i}条`)));
    server.hub.addOrders([paidTick(`买家${tenth}`, 1)]);
    sent++;
    await new Promise((r) => setTimeout(r, 100));
  }
  // In a rush the newest row pushes the oldest off: none fades (a fade is a second change per step).
  expect(await orders.evaluate('window.__faded')).toBe(0);
  const lastText = `第79-99条`;
  await expect(chat.locator('.line .text').last()).toHaveText(lastText);
  await expect
    .poll(async () =>
      ((await orders.evaluate('window.__added')) as { orders: number }[]).reduce((n, r) => n + r.orders, 0),
    )
    .toBe(sent);
  // Fewer rows than orders (they share rows in the rush), never more than four at once.
  const rows = (await orders.evaluate('window.__added')) as { orders: number }[];
  expect(rows.length).toBeLessThan(sent);
  expect(await orders.locator('.tick').count()).toBeLessThanOrEqual(4);
  // Chat: at most six lines, added at most LINES_PER_STEP per step of LINE_STEP_MS (8 s of flood: a few
  // dozen, not 5,000).
  expect(await chat.locator('.line').count()).toBeLessThanOrEqual(6);
  const lines = (await chat.evaluate('window.__added')) as { at: number }[];
  expect(lines.length).toBeGreaterThan(4);
  expect(lines.length).toBeLessThanOrEqual(
    LINES_PER_STEP * Math.ceil((lines.at(-1)!.at - lines[0].at) / LINE_STEP_MS + 1),
  );
  await orders.close();
  await chat.close();
  await server.hub.setSettings({ chatMode: 'highlights' });
});

test('goal: GMV progress toward the target', async ({ page }) => {
  await server.hub.setSettings({ goalTarget: { amount: 5_000_000, currency: 'CNY' }, goalTitle: '今日目标' });
  server.hub.setGoalCurrent({ amount: 1_234_500, currency: 'CNY' });
  await page.goto(`${server.pageUrl('goal')}&preview=1`);
  await expect(page.locator('.goal-pct')).toHaveText('24%');
  await expect(page.locator('.goal-current')).toHaveText('¥12,345');
  await expect(page.locator('.goal-target')).toHaveText(' / ¥50,000');
  server.hub.setGoalCurrent({ amount: 2_600_000, currency: 'CNY' });
  await expect(page.locator('.goal-pct')).toHaveText('52%');
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${shots}/overlay-goal.png`, clip: { x: 1320, y: 30, width: 580, height: 200 } });
  server.hub.setGoalCurrent({ amount: 5_000_001, currency: 'CNY' });
  await expect(page.locator('.goal-pct')).toHaveText('目标达成');
  await server.hub.setSettings({ goalTarget: null });
  await expect(page.locator('.goal-widget')).toBeHidden();
});

test('every page recovers by itself after the server restarts', async ({ browser }) => {
  const pages = await Promise.all(['product', 'chat', 'orders', 'goal'].map(() => browser.newPage()));
  await Promise.all(pages.map((p, i) => p.goto(server.pageUrl(['product', 'chat', 'orders', 'goal'][i]))));
  for (const p of pages) await expect(p.locator('body')).toHaveAttribute('data-status', 'live');
  await server.stop();
  for (const p of pages) await expect(p.locator('body')).toHaveAttribute('data-status', 'reconnecting');
  await server.restart();
  server.hub.setProductCard(sampleCard({ title: '重启之后：真丝衬衫' }));
  await server.hub.setSettings({ goalTarget: { amount: 100_000, currency: 'CNY' } });
  server.hub.setGoalCurrent({ amount: 50_000, currency: 'CNY' });
  server.hub.setHighlights({ items: [{ id: 'r1', name: '阿紫', text: '回来了', at: Date.now() }] });
  await expect(pages[0].locator('.card .title')).toHaveText('重启之后：真丝衬衫', { timeout: 20_000 });
  await expect(pages[1].locator('.highlight:not(.leaving) .highlight-text')).toHaveText('回来了', { timeout: 20_000 });
  server.hub.addOrders([paidTick('周周', 3)]);
  await expect(pages[2].locator('.tick').first()).toContainText('周*刚刚下单 ×3', { timeout: 20_000 });
  await expect(pages[3].locator('.goal-pct')).toHaveText('50%', { timeout: 20_000 });
  await Promise.all(pages.map((p) => p.close()));
});
