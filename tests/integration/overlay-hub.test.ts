import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOverlayHandlers } from '../../electron/engine/overlay';
import type { OverlayState } from '../../shared/contract/overlay';
import { ensureOverlayBuild } from '../harness/overlay-build';
import { comment, HOSTILE, paidTick, sampleCard } from '../harness/overlay-data';
import { type OverlayServer, startOverlayServer } from '../harness/overlay-server';
import { waitFor } from '../harness/process';

let server: OverlayServer;
const sockets: Socket[] = [];

/** An overlay client recording every message it gets, merged into its view of the state. */
function client(token: string | undefined = server.overlayToken, page?: string) {
  const messages: { event: string; data: unknown }[] = [];
  let state: OverlayState | null = null;
  const socket = io(`${server.url}/overlay`, { auth: { token, page }, reconnectionDelay: 100 });
  sockets.push(socket);
  socket.on('snapshot', (s: OverlayState) => {
    messages.push({ event: 'snapshot', data: s });
    state = s;
  });
  // Like the page: a studio that shut down closed us on purpose; ask again.
  socket.on('disconnect', (reason) => reason === 'io server disconnect' && setTimeout(() => socket.connect(), 200));
  socket.on('patch', (p: Partial<OverlayState>) => {
    messages.push({ event: 'patch', data: p });
    if (state) state = { ...state, ...p };
  });
  return { socket, messages, state: () => state };
}

beforeAll(async () => {
  const rendererDir = await ensureOverlayBuild();
  server = await startOverlayServer({ rendererDir });
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await server?.dispose();
});

describe('overlay pages over HTTP', () => {
  it('refuses a request without a valid token with the error body, not the page', async () => {
    for (const token of [null, 'not-a-token']) {
      const res = await fetch(server.pageUrl('product', token));
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('unauthorized');
    }
  });

  it('serves each page with the overlay token and, for previews, the control token', async () => {
    for (const name of ['product', 'chat', 'orders', 'goal']) {
      const res = await fetch(server.pageUrl(name));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(await res.text()).toContain('<div id="stage">');
    }
    expect((await fetch(server.pageUrl('product', server.controlToken))).status).toBe(200);
  });

  it('answers 404 for an unknown overlay and 405 for other methods', async () => {
    expect((await fetch(server.pageUrl('weather'))).status).toBe(404);
    expect((await fetch(server.pageUrl('../tokens.json'))).status).toBe(404);
    expect((await fetch(server.pageUrl('product'), { method: 'POST' })).status).toBe(405);
  });
});

