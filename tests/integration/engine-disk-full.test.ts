/**
 * A full disk in the middle of a show, for real: the headless engine's data folder is a small tmpfs that
 * the test fills up while a gateway keeps acknowledging orders. The engine must stay up and say so on
 * /status; the ledger refuses the batches it cannot commit and the link does not move past them; once
 * space is back the figures equal the gateway's events exactly (nothing lost, nothing counted twice).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../../gateway/gateway';
import type { StatusResponse } from '../../shared/contract';
import type { InboundEvent } from '../../shared/events';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { waitFor } from '../harness/process';
import { mountSmallDisk, type SmallDisk } from '../harness/tmpfs';

let disk: SmallDisk | null = null;
let gw: Gateway | null = null;
let engine: EngineProcess | null = null;
let gwDir = '';

afterEach(async () => {
  await engine?.dispose();
  await gw?.close();
  disk?.unmount();
  if (gwDir) rmSync(gwDir, { recursive: true, force: true });
  engine = null;
  gw = null;
  disk = null;
});

const room = 'show';
const token = 'read-token-show';

/** Orders paid now (inside the session), with a long comment each to make the ledger grow. */
function orders(from: number, count: number): InboundEvent[] {
  const out: InboundEvent[] = [];
  for (let i = from; i < from + count; i++) {
    const amount = 1_000 + (i % 37) * 100;
    out.push({
      id: `test:order.paid:o${i}`,
      platform: 'test',
      occurredAt: Date.now(),
      kind: 'order.paid',
      data: {
        orderId: `o${i}`,
        items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: { amount, currency: 'CNY' } }],
        total: { amount, currency: 'CNY' },
        buyerId: `u_${i}`,
        channel: 'live',
      },
    });
    out.push({
      id: `test:chat:c${i}`,
      platform: 'test',
      occurredAt: Date.now(),
      actor: { id: `u_${i}`, name: '小鹿' },
      kind: 'chat',
      data: { text: `${'3号链接还有S码吗，想要米色的，'.repeat(15)}#${i}` },
    });
  }
  return out;
}
const gmvOf = (from: number, count: number) =>
  Array.from({ length: count }, (_, k) => 1_000 + ((from + k) % 37) * 100).reduce((a, b) => a + b, 0);

describe('a full disk during a show', () => {
  it('keeps the engine up, says so, refuses and later applies every acknowledged event exactly once', async () => {
    disk = mountSmallDisk(6 * 1024 * 1024);
    gwDir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
    gw = await startGateway({ dataDir: gwDir, rooms: [{ id: room, readTokens: [token] }] });
    engine = await startEngineProcess({
      dataDir: join(disk.dir, 'studio'),
      args: ['--gateway', gw.url, '--room', room, '--token', token],
    });
    const status = async () => (await (await engine!.api('/status')).json()) as StatusResponse;
    await waitFor(async () => (await status()).gateway.connected, { what: 'linked', timeoutMs: 60_000 });
    const started = (await (await engine.api('/sessions/start', { method: 'POST', body: '{}' })).json()) as {
      session: { id: string };
    };
    const id = started.session.id;
    // A small disk is "almost full" from the start (below the 2 GiB default threshold).
    const first = await status();
    expect(first.storage.low).toBe(true);
    expect(first.storage.folders.find((f) => f.kind === 'data')).toMatchObject({ low: true });

    let next = 1;
    const ingest = async (count: number) => {
      const events = orders(next, count);
      next += count;
      for (let i = 0; i < events.length; i += 100) await gw!.ingest(room, events.slice(i, i + 100));
    };
    await ingest(50);
    await waitFor(async () => (await status()).gateway.lastSeq === 100, { what: 'first orders applied' });

    disk.fill();
    // The gateway acknowledges every event; the engine cannot write them.
    let fullSeen: StatusResponse | null = null;
    for (let round = 0; round < 40 && !fullSeen; round++) {
      await ingest(50);
      const s = await status();
      if (s.storage.ledgerWriteFailing) fullSeen = s;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(fullSeen, 'the ledger never refused a batch: the disk was not full').not.toBeNull();
    expect(fullSeen!.storage.full).toBe(true);
    expect(fullSeen!.storage.ledgerWriteFailing).toBe('SQLITE_FULL');
    const head = (next - 1) * 2;
    // Still serving, and honest: the link is not at the gateway's head.
    await new Promise((r) => setTimeout(r, 1_500));
    const during = await status();
    expect(engine.process.child.exitCode).toBeNull();
    expect(during.gateway.lastSeq).toBeLessThan(head);
    expect(during.storage.full).toBe(true);
    // A show goes on in other ways: pins, status and reads still answer.
    expect((await engine.api('/products')).status).toBe(200);

    disk.free();
    const after = await waitFor(
      async () => {
        const s = await status();
        return s.gateway.lastSeq === head && s.storage.ledgerWriteFailing === null ? s : null;
      },
      { what: 'caught up after space came back', timeoutMs: 90_000 },
    );
    expect(after.storage.full).toBe(false);
    // The log says what happened once it can write again (lines it could not write were counted, not fatal).
    await waitFor(
      () => readFileSync(join(disk!.dir, 'studio', 'logs', 'engine.log'), 'utf8').includes('the ledger writes again'),
      {
        what: 'recovery logged',
      },
    );
    const orderCount = next - 1;
    const stats = (await (await engine.api(`/sessions/${id}/stats`)).json()) as {
      figures: { orders: number; paidGmv: { amount: number } };
    };
    expect(stats.figures.orders).toBe(orderCount);
    expect(stats.figures.paidGmv.amount).toBe(gmvOf(1, orderCount));
    const exported = (await (await engine.api(`/sessions/${id}/export?format=json`)).json()) as {
      orderLines: { orderId: string }[];
    };
    const ids = exported.orderLines.map((l) => l.orderId);
    expect(new Set(ids).size).toBe(orderCount);
    expect(ids.length).toBe(orderCount);
  }, 240_000);
});
