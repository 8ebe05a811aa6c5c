/**
 * Recap benchmark: open the recap of a 4-hour session (200,000 comments, 20,000 orders) in Chromium
 * against the real headless engine, time to figures on screen, to the chart drawn, and how long after
 * the figures the last section is on screen (chart, pin and product tables, comparisons, question
 * tables), against a 10-minute session of the same density (the ratio shows how the cost grows with
 * length). The ledger is fed directly through its API into a data folder, and each session's recap is
 * then precomputed as the engine does when a session stops (context: that time, which is also what the
 * first open of a session recorded before the recap was kept costs, and the recap/questions API times).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openLedger } from '../electron/engine/ledger/ledger';
import { silentLogger } from '../electron/engine/log';
import { createRecapService } from '../electron/engine/recap/recap-service';
import { classifyComment } from '../shared/chat';
import type { LiveEvent } from '../shared/events';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumEnv } from '../tests/harness/chromium';
import { startEngineProcess } from '../tests/harness/engine';
import { type BenchResult, median } from './types';

const MIN = 60_000;
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const PHRASES = [
  '多少钱',
  '有S码吗',
  '主播好',
  '3号链接',
  '好看',
  '扣1',
  '面料是什么',
  '什么时候发货',
  '还有库存吗',
  '想要',
  '7号有优惠吗',
  '上身效果',
];
/** The recap's sections after the figures: the chart first, then each awaited on its own. */
const SECTIONS = ['chart', 'comparisons', 'pins', 'products', 'channels', 'questions', 'answer times', 'missing facts'];
const SECTION_SELECTORS = [
  '[data-testid="recap-figures"][data-compared="true"]',
  '[data-testid="pin-table"]',
  '[data-testid="product-table"]',
  '[data-testid="channel-table"]',
  '[data-testid="questions"][data-loaded="true"] [data-testid="questions-by-product"]',
  '[data-testid="answer-times"]',
  '[data-testid="missing-facts"]',
];
const SKUS = ['A1', 'B2', 'C3', 'D4', 'E5', 'F6', 'G7', 'H8'];