describe('overlay namespace', () => {
  it('refuses a socket without a valid token', async () => {
    const c = client('wrong-token-wrong-token');
    const error = await new Promise<Error>((resolve) => c.socket.once('connect_error', resolve));
    expect(error.message).toBe('bad_token');
    expect(c.messages).toEqual([]);
  });

  it('sends the whole state on connect, then the pin the moment it is set', async () => {
    server.hub.setProductCard(null);
    const c = client();
    await waitFor(() => c.state(), { what: 'snapshot' });
    expect(c.state()?.product).toBeNull();
    expect(c.state()?.settings.theme).toBe('light');
    const card = sampleCard({ title: HOSTILE });
    server.hub.setProductCard(card);
    await waitFor(() => c.state()?.product?.pinVersion === card.pinVersion, { what: 'pin patch' });
    expect(c.state()?.product?.title).toBe(HOSTILE);
    const last = c.messages.at(-1);
    expect(last?.event).toBe('patch');
    expect(Object.keys(last?.data as object)).toEqual(['product']);
  });

  it("masks buyers' names on the server: the full name never reaches an overlay", async () => {
    const c = client();
    await waitFor(() => c.state(), { what: 'snapshot' });
    server.hub.addOrders([paidTick('小鹿鹿', 2), { ...paidTick('王大锤'), kind: 'created' }]);
    await waitFor(() => c.state()?.orders.some((o) => o.name === '小*'), { what: 'order tick' });
    const tick = c.state()?.orders.find((o) => o.name === '小*');
    expect(tick?.qty).toBe(2);
    const wire = JSON.stringify(c.messages);
    expect(wire).not.toContain('小鹿鹿');
    expect(wire).not.toContain('王大锤'); // a created (unpaid) order is not celebrated at all
  });

  it('coalesces an order flood into few messages', async () => {
    const c = client();
    await waitFor(() => c.state(), { what: 'snapshot' });
    const before = c.messages.length;
    for (let i = 0; i < 200; i++) server.hub.addOrders([paidTick(`买家${i}`)]);
    await waitFor(() => c.state()?.orders.at(-1)?.name === '买*', { what: 'flood' });
    await new Promise((r) => setTimeout(r, 250));
    expect(c.messages.length - before).toBeLessThanOrEqual(3);
    expect(c.state()?.orders.length).toBe(20);
  });

  it('gives the orders page every order of a rush once, more than the state keeps within one step', async () => {
    const orders = client(server.overlayToken, 'orders');
    await waitFor(() => orders.state(), { what: 'snapshot' });
    const seen = () =>
      orders.messages.flatMap((m) => (m.event === 'patch' ? ((m.data as Partial<OverlayState>).orders ?? []) : []));
    const before = new Set(seen().map((t) => t.id));
    // 60 paid orders at once: three times what the state keeps (20), all within one step of the page.
    const rush = Array.from({ length: 60 }, (_, i) => ({ ...paidTick(`抢购${i}`), id: `rush-${i}` }));
    server.hub.addOrders(rush);
    server.hub.addOrders(rush.slice(-10)); // a feed delivering the newest again (the page's queue drops older repeats)
    await waitFor(() => seen().some((t) => t.id === 'rush-59'), { what: 'the rush' });
    await new Promise((r) => setTimeout(r, 300));
    const got = seen().filter((t) => !before.has(t.id) && t.id.startsWith('rush-'));
    expect(got.map((t) => t.id)).toEqual(rush.map((t) => t.id));
  });

  it('sends a page that names itself only the slices it draws; a client naming none gets them all', async () => {
    const goal = client(server.overlayToken, 'goal');
    const chat = client(server.overlayToken, 'chat');
    const all = client();
    for (const c of [goal, chat, all]) await waitFor(() => c.state(), { what: 'snapshot' });
    await server.hub.setSettings({ chatMode: 'all' });
    server.hub.addChat([comment('阿绿', '好看')]);
    server.hub.addOrders([paidTick('小鹿')]);
    server.hub.setGoalCurrent({ amount: 4_200, currency: 'CNY' });
    await waitFor(() => all.state()?.goal.current.amount === 4_200 && all.state()?.chat.length === 1, {
      what: 'every slice to the client naming no page',
    });
    await waitFor(() => goal.state()?.goal.current.amount === 4_200, { what: 'goal to the goal page' });
    await waitFor(() => chat.state()?.chat.at(-1)?.text === '好看', { what: 'chat to the chat page' });
    const keys = (c: typeof goal) =>
      new Set(c.messages.filter((m) => m.event === 'patch').flatMap((m) => Object.keys(m.data as object)));
    expect([...keys(goal)].sort()).toEqual(['goal', 'settings']);
    expect([...keys(chat)].sort()).toEqual(['chat', 'settings']);
    expect(keys(all)).toEqual(new Set(['settings', 'chat', 'orders', 'goal']));
    await server.hub.setSettings({ chatMode: 'highlights' });
  });

  it('shows live comments only in the chosen chat mode', async () => {
    const handlers = createOverlayHandlers(server.hub);
    const c = client();
    await waitFor(() => c.state(), { what: 'snapshot' });
    server.hub.addChat([comment('阿绿', '多少钱', true)]);
    await handlers['overlay.settings.set']({ chatMode: 'questions' });
    server.hub.addChat([comment('阿绿', '好看', false), comment('阿蓝', '3号多少钱？', true)]);
    await waitFor(() => c.state()?.chat.length === 1, { what: 'question line' });
    expect(c.state()?.chat[0].text).toBe('3号多少钱？');
    await handlers['overlay.settings.set']({ chatMode: 'highlights' });
    await waitFor(() => c.state()?.chat.length === 0, { what: 'live chat cleared' });
  });

  it('persists settings, refuses bad ones with the path, and gives URLs with the overlay token', async () => {
    const handlers = createOverlayHandlers(server.hub);
    const settings = await handlers['overlay.settings.set']({
      theme: 'dark',
      brandColor: '#7c3aed',
      placement: { product: { x: 100 } },
      goalTarget: { amount: 5_000_000, currency: 'CNY' },
    });
    expect(settings.placement.product).toEqual({ x: 100, y: 640, scale: 1, visible: true });
    const onDisk = JSON.parse(readFileSync(join(server.dataDir, 'overlay.json'), 'utf8'));
    expect(onDisk.brandColor).toBe('#7c3aed');
    await expect(handlers['overlay.settings.set']({ brandColor: 'red' } as never)).rejects.toMatchObject({
      code: 'invalid_arguments',
      path: 'brandColor',
    });
    const urls = await handlers['overlay.urls']({});
    expect(urls.product).toBe(`${server.url}/overlay/product?token=${server.overlayToken}`);
    expect(Object.keys(urls)).toEqual(['product', 'chat', 'orders', 'goal']);
    await expect(handlers['overlay.setupObs']({ sceneName: '直播' })).rejects.toMatchObject({
      code: 'obs_not_connected',
    });
  });

  it('a page reconnects by itself after the server restarts and gets a fresh snapshot', async () => {
    const c = client();
    await waitFor(() => c.state(), { what: 'snapshot' });
    await server.restart();
    server.hub.setProductCard(sampleCard({ title: '重启后的商品' }));
    await waitFor(() => c.state()?.product?.title === '重启后的商品', { what: 'state after restart' });
    // Settings survived the restart (overlay.json), the goal target with them.
    expect(c.state()?.settings.theme).toBe('dark');
    expect(c.state()?.goal.target?.amount).toBe(5_000_000);
  });
});

describe('overlay hub economy', () => {
  it('sends nothing when the card did not change', async () => {
    const card = sampleCard();
    server.hub.setProductCard(card);
    const c = client();
    await waitFor(() => c.state()?.product?.pinVersion === card.pinVersion, { what: 'snapshot with card' });
    server.hub.setProductCard({ ...card });
    server.hub.setProductCard({ ...card, sold: card.sold + 1 });
    await waitFor(() => c.state()?.product?.sold === card.sold + 1, { what: 'figure change' });
    expect(c.messages.filter((m) => m.event === 'patch')).toHaveLength(1);
  });
});
