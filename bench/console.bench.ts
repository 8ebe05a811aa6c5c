/**
 * The live console under a chat flood, in Chromium against the real headless engine: 1,000 chat
 * messages a second (plus orders and gifts) for 30 s (5 s with --quick) pushed into the page's feed path
 * (FeedBuffer -> store flush every ~100 ms -> virtualized list), versus the same page idle for as long.
 * Reports frame time p95 and the longest task (ratios to idle) and the JS heap after vs before.
 *
 * The messages enter through the page's own feed handler (`?bench` hook), the same function the
 * engine's `feed` socket event calls; once the demo gateway can be driven at 1,000 msg/s this can feed
 * through the engine instead.
 */
import { spawnSync } from 'node:child_process';
import type { CDPSession, Page } from '@playwright/test';
import { launchChromium } from '../tests/harness/chromium';
import { REPO_ROOT, startEngineProcess } from '../tests/harness/engine';
import { type BenchResult, percentile } from './types';

/** The page's globals this file touches (the node tsconfig has no DOM library). */
interface PageGlobals {
  requestAnimationFrame(callback: (now: number) => void): number;
  maishouBench?: {
    push(batch: unknown): void;
    stats(): { received: number; rows: number };
  };
}

interface Sample {
  frames: number[];
  longTasks: number[];
}

