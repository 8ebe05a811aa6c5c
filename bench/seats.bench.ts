/**
 * Issue 7: an assistant's click on 讲解 until the host's console and the product overlay show the pin,
 * over 100 pins on loopback (real engine, real Chromium). Baseline, same run: the same pin command sent
 * from a bare socket.io seat until a second bare seat receives the engine's patch, i.e. the engine and
 * network path without any page.
 */
import { chromium } from '@playwright/test';
import { io } from 'socket.io-client';
import { chromiumLaunchOptions } from '../tests/harness/chromium';
import { startEngineProcess } from '../tests/harness/engine';
import { type BenchResult, percentile } from './types';

const seenOf = (key: string) => (globalThis as unknown as { __seen?: Record<string, number> }).__seen?.[key];

/** Records, per product id, when the page first shows it pinned (MutationObserver, wall clock). */
const watchScript = (selector: string, attribute: string | null) => `
  window.__seen = {};
  new MutationObserver(() => {
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const key = ${attribute ? `el.getAttribute(${JSON.stringify(attribute)})` : 'el.textContent'};
      if (key && !(key in window.__seen)) window.__seen[key] = Date.now();
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
`;

export default async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const pins = quick ? 20 : 100;
  const engine = await startEngineProcess();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const seat = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'assistant' }) })
    ).json()) as {
      token: string;
    };
    const products = (
      (await (await engine.api('/products')).json()) as { products: { productId: string; title: string }[] }
    ).products;
    const assistant = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const host = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const overlay = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await assistant.goto(`${engine.url}/live#token=${seat.token}`);
    await host.goto(`${engine.url}/live#token=${engine.controlToken}`);
    await overlay.goto(`${engine.url}/overlay/product?token=${engine.overlayToken}`);
    await assistant.getByTestId('product-row').first().waitFor();
    // The click's own time, taken inside the assistant's page (not Playwright's round trips before it).
    await assistant.evaluate(() => {
      (globalThis as unknown as { addEventListener: (t: string, f: () => void, c: boolean) => void }).addEventListener(
        'click',
        () => Object.assign(globalThis, { __clickAt: Date.now() }),
        true,
      );
    });
    await host.getByTestId('product-row').first().waitFor();

    // Page path: click in the assistant's console, see it on the host's console and the overlay.
    const toHost: number[] = [];
    const toOverlay: number[] = [];
    for (let i = 0; i < pins; i++) {
      const product = products[(i % (products.length - 1)) + 1];
      await host.evaluate(watchScript('[data-testid="pinned-card"][data-product-id]', 'data-product-id'));
      await overlay.evaluate(watchScript('.card:not(.leaving) .title', null));
      const row = assistant.locator(`[data-testid="product-row"][data-product-id="${product.productId}"]`);
      const button = row.getByRole('button', { name: `讲解 ${product.title}` });
      await button.scrollIntoViewIfNeeded();
      await button.click();
      const clickedAt = (await assistant.evaluate(
        () => (globalThis as unknown as { __clickAt: number }).__clickAt,
      )) as number;
      const hostAt = await host.waitForFunction(seenOf, product.productId);
      const overlayAt = await overlay.waitForFunction(seenOf, product.title);
      toHost.push(((await hostAt.jsonValue()) as number) - clickedAt);
      toOverlay.push(((await overlayAt.jsonValue()) as number) - clickedAt);
    }

    // Baseline: bare seats, no pages.
    // Stock transports; timed once both have upgraded to WebSocket (the steady state of every seat).
    const a = io(`${engine.url}/seat`, { auth: { token: seat.token } });
    const b = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
    const upgraded = (s: typeof a) =>
      new Promise<void>((r) => {
        if (s.io.engine.transport.name === 'websocket') r();
        else s.io.engine.once('upgrade', () => r());
      });
    await Promise.all([new Promise((r) => a.once('snapshot', r)), new Promise((r) => b.once('snapshot', r))]);
    await Promise.all([upgraded(a), upgraded(b)]);
    const bare: number[] = [];
    for (let i = 0; i < pins; i++) {
      const product = products[(i % (products.length - 1)) + 1];
      const seen = new Promise<number>((resolve) => {
        const onPatch = (patch: { pin?: { pinned: { productId: string } | null } }) => {
          if (patch.pin?.pinned?.productId === product.productId) {
            b.off('patch', onPatch);
            resolve(Date.now());
          }
        };
        b.on('patch', onPatch);
      });
      const sentAt = Date.now();
      await a.emitWithAck('command', 'pin.set', { productId: product.productId });
      bare.push((await seen) - sentAt);
      await a.emitWithAck('command', 'pin.clear', {});
    }
    a.disconnect();
    b.disconnect();

    const p = (xs: number[], q: number) => percentile(xs, q);
    return [
      {
        name: `assistant click -> host console shows the pin (${pins} pins)`,
        value: p(toHost, 50),
        baseline: p(bare, 50),
        unit: 'ms p50',
        better: 'lower',
        baselineName: 'bare seat-to-seat patch',
        context: { p95: p(toHost, 95), baselineP95: p(bare, 95) },
      },
      {
        name: `assistant click -> product overlay shows the pin (${pins} pins)`,
        value: p(toOverlay, 50),
        baseline: p(bare, 50),
        unit: 'ms p50',
        better: 'lower',
        baselineName: 'bare seat-to-seat patch',
        context: { p95: p(toOverlay, 95), frameAt60fps: 16.7 },
      },
    ];
  } finally {
    await browser.close();
    await engine.dispose();
  }
}
