/**
 * Gateway benchmarks, each against a baseline measured in the same run:
 * - fan-out throughput: events/s from ingestion to 10 connected socket.io clients vs a raw `ws` broadcast of
 *   the same batches to 10 ws clients;
 * - ingest-to-client latency p50/p99 at 1,000 and 5,000 events/s (signed HTTP batches every 10 ms) vs the
 *   same batches broadcast over raw ws;
 * - ingestion: signed batches of 100 events, 100 per second, sustained: ack latency p99 vs a bare node:http
 *   server that reads the body and answers (no verification, no validation, no durability).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { WebSocket, WebSocketServer } from 'ws';
import { type Gateway, startGateway } from '../gateway/gateway';
import { signStandardWebhook } from '../gateway/signature/standard-webhooks';
import type { InboundEvent, LiveEvent } from '../shared/events';
import { type BenchResult, percentile } from './types';

const CLIENTS = 10;
const secret = `whsec_${Buffer.from('maishou-bench-secret-0123456789').toString('base64')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
function makeBatch(n: number): InboundEvent[] {
  return Array.from({ length: n }, () => {
    counter++;
    return {
      id: `b-${counter}`,
      platform: 'bench',
      occurredAt: Date.now(),
      actor: { id: `u_${counter % 500}`, name: '小鹿呀' },
      kind: 'chat',
      data: { text: `3号有S码吗 姐妹们冲 #${counter}` },
    } as InboundEvent;
  });
}

async function withGateway<T>(fn: (gw: Gateway) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'maishou-bench-'));
  const gw = await startGateway({
    dataDir: dir,
    rooms: [
      {
        id: 'bench',
        secrets: [secret],
        readTokens: ['bench-read-token'],
        rateLimit: { requestsPerSecond: 100_000, burst: 100_000 },
      },
    ],
  });
  try {
    return await fn(gw);
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10 socket.io clients; `onEvents` sees every batch each client receives. */
async function sioClients(url: string, onEvents: (client: number, events: LiveEvent[]) => void): Promise<Socket[]> {
  const sockets = Array.from({ length: CLIENTS }, (_, i) => {
    // Stock transports, as real clients: long-polling first, measured once upgraded (their steady state).
    const s = connect(`${url}/live`, {
      auth: { token: 'bench-read-token', room: 'bench', lastSeq: 0 },
      forceNew: true,
    });
    s.on('events', (events: LiveEvent[]) => onEvents(i, events));
    return s;
  });
  await Promise.all(
    sockets.map(
      (s) =>
        new Promise<void>((r) =>
          s.io.once('open', () => {
            if (s.io.engine.transport.name === 'websocket') r();
            else s.io.engine.once('upgrade', () => r());
          }),
        ),
    ),
  );
  return sockets;
}

/** A raw ws server with 10 clients; `broadcast` sends one JSON array to all of them. */
async function wsBaseline(onEvents: (client: number, events: { id: string }[]) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as AddressInfo).port;
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.on('message', (data) => onEvents(i, JSON.parse(String(data))));
    return ws;
  });
  await Promise.all(clients.map((c) => new Promise((r) => c.once('open', r))));
  return {
    broadcast(events: unknown[]) {
      const text = JSON.stringify(events);
      for (const c of wss.clients) c.send(text);
    },
    async close() {
      for (const c of clients) c.close();
      await new Promise((r) => wss.close(r));
    },
  };
}