async function seed(
  dataDir: string,
): Promise<{ long: string; short: string; precomputeLongMs: number; precomputeShortMs: number }> {
  const ledger = openLedger({ dataDir, room: 'bench', classifyQuestion: (t) => classifyComment(t).question });
  let seq = 1;
  const base = (at: number) => ({
    v: 1 as const,
    id: `e${seq}`,
    seq: seq++,
    room: 'bench',
    platform: 'xhs',
    occurredAt: at,
    receivedAt: at + 50,
  });
  const csv = `sku,title,price,linkNo\n${SKUS.map((s, i) => `${s},商品${i + 1}号 秋冬款,${99 + i * 50}.00,${i + 1}`).join('\n')}\n`;
  await ledger.importProducts(new TextEncoder().encode(csv), { contentType: 'text/csv' });
  const session = (t0: number, minutes: number, title: string): string => {
    const s = ledger.startSession({ title, room: 'bench', at: t0 });
    const span = minutes * MIN;
    const chats = Math.round((200_000 * minutes) / 240);
    const orders = Math.round((20_000 * minutes) / 240);
    const events: LiveEvent[] = [];
    for (let i = 0; i < chats; i++) {
      const at = t0 + Math.floor((i * span) / chats);
      events.push({
        ...base(at),
        actor: { id: `u${i % 9000}`, name: '观众' },
        kind: 'chat',
        data: { text: PHRASES[i % PHRASES.length] },
      });
      if (i % Math.round(chats / orders) === 0) {
        const sku = SKUS[i % SKUS.length];
        events.push({
          ...base(at + 1),
          kind: 'order.paid',
          data: {
            orderId: `o${seq}`,
            items: [{ sku, qty: 1, unitPrice: cny(9_900) }],
            total: cny(9_900),
            buyerId: `u${i % 9000}`,
          },
        });
      }
      if (i % Math.max(1, Math.round(chats / (minutes * 6))) === 0)
        events.push({ ...base(at + 2), kind: 'viewers', data: { current: 1000 + (i % 500), cumulative: 5000 + i } });
    }
    events.sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < events.length; i += 1000) ledger.applyLiveEvents(events.slice(i, i + 1000));
    for (let m = 0; m < minutes; m += 5) ledger.pin(SKUS[(m / 5) % SKUS.length], t0 + m * MIN);
    ledger.stopSession({ at: t0 + span });
    return s.id;
  };
  const T0 = 1_763_640_000_000;
  const short = session(T0 - 86_400_000, 10, '10 分钟场');
  const long = session(T0, 240, '4 小时场');
  // What the engine's recap service does at each session stop (here after seeding, timed).
  const recap = createRecapService({ ledger, logger: silentLogger(), chromium: null });
  const timed = async (id: string) => {
    const t = performance.now();
    await recap.precompute(id);
    return Math.round(performance.now() - t);
  };
  const precomputeShortMs = await timed(short);
  const precomputeLongMs = await timed(long);
  recap.dispose();
  ledger.close();
  return { long, short, precomputeLongMs, precomputeShortMs };
}

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maishou-recap-bench-'));
  const seedStart = performance.now();
  const ids = await seed(dataDir);
  const seedMs = performance.now() - seedStart;
  const engine = await startEngineProcess({ dataDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    env: chromiumEnv(),
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${engine.url}/sessions#token=${engine.controlToken}`);
    await page.getByTestId('session-list').waitFor();
    const api = async (path: string) => {
      const t = performance.now();
      const r = await engine.api(path);
      await r.arrayBuffer();
      return performance.now() - t;
    };
    const open = async (id: string) => {
      await page.goto(`${engine.url}/sessions`);
      await page.getByTestId('session-list').waitFor();
      const t = performance.now();
      // In-page navigation as a click on a session does (the page and the list are already loaded).
      await page.evaluate(
        `window.history.pushState(null, '', '/sessions?id=${id}'); window.dispatchEvent(new PopStateEvent('popstate'));`,
      );
      await page.locator('[data-testid="recap-figures"] [data-figure="paidGmv"] .value').waitFor();
      const figures = performance.now() - t;
      const chartDrawn = page
        .locator('[data-testid="recap-chart"][data-drawn="true"]')
        .waitFor()
        .then(() => performance.now() - t);
      // Every other section: each awaited on its own, the slowest one's time is what the user waits for.
      const sections = SECTION_SELECTORS.map((sel) =>
        page
          .locator(sel)
          .first()
          .waitFor()
          .then(() => performance.now() - t),
      );
      const all = await Promise.all([chartDrawn, ...sections]);
      const slowest = all.indexOf(Math.max(...all));
      return { figures, chart: all[0], everySection: all[slowest] - figures, slowest: SECTIONS[slowest] };
    };
    const runs = quick ? 1 : 3;
    const sample = async (id: string) => {
      const fig: number[] = [];
      const chart: number[] = [];
      const every: number[] = [];
      const slowest: string[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await open(id);
        fig.push(r.figures);
        chart.push(r.chart);
        every.push(r.everySection);
        slowest.push(r.slowest);
      }
      return { figures: median(fig), chart: median(chart), everySection: median(every), slowest: slowest.join('/') };
    };
    // a first request warms the engine (JIT, the file's pages) so the first timed call is not the cold start
    await api('/recap/sessions');
    // kept in the ledger since the stop (precompute): a fresh engine answers from there
    const questionsLong = await api(`/sessions/${ids.long}/recap/questions`);
    const questionsShort = await api(`/sessions/${ids.short}/recap/questions`);
    const recapLong = await api(`/sessions/${ids.long}/recap`);
    const recapShort = await api(`/sessions/${ids.short}/recap`);
    const short = await sample(ids.short);
    const long = await sample(ids.long);
    const context = {
      seedMs: Math.round(seedMs),
      recapApiLongMs: Math.round(recapLong),
      recapApiShortMs: Math.round(recapShort),
      questionsApiLongMs: Math.round(questionsLong),
      questionsApiShortMs: Math.round(questionsShort),
      precomputeLongMs: ids.precomputeLongMs,
      precomputeShortMs: ids.precomputeShortMs,
      everySectionAfterFiguresLongMs: Math.round(long.everySection),
      everySectionAfterFiguresShortMs: Math.round(short.everySection),
      slowestSectionLong: long.slowest,
      slowestSectionShort: short.slowest,
      runs,
    };
    return [
      {
        name: 'recap of a 4-hour session (200k comments, 20k orders): figures on screen',
        value: Math.round(long.figures),
        baseline: Math.round(short.figures),
        unit: 'ms',
        better: 'lower',
        baselineName: '10-minute session',
        context,
      },
      {
        name: 'recap of a 4-hour session: every section on screen after the figures (slowest section)',
        value: Math.round(long.everySection),
        baseline: Math.round(short.everySection),
        unit: 'ms',
        better: 'lower',
        baselineName: '10-minute session',
        context,
      },
      {
        name: 'recap of a 4-hour session: chart drawn',
        value: Math.round(long.chart),
        baseline: Math.round(short.chart),
        unit: 'ms',
        better: 'lower',
        baselineName: '10-minute session',
        context,
      },
    ];
  } finally {
    await browser.close();
    await engine.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
