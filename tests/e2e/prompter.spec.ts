/**
 * The prompter seat (issue 20) on a phone, against a real engine fed by a real standalone gateway: the
 * catalogue's answer for a product with facts, "no fact yet" for one without, and a question marked
 * answered from the prompter leaving the host's radar.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { chatFrom as chat, newSecret, postSigned, startGatewayCli } from '../harness/gateway';
import type { Tracked } from '../harness/process';

const SECRET = newSecret();
const READ_TOKEN = 'prompter-read-token-1';
let root: string;
let gateway: Tracked;
let gatewayUrl: string;
let engine: EngineProcess;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maishou-prompter-'));
  ({ url: gatewayUrl, process: gateway } = await startGatewayCli(root, {
    id: 'r1',
    secrets: [SECRET],
    readTokens: [READ_TOKEN],
  }));
  engine = await startEngineProcess({ args: ['--gateway', gatewayUrl, '--room', 'r1', '--token', READ_TOKEN] });
  const csv = [
    'sku,title,price,stock,尺码表,版型',
    'SHIRT-1,真丝缎面衬衫,299.00,8,"S/M/L，155/45kg 建议 S",偏大半码',
    'SCARF-2,羊绒围巾,599.00,3,,',
  ].join('\n');
  const imported = await engine.api('/products/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  });
  expect(imported.status).toBe(200);
});

test.afterAll(async () => {
  await engine?.dispose();
  await gateway?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

test('a prompter seat on a phone shows catalogue answers and marks a question answered', async ({ browser }) => {
  const started = await engine.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title: '提词器' }) });
  expect(started.status).toBe(200);
  const { session } = (await started.json()) as { session: { id: string } };
  const pushed = await postSigned(
    gatewayUrl,
    'r1',
    [
      chat('c1', 'u1', '1号什么尺码'),
      chat('c2', 'u2', '1号160 100斤穿什么码'),
      chat('c3', 'u3', '1号尺码怎么选'),
      chat('c4', 'u4', '2号是什么材质的'),
      chat('c5', 'u5', '2号什么时候发货呀'),
    ],
    { secret: SECRET },
  );
  expect(pushed.status).toBe(200);

  const seat = (await (
    await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'prompter' }) })
  ).json()) as { url: string; token: string };
  expect(seat.url).toContain('/prompter#token=');
  // a prompter token cannot pin or read exports
  const pin = await engine.api('/pin', {
    method: 'POST',
    body: JSON.stringify({ productId: 'SHIRT-1' }),
    token: seat.token,
  });
  expect(pin.status).toBe(403);

  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    hasTouch: true,
  });
  const prompter = await phone.newPage();
  await prompter.goto(seat.url.replace(/^http:\/\/[^/]+/, engine.url));
  const questions = prompter.getByTestId('prompter-question');
  await expect(questions).toHaveCount(3, { timeout: 20_000 });
  const size = questions.filter({ hasText: '尺码' });
  await expect(size.getByTestId('answer')).toContainText('1号 S/M/L，155/45kg 建议 S，偏大半码');
  await expect(size.getByTestId('answer')).toContainText('来自商品资料');
  const material = questions.filter({ hasText: '材质' });
  await expect(material.getByTestId('answer-missing')).toContainText('还没有「材质」资料');
  // the prompter cannot edit products: no add button there
  await expect(material.getByRole('button', { name: /添加/ })).toHaveCount(0);

  // the host pins product 1: the prompter shows its facts in large type
  expect((await engine.api('/pin', { method: 'POST', body: JSON.stringify({ productId: 'SHIRT-1' }) })).status).toBe(
    200,
  );
  await expect(prompter.locator('.prompter__product')).toContainText('真丝缎面衬衫');
  await expect(prompter.locator('.prompter__facts')).toContainText('偏大半码');
  await expect(prompter.locator('.prompter__next')).toContainText('羊绒围巾');
  await prompter.screenshot({ path: `${shots}/prompter-phone-zh.png`, fullPage: true });

  const host = await browser.newPage();
  await host.goto(`${engine.url}/live#token=${engine.controlToken}`);
  const hostRadar = host.getByTestId('questions');
  await expect(hostRadar.locator('.questions__group')).toHaveCount(3, { timeout: 20_000 });
  await expect(hostRadar.getByTestId('answer-missing').getByRole('button', { name: /添加/ })).toHaveCount(2);

  // marked answered on the phone: it leaves the host's radar
  await size.getByRole('button', { name: /标记为已回答/ }).click();
  await expect(hostRadar.locator('.questions__group')).toHaveCount(2);
  await expect(hostRadar.locator('.questions__group', { hasText: '尺码' })).toHaveCount(0);
  await expect(questions).toHaveCount(2);

  // the host adds the missing fact in one click: the prompter shows the answer
  await hostRadar.locator('.questions__group', { hasText: '材质' }).getByRole('button', { name: /添加/ }).click();
  const dialog = host.getByRole('dialog');
  await expect(dialog.locator('[data-fact="material"]')).toBeFocused();
  await dialog.locator('[data-fact="material"]').fill('100%山羊绒');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(questions.filter({ hasText: '材质' }).getByTestId('answer')).toContainText('2号 100%山羊绒');
  await host.screenshot({ path: `${shots}/live-radar-answers-zh.png` });
  await phone.close();

  // after the show, the recap lists the fact still missing: 2号's shipping
  expect((await engine.api('/sessions/stop', { method: 'POST', body: JSON.stringify({ confirm: true }) })).status).toBe(
    200,
  );
  await host.goto(`${engine.url}/sessions?id=${session.id}#token=${engine.controlToken}`);
  const missing = host.getByTestId('missing-facts');
  await expect(missing.locator('tbody tr')).toHaveCount(1, { timeout: 20_000 });
  await expect(missing.locator('tbody tr')).toContainText('羊绒围巾');
  await expect(missing.locator('tbody tr')).toContainText('发货');
  await missing.scrollIntoViewIfNeeded();
  await host.screenshot({ path: `${shots}/recap-missing-facts-zh.png` });
});
