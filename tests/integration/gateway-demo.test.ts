/**
 * The demo room end to end: in-process gateway + simulator at 100x, read through the engine's GatewayLink.
 * The show reacts to pins (orders follow the pinned product), duplicates from the simulator are never
 * applied twice, and the events are valid live events in seq order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayLink } from '../../electron/engine/live/gateway-link';
import { type DemoRoom, startDemoRoom } from '../../gateway/demo';
import type { LiveEvent } from '../../shared/events';
import { waitFor } from '../harness/process';

const products = [
  {
    productId: 'XHS-CL-001',
    sku: 'XHS-CL-001',
    title: '22姆米重磅真丝缎面衬衫 宽松落肩 香槟色',
    price: { amount: 69900, currency: 'CNY' },
    linkNo: 1,
  },
  {
    productId: 'XHS-TE-001',
    sku: 'XHS-TE-001',
    title: '福鼎白茶 白牡丹 100g',
    price: { amount: 5990, currency: 'CNY' },
    linkNo: 2,
  },
];

let dir: string;
let demo: DemoRoom | null = null;
let link: GatewayLink | null = null;

afterEach(async () => {
  await link?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo room', () => {
  it('orders follow the pin; every event arrives once, in order', async () => {
    dir = mkdtempSync(join(tmpdir(), 'maishou-demo-'));
    demo = await startDemoRoom({ dataDir: dir, products, speed: 100, pinned: 'XHS-CL-001', seed: 2025 });
    const applied: LiveEvent[] = [];
    let pinnedNow = 'XHS-CL-001';
    const soldDuring: Record<string, string[]> = { 'XHS-CL-001': [], 'XHS-TE-001': [] };
    link = new GatewayLink({
      url: demo.url,
      room: demo.room,
      token: demo.token,
      lastSeq: 0,
      apply: (events) => {
        applied.push(...events);
        for (const e of events) {
          if (e.kind === 'order.created') soldDuring[pinnedNow].push(e.data.items[0]?.productId ?? '');
        }
      },
    });
    link.start();
    // Let the show warm up (viewers ramp over the first simulated minutes), then switch the pin.
    await waitFor(() => soldDuring['XHS-CL-001'].length >= 40, { timeoutMs: 40_000, what: 'orders on the shirt' });
    demo.simulator.setPinned('XHS-TE-001');
    pinnedNow = 'XHS-TE-001';
    await new Promise((r) => setTimeout(r, 300)); // in-flight orders of the previous pin drain
    soldDuring['XHS-TE-001'] = [];
    await waitFor(() => soldDuring['XHS-TE-001'].length >= 40, { timeoutMs: 40_000, what: 'orders on the tea' });

    const share = (list: string[], id: string) => list.filter((p) => p === id).length / list.length;
    expect(share(soldDuring['XHS-CL-001'], 'XHS-CL-001')).toBeGreaterThan(0.6);
    expect(share(soldDuring['XHS-TE-001'], 'XHS-TE-001')).toBeGreaterThan(0.6);
    expect(applied.map((e) => e.seq)).toEqual(Array.from({ length: applied.length }, (_, i) => i + 1));
    expect(new Set(applied.map((e) => e.id)).size).toBe(applied.length);
    expect(applied.some((e) => e.kind === 'chat' && /[\u4e00-\u9fff]/.test(e.data.text))).toBe(true);
  });
});