async function postBatch(url: string, events: InboundEvent[]): Promise<number> {
  const body = JSON.stringify(events);
  const ts = Math.floor(Date.now() / 1000);
  const id = `msg_${counter}_${Math.random()}`;
  const res = await fetch(`${url}/v1/rooms/bench/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': signStandardWebhook(secret, id, ts, body),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function fanOut(total: number): Promise<BenchResult> {
  const batches = Array.from({ length: total / 500 }, () => makeBatch(500));
  // Gateway: ingest (validation, dedupe, seq, SQLite FULL commit) -> feed -> 10 socket.io clients.
  const gatewayRate = await withGateway(async (gw) => {
    const received = new Array(CLIENTS).fill(0);
    let done: () => void = () => {};
    const finished = new Promise<void>((r) => {
      done = r;
    });
    const sockets = await sioClients(gw.url, (i, events) => {
      received[i] += events.length;
      if (received.every((n) => n >= total)) done();
    });
    const start = performance.now();
    for (const b of batches) await gw.ingest('bench', b);
    await finished;
    const rate = total / ((performance.now() - start) / 1000);
    for (const s of sockets) s.close();
    return rate;
  });
  // Baseline: the same batches (already stamped like live events) broadcast over raw ws.
  const live = batches.map((b, k) =>
    b.map((e, j) => ({ v: 1, seq: k * 500 + j + 1, room: 'bench', receivedAt: 0, ...e })),
  );
  const received = new Array(CLIENTS).fill(0);
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => {
    done = r;
  });
  const ws = await wsBaseline((i, events) => {
    received[i] += events.length;
    if (received.every((n) => n >= total)) done();
  });
  const start = performance.now();
  for (const b of live) {
    ws.broadcast(b);
    await new Promise((r) => setImmediate(r));
  }
  await finished;
  const wsRate = total / ((performance.now() - start) / 1000);
  await ws.close();
  return {
    name: `gateway fan-out to ${CLIENTS} clients (${total} events, batches of 500)`,
    value: Math.round(gatewayRate),
    baseline: Math.round(wsRate),
    unit: 'events/s',
    better: 'higher',
    baselineName: 'raw ws broadcast',
    context: { events: total, clients: CLIENTS },
  };
}

async function latency(rate: number, seconds: number): Promise<BenchResult> {
  const perTick = rate / 100; // one batch every 10 ms
  const ticks = seconds * 100;
  const measure = async (send: (events: InboundEvent[]) => void, sent: Map<string, number>, lat: number[]) => {
    // Warm-up (connections, JIT) for half a second, not measured.
    for (let t = 0; t < 50; t++) {
      send(makeBatch(perTick));
      await sleep(10);
    }
    await sleep(200);
    lat.length = 0;
    const start = performance.now();
    for (let t = 0; t < ticks; t++) {
      const batch = makeBatch(perTick);
      const at = performance.now();
      for (const e of batch) sent.set(e.id, at);
      send(batch);
      const next = start + (t + 1) * 10;
      await sleep(Math.max(0, next - performance.now()));
    }
    const expected = ticks * perTick * CLIENTS;
    const deadline = Date.now() + 30_000;
    while (lat.length < expected && Date.now() < deadline) await sleep(20);
    return lat.length / expected;
  };
  const gwLat: number[] = [];
  const gwSent = new Map<string, number>();
  let gwDelivered = 0;
  await withGateway(async (gw) => {
    const sockets = await sioClients(gw.url, (_i, events) => {
      const now = performance.now();
      for (const e of events) {
        const at = gwSent.get(e.id);
        if (at !== undefined) gwLat.push(now - at);
      }
    });
    gwDelivered = await measure((batch) => void postBatch(gw.url, batch), gwSent, gwLat);
    for (const s of sockets) s.close();
  });
  const wsLat: number[] = [];
  const wsSent = new Map<string, number>();
  const ws = await wsBaseline((_i, events) => {
    const now = performance.now();
    for (const e of events) {
      const at = wsSent.get(e.id);
      if (at !== undefined) wsLat.push(now - at);
    }
  });
  await measure((batch) => ws.broadcast(batch), wsSent, wsLat);
  await ws.close();
  return {
    name: `ingest-to-client latency p99 at ${rate} events/s (signed HTTP, ${CLIENTS} clients)`,
    value: Number(percentile(gwLat, 99).toFixed(2)),
    baseline: Number(percentile(wsLat, 99).toFixed(2)),
    unit: 'ms',
    better: 'lower',
    baselineName: 'raw ws broadcast',
    context: {
      p50: Number(percentile(gwLat, 50).toFixed(2)),
      baselineP50: Number(percentile(wsLat, 50).toFixed(2)),
      delivered: Number(gwDelivered.toFixed(4)),
    },
  };
}

async function ingestAcks(seconds: number): Promise<BenchResult> {
  const run = async (url: string, path: string) => {
    const acks: number[] = [];
    let failures = 0;
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let t = 0; t < seconds * 100; t++) {
      const batch = makeBatch(100);
      const at = performance.now();
      pending.push(
        (path === 'gateway'
          ? postBatch(url, batch)
          : fetch(url, { method: 'POST', body: JSON.stringify(batch) }).then(async (r) => {
              await r.arrayBuffer();
              return r.status;
            })
        ).then((status) => {
          if (status === 200) acks.push(performance.now() - at);
          else failures++;
        }),
      );
      await sleep(Math.max(0, start + (t + 1) * 10 - performance.now()));
    }
    await Promise.all(pending);
    return { acks, failures, elapsed: (performance.now() - start) / 1000 };
  };
  const gw = await withGateway((g) => run(g.url, 'gateway'));
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const base = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, 'bare');
  bare.closeAllConnections();
  await new Promise((r) => bare.close(r));
  return {
    name: 'ingestion ack latency p99: signed batches of 100 events, 100 batches/s',
    value: Number(percentile(gw.acks, 99).toFixed(2)),
    baseline: Number(percentile(base.acks, 99).toFixed(2)),
    unit: 'ms',
    better: 'lower',
    baselineName: 'bare node:http read+200',
    context: {
      p50: Number(percentile(gw.acks, 50).toFixed(2)),
      baselineP50: Number(percentile(base.acks, 50).toFixed(2)),
      eventsPerSecond: Math.round((gw.acks.length * 100) / gw.elapsed),
      failures: gw.failures,
    },
  };
}

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(await fanOut(quick ? 20_000 : 100_000));
  results.push(await latency(1000, quick ? 2 : 5));
  results.push(await latency(5000, quick ? 2 : 5));
  results.push(await ingestAcks(quick ? 2 : 10));
  return results;
}
