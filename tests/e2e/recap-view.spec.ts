/**
 * The recap in a real console against a real headless engine whose data folder holds a fixture with
 * known numbers (tests/harness/recap-fixture.ts): figures on screen equal the stats API, pin bands sit
 * at the right minutes, the gap shows, brushing gives the range's figures, a viewer seat reads
 * read-only, and the report PDF carries the figures (pdftotext) and renders to PNG pages to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { StatsBody } from '../../electron/engine/ledger/ledger';
import { HEADLINE_KEYS } from '../../shared/recap/compare';
import { fmtFigure } from '../../shared/recap/format';
import { recapEngine } from '../harness/recap-engine';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const ctx = recapEngine();

test('recap figures on screen equal the stats API; bands at their minutes; the gap shows', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const stats = (await (await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/stats`)).json()) as StatsBody;
  await page.goto(`${ctx.engine.url}/sessions?id=${ctx.fx.sessionId}#token=${ctx.engine.controlToken}`);
  const figures = page.getByTestId('recap-figures');
  await expect(figures).toBeVisible();
  for (const key of HEADLINE_KEYS) {
    await expect(figures.locator(`[data-figure="${key}"] .value`)).toHaveText(
      fmtFigure(key, stats.figures[key], 'zh-CN'),
    );
  }
  expect(stats.figures.paidGmv.amount).toBe(ctx.fx.expected.paidGmv);
  await expect(figures.locator('[data-figure="paidGmv"] .value')).toHaveText('¥995.00');
  // compared with the session before (one order of ¥199.00): +400%
  await expect(figures.locator('[data-figure="paidGmv"] .changes')).toContainText('▲ 400.0%');

  const chart = page.getByTestId('recap-chart');
  await expect(chart).toHaveAttribute('data-drawn', 'true');
  const bands = ctx.fx.expected.pins.map((p) => `${p.productId}@${p.from.toFixed(2)}-${p.to.toFixed(2)}`).join(';');
  await expect(chart).toHaveAttribute('data-pin-bands', bands);
  await expect(chart).toHaveAttribute('data-gaps', '9-11');
  await expect(page.getByTestId('incomplete-note')).toContainText('2 分钟数据不完整');
  await expect(page.getByTestId('late-refunds')).toContainText('¥398.00');

  // pin table: A1 pinned 5:00 with ¥995.00 - ... ; sorting by pin time puts B2 (6:00) first
  const pins = page.getByTestId('pin-table');
  await expect(pins.locator('tbody tr')).toHaveCount(2);
  await pins.getByRole('button', { name: '讲解总时长' }).click();
  await expect(pins.locator('tbody tr').first()).toContainText('2号 羊毛阔腿裤');
  await expect(pins.locator('tbody tr').first()).toContainText('6:00');
  await expect(page.getByTestId('questions-by-product')).toContainText('100%');
  // Time to answer and demand vs pins (issue 9): every question group is accounted for.
  await expect(page.getByTestId('answer-times')).toContainText(/问题组 \d+ 个/);
  await expect(page.getByTestId('demand-vs-pins').locator('tbody tr').first()).toContainText('号');

  // brushing minutes 2..3 (drag across the plot) shows just those minutes: ¥597.00, 2 orders
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const minutes = Number(await chart.getAttribute('data-minutes'));
  // the minute axis where ECharts drew it (px from the chart's left edge)
  const [x0, x1] = ((await chart.getAttribute('data-plot-x')) ?? '').split(',').map(Number);
  const xOf = (m: number) => box.x + x0 + (m / minutes) * (x1 - x0);
  await page.mouse.move(xOf(2.05), box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(xOf(3.5), box.y + box.height * 0.35, { steps: 5 });
  await page.mouse.move(xOf(3.95), box.y + box.height * 0.35, { steps: 3 });
  await page.mouse.up();
  const range = page.getByTestId('range-figures');
  await expect(range.locator('[data-figure="paidGmv"]')).toContainText('¥597.00');
  await expect(range.locator('[data-figure="orders"]')).toContainText('2');
  await page.screenshot({ path: `${shots}/recap-zh.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('the list filters and totals; two sessions compare; English; keyboard', async ({ page }) => {
  await page.goto(`${ctx.engine.url}/sessions?lang=en#token=${ctx.engine.controlToken}`);
  await page.evaluate(() => localStorage.setItem('maishou.language', 'en'));
  await page.reload();
  const list = page.getByTestId('session-list');
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('list-totals')).toContainText('CN¥1,194.00');
  await page.getByLabel('Search titles').fill('秋冬');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('list-totals')).toContainText('CN¥995.00');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('From').fill('2025-11-20');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.screenshot({ path: `${shots}/recap-list-en.png`, fullPage: true });
  for (const row of await list.locator('tbody input[type=checkbox]').all()) await row.check();
  await page.getByRole('button', { name: 'Compare the two selected' }).click();
  await expect(page.getByTestId('compare-chart')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('compare-table').locator('[data-figure="paidGmv"]')).toContainText('CN¥995.00');
  await page.screenshot({ path: `${shots}/recap-compare-en.png`, fullPage: true });
  await page.goto(`${ctx.engine.url}/sessions?id=${ctx.fx.sessionId}`);
  await expect(page.getByTestId('recap-figures')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toBeVisible();
  await page.screenshot({ path: `${shots}/recap-en.png`, fullPage: true });
});

test('a viewer seat opens the recap read-only and may change nothing', async ({ page }) => {
  const res = await ctx.engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'viewer' }) });
  const seat = (await res.json()) as { token: string };
  const refused = await ctx.engine.api('/sessions/start', { method: 'POST', body: '{}', token: seat.token });
  expect(refused.status).toBe(403);
  await page.goto(`${ctx.engine.url}/sessions?id=${ctx.fx.sessionId}&lang=zh-CN#token=${seat.token}`);
  await expect(page.getByText('只读查看')).toBeVisible();
  await expect(page.getByTestId('recap-figures').locator('[data-figure="orders"] .value')).toHaveText('4');
  // exports carry buyer ids: a viewer is not offered them and the route refuses them (PROTOCOL D)
  await expect(page.getByRole('button', { name: '导出 CSV' })).toHaveCount(0);
  expect((await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/export?format=csv`, { token: seat.token })).status).toBe(
    403,
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '报告（网页）' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.html$/);
  await expect(page.getByTestId('export-status')).toContainText('已下载');
});

test('the report PDF has the figures and its pages render', async () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const res = await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/report?format=pdf&lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = `${shots}/recap-report-${lang}.pdf`;
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    if (lang === 'zh-CN') {
      for (const s of [
        '直播复盘',
        '秋冬上新专场',
        '成交金额',
        '¥995.00',
        '结算成交额',
        '¥597.00',
        '讲解记录',
        '1号 真丝缎面衬衫',
        '2 分钟数据不完整',
        '¥398.00',
      ])
        expect(text).toContain(s);
    } else {
      for (const s of ['Session recap', 'Paid GMV', 'CN¥995.00', 'Pins', 'Viewer questions', '▲ 400.0%'])
        expect(text).toContain(s);
    }
    execFileSync('pdftoppm', ['-r', '70', '-png', file, `${shots}/recap-report-${lang}`]);
  }
  const html = await ctx.engine.api(`/sessions/${ctx.fx.sessionId}/report?format=html&lang=zh-CN`);
  const body = await html.text();
  expect(body).not.toContain('<script');
  expect(body).toContain('data-gap="9-11"');
});
