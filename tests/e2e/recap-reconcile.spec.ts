/**
 * Reconciliation through the front door: a host drops the platform's order export on the recap (a real
 * console against a real headless engine on a real SQLite file), fixes the one column the guess missed,
 * and sees the before/after figures, the "已对账" label in the recap, the CSV export and the PDF text.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { recapEngine } from '../harness/recap-engine';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

// 成交时间 is no synonym of the payment time: the guess leaves it out and the user picks it.
const EXPORT = `\uFEFF小红书千帆 订单导出
订单编号,成交时间,实付金额,订单状态,退款金额,商品编码,数量,流量来源,推客
o-1,2025-11-20T12:02:01Z,199.00,已完成,,A1,1,直播间,
o-3,2025-11-20T12:07:01Z,279.00,已完成,,B2,1,直播间,
o-9,2025-11-20T12:10:00Z,88.00,已完成,,C3,1,推客分享,小美
x-1,2025-11-19T08:00:00Z,10.00,已完成,,C3,1,直播间,
`;

const ctx = recapEngine();

test('drop an export, fix a column guess, see before/after and the reconciled label everywhere', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${ctx.engine.url}/sessions?id=${ctx.fx.sessionId}#token=${ctx.engine.controlToken}`);
  await expect(page.getByTestId('books-label')).toContainText('暂估');
  await page.getByTestId('reconcile-file').setInputFiles({
    name: '千帆订单.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(EXPORT, 'utf8'),
  });
  const mapping = page.getByTestId('reconcile-mapping');
  await expect(mapping).toContainText('第 2 行是表头');
  await expect(page.getByTestId('reconcile-preview').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('map-orderId')).toHaveValue('订单编号');
  await expect(page.getByTestId('map-paidAt')).toHaveValue('');
  await page.getByTestId('map-paidAt').selectOption('成交时间');
  await page.getByTestId('reconcile-apply').click();

  const result = page.getByTestId('reconcile-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('reconcile-matched')).toContainText('2');
  await expect(page.getByTestId('reconcile-only-export')).toContainText('o-9');
  await expect(page.getByTestId('reconcile-only-studio')).toContainText('o-2');
  await expect(page.getByTestId('reconcile-mismatches')).toContainText('o-3');
  const paid = page.getByTestId('reconcile-figures').locator('[data-figure="paidGmv"]');
  // 995.00 before; after: 199 + 398 (kept) + 279 (the platform's amount) + 99 (kept) + 88 (missed)
  await expect(paid).toContainText('¥995.00');
  await expect(paid).toContainText('¥1,063.00');
  await page.screenshot({ path: `${shots}/recap-reconciled.png`, fullPage: true });

  // the recap itself now says so and shows the corrected figures, the channel and the 推客
  await expect(page.getByTestId('books-label')).toContainText('已对账：千帆订单.csv');
  await expect(page.getByTestId('recap-figures').locator('[data-figure="paidGmv"] .value')).toHaveText('¥1,063.00');
  await expect(page.getByTestId('channel-table').locator('[data-channel="share"]')).toContainText('¥88.00');
  await expect(page.getByTestId('sharer-table')).toContainText('小美');

  // the same file again changes nothing
  const stats = (await (await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/stats`)).json()) as { reconciled: unknown };
  expect(stats.reconciled).toMatchObject({ source: '千帆订单.csv' });
  const again = await ctx.engine.api(
    `/sessions/${ctx.fx.sessionId}/reconcile?file=${encodeURIComponent('千帆订单.csv')}&columns=${encodeURIComponent(JSON.stringify({ paidAt: '成交时间' }))}`,
    { method: 'POST', body: EXPORT, headers: { 'content-type': 'text/csv' } },
  );
  expect(((await again.json()) as { unchanged: boolean }).unchanged).toBe(true);
  expect(await (await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/stats`)).json()).toEqual(stats);

  // the CSV export and the PDF say it too
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const csv = readFileSync(await (await download).path()).toString('utf8');
  expect(csv).toContain('reconciled with 千帆订单.csv at');
  const pdf = await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/report?format=pdf&lang=zh-CN`);
  expect(pdf.status).toBe(200);
  const file = `${shots}/recap-reconciled.pdf`;
  writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('已对账：千帆订单.csv');
  expect(text).toContain('推客排行');
  expect(errors).toEqual([]);
});
