/**
 * The standalone gateway CLI with an order API: SIGKILLed while it waits for an order's detail (the FAKE
 * 抖店 order API holds the call), the acknowledged order is fetched again after the restart and emitted
 * once. A bad order API config is refused at start with its path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/gateway';
import { doudianDetailText } from '../../gateway/orders/samples.test-helpers';
import { REPO_ROOT } from '../harness/engine';
import { FakeDoudian } from '../harness/fake-order-apis';
import { connectFeed, startGatewayCli } from '../harness/gateway';
import { DOUDIAN_CREDS, doudianPaid, doudianPush, postDoudian } from '../harness/platforms';
import { spawnTracked, type Tracked, waitFor } from '../harness/process';

const SHOP = '4463798';
const LIVE_ROOM = '7300000000000000001';
let dir: string;
let dd: FakeDoudian;
const children: Tracked[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-orders-cli-'));
  dd = await new FakeDoudian(DOUDIAN_CREDS.appKey, DOUDIAN_CREDS.appSecret, SHOP).start();
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.stop();
  await dd.close();
  rmSync(dir, { recursive: true, force: true });
});

const room = (): RoomConfig => ({
  id: 'dd',
  readTokens: ['read-token-dd'],
  doudian: {
    ...DOUDIAN_CREDS,
    orderApi: { shopId: SHOP, liveRoomId: LIVE_ROOM, baseUrl: dd.url, timeoutMs: 30_000, backoffMs: 50 },
  },
});

describe('gateway CLI with an order API', () => {
  it('killed during a detail fetch: after the restart the order is emitted once, with its lines', async () => {
    const orderId = '6917543210987654777';
    dd.orders.set(
      orderId,
      doudianDetailText(orderId, 8800, [{ code: 'XHS-CL-001', qty: 1, paid: 8800, roomId: LIVE_ROOM }]),
    );
    const first = await startGatewayCli(dir, room());
    children.push(first.process);
    const held = dd.holdNext();
    const body = doudianPush([doudianPaid(orderId, 8800)]);
    const ack = await postDoudian(first.url, 'dd', body);
    expect(ack.status).toBe(200);
    await held; // the gateway is waiting for the detail now
    await first.process.kill();
    const callsBefore = dd.state.orderCalls;

    const second = await startGatewayCli(dir, room());
    children.push(second.process);
    const feed = connectFeed(second.url, { token: 'read-token-dd', room: 'dd', lastSeq: 0 });
    await waitFor(() => feed.events.length >= 1, { what: 'the order after the restart' });
    await new Promise((r) => setTimeout(r, 500));
    expect(feed.events.map((e) => [e.seq, e.kind, e.id])).toEqual([[1, 'order.paid', `doudian:order.paid:${orderId}`]]);
    expect(feed.events[0].data).toMatchObject({
      orderId,
      items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: { amount: 8800, currency: 'CNY' } }],
      total: { amount: 8800, currency: 'CNY' },
      channel: 'live',
    });
    expect(dd.state.orderCalls).toBe(callsBefore + 1);
    feed.close();
  });

  it('a queued order whose room lost its order API is still emitted after the restart, as pushed', async () => {
    const orderId = '6917543210987654888';
    const held = dd.holdNext();
    const first = await startGateway({ dataDir: join(dir, 'gw'), rooms: [room()] });
    const body = doudianPush([doudianPaid(orderId, 8800)]);
    const ack = await postDoudian(first.url, 'dd', body);
    expect(ack.status).toBe(200);
    await held;
    await first.close();
    const second = await startGateway({ dataDir: join(dir, 'gw'), rooms: [{ ...room(), doudian: DOUDIAN_CREDS }] });
    try {
      const feed = connectFeed(second.url, { token: 'read-token-dd', room: 'dd', lastSeq: 0 });
      await waitFor(() => feed.events.length >= 1, { what: 'the queued order' });
      expect(feed.events.map((e) => e.data)).toEqual([
        { orderId, items: [], total: { amount: 8800, currency: 'CNY' } },
      ]);
      expect(second.orderJobs()).toMatchObject({ fallback: 1 });
      feed.close();
    } finally {
      await second.close();
    }
  });

  it('refuses a bad order API config at start, naming the path', async () => {
    const config = join(dir, 'bad.json');
    const bad = room();
    writeFileSync(
      config,
      JSON.stringify({
        rooms: [{ ...bad, doudian: { ...bad.doudian, orderApi: { shopId: 'shop-7', baseUrl: dd.url } } }],
      }),
    );
    const child = spawnTracked(
      process.execPath,
      ['--import', 'tsx', 'gateway/cli.ts', '--config', config, '--port', '0'],
      {
        cwd: REPO_ROOT,
      },
    );
    children.push(child);
    expect(await child.exited).toBe(2);
    expect(child.output()).toContain('rooms[0].doudian.orderApi.shopId');
    expect(child.output()).not.toContain(DOUDIAN_CREDS.appSecret);
  });
});