/** Runs in the page: records frame intervals and long tasks for `ms`, optionally while flooding. */
async function measure(page: Page, ms: number, ratePerSecond: number): Promise<Sample> {
  return page.evaluate(
    async ({ ms, ratePerSecond }) => {
      const frames: number[] = [];
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' as 'mark' }); // 'longtask' is a browser entry type node's typings do not list
      const page = globalThis as unknown as PageGlobals;
      let last = performance.now();
      let running = true;
      const onFrame = (now: number) => {
        frames.push(now - last);
        last = now;
        if (running) page.requestAnimationFrame(onFrame);
      };
      page.requestAnimationFrame(onFrame);

      const phrases = [
        '3号还有吗',
        '主播好美',
        '这个面料是真丝吗？',
        '扣1',
        '链接5多少钱',
        '165/52kg穿什么码',
        '来了来了',
        '已拍',
      ];
      let n = 0;
      const started = performance.now();
      const timer =
        ratePerSecond > 0
          ? setInterval(() => {
              const hook = page.maishouBench;
              if (!hook) return;
              const now = Date.now();
              // Catch up by elapsed time, so a busy page still receives the full rate.
              const due = Math.floor(((performance.now() - started) / 1000) * ratePerSecond);
              const chat = [];
              while (n < due) {
                n++;
                const text = phrases[n % phrases.length];
                const gift = n % 97 === 0;
                chat.push({
                  id: `bench-${n}`,
                  seq: n,
                  at: now,
                  kind: gift ? ('gift' as const) : ('chat' as const),
                  actor: { id: `u${n % 500}`, name: `观众${n % 500}` },
                  text,
                  linkNo: text.startsWith('3') ? 3 : text.startsWith('链接5') ? 5 : null,
                  productId: null,
                  intent: 'other' as const,
                  question: /吗|多少|什么/.test(text),
                  ...(gift ? { gift: { name: '小心心', count: 1, value: null } } : {}),
                });
              }
              const orders =
                chat.length > 0 && Math.floor(n / 200) !== Math.floor((n - chat.length) / 200)
                  ? [
                      {
                        id: `bench-order-${n}`,
                        orderId: `o${n}`,
                        at: now,
                        kind: 'paid' as const,
                        buyerName: '小*',
                        items: [{ productId: null, title: '真丝衬衫', qty: 1 }],
                        amount: { amount: 69_900, currency: 'CNY' },
                      },
                    ]
                  : [];
              hook.push({ chat, orders });
            }, 10)
          : null;
      await new Promise((resolve) => setTimeout(resolve, ms));
      running = false;
      if (timer) clearInterval(timer);
      observer.disconnect();
      return { frames: frames.slice(1), longTasks };
    },
    { ms, ratePerSecond },
  );
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const seconds = quick ? 5 : 30;
  const rate = 1000;
  // The engine serves the built console: make sure it is current.
  const built = spawnSync(process.execPath, ['scripts/ensure-renderer.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the console failed');

  const engine = await startEngineProcess();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); give the page that helper.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${engine.url}/live?bench=1#token=${engine.controlToken}`);
    await page.getByTestId('connection').and(page.locator('[data-status="connected"]')).waitFor();
    await page.waitForTimeout(1000);

    const idle = await measure(page, seconds * 1000, 0);
    const heapBefore = await heapMb(cdp);
    const flood = await measure(page, seconds * 1000, rate);
    await page.waitForTimeout(300);
    const stats = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).maishouBench?.stats() ?? { received: 0, rows: 0 },
    );
    const heapAfter = await heapMb(cdp);

    const p95Idle = percentile(idle.frames, 95);
    const p95Flood = percentile(flood.frames, 95);
    const longestIdle = Math.max(0, ...idle.longTasks);
    const longestFlood = Math.max(0, ...flood.longTasks);
    const context = {
      seconds,
      messagesPerSecond: rate,
      received: stats.received,
      renderedRows: stats.rows,
      framesIdle: idle.frames.length,
      framesFlood: flood.frames.length,
      longTasksFlood: flood.longTasks.length,
    };
    // The same page fed by the real engine: demo room at its top speed, through gateway, ledger, feed hub
    // and the seat socket (fewer messages per second than the page-path flood; whatever the simulator makes).
    const viaEngine = await startEngineProcess({ args: ['--demo', '--demo-speed', '100'] });
    let engineResult: BenchResult;
    try {
      const page2 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page2.addInitScript('globalThis.__name = (fn) => fn;');
      await page2.goto(`${viaEngine.url}/live?bench=1#token=${viaEngine.controlToken}`);
      await page2.getByTestId('connection').and(page2.locator('[data-status="connected"]')).waitFor();
      await viaEngine.api('/sessions/start', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      const received = () =>
        page2.evaluate(() => (globalThis as unknown as PageGlobals).maishouBench?.stats().received ?? 0);
      const before = await received();
      const flowing = await measure(page2, seconds * 1000, 0);
      const perSecond = ((await received()) - before) / seconds;
      engineResult = {
        name: 'console frame time p95, fed by the engine (demo room at speed 100)',
        value: percentile(flowing.frames, 95),
        baseline: p95Idle,
        unit: 'ms',
        better: 'lower',
        baselineName: 'same page idle',
        context: {
          seconds,
          entriesPerSecond: Math.round(perSecond),
          longestTask: Math.max(0, ...flowing.longTasks),
          longTasks: flowing.longTasks.length,
        },
      };
    } finally {
      await viaEngine.dispose();
    }

    return [
      engineResult,
      {
        name: `console frame time p95 at ${rate} chat msg/s`,
        value: p95Flood,
        baseline: p95Idle,
        unit: 'ms',
        better: 'lower',
        baselineName: 'same page idle',
        context: { ...context, p50Flood: percentile(flood.frames, 50), p50Idle: percentile(idle.frames, 50) },
      },
      {
        name: `console longest task at ${rate} chat msg/s`,
        value: longestFlood,
        baseline: Math.max(longestIdle, 50),
        unit: 'ms',
        better: 'lower',
        baselineName: 'long-task threshold (50 ms) or idle longest task',
        context: { longestIdle, ...context },
      },
      {
        name: `console JS heap after ${seconds} s of flood`,
        value: heapAfter,
        baseline: heapBefore,
        unit: 'MB',
        better: 'lower',
        baselineName: 'heap before the flood (after GC)',
        context,
      },
    ];
  } finally {
    await browser.close();
    await engine.dispose();
  }
}
