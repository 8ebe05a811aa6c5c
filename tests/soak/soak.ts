/**
 * Show-day soak: a simulated show (default 4 hours at 100x = 144 s) sent through a real standalone
 * gateway to a real headless engine, with faults injected at fixed points of the show, then checked:
 * every acknowledged paid order in the export exactly once, the engine's figures equal to the pure
 * computation over what the gateway holds, no error in the logs, memory bounded.
 *
 *   driver --signed webhooks--> gateway (child, on Redis) <--socket.io via a cuttable TCP proxy-- engine (child)
 *                                   ^ Redis (real, appendfsync always; killed and restarted once)   ^ OBS (optional)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusResponse } from '../../shared/contract';
import type { LiveEvent } from '../../shared/events';
import type { SessionExport } from '../../shared/metrics/export';
import { computeFigures } from '../../shared/metrics/figures';
import { replayEvents } from '../../shared/metrics/replay';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { connectFeed, newSecret } from '../harness/gateway';
import type { ObsHarness } from '../harness/obs';
import { freePort, waitFor } from '../harness/process';
import { type RedisServer, startRedis } from '../harness/redis';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { mountSmallDisk, type SmallDisk } from '../harness/tmpfs';
import { WebhookDriver } from './driver';
import { connectSeat, type GatewayProcess, levelOf, rssBytes, startGatewayProcess } from './processes';
import { prng, ShowGenerator } from './show';

export interface SoakOptions {
  /** Simulated show length in minutes (240 = a 4-hour show). */
  showMinutes: number;
  /** Simulated seconds per real second. */
  speed: number;
  /** Kill and restart a real OBS during the show (needs obs-studio and Xvfb). */
  obs: boolean;
  /** Open the console's live page in Chromium and sample its JS heap (needs a renderer build). */
  console: boolean;
  /** Assert the memory limits (the long run); the short run only reports them. */
  enforceMemory: boolean;
  log?: (line: string) => void;
}

/** Memory limits, stated here and asserted at the end of the long run. */
export const MEMORY_LIMITS = {
  /** Engine RSS may grow at most this much from the warm baseline (after the last engine restart) to the end. */
  engineRssGrowthBytes: 120 * 1024 * 1024,
  /** Engine RSS never above this. */
  enginePeakRssBytes: 600 * 1024 * 1024,
  /** Console JS heap (after GC) may grow at most this much from baseline to end. */
  consoleHeapGrowthBytes: 40 * 1024 * 1024,
} as const;

/** Messages the engine logs at error level while its disk is full, by design. */
const FULL_DISK_ERRORS = [
  'the ledger cannot write',
  'gateway link: apply failed',
  'log lines are being dropped',
  'pin change not recorded',
];

export interface FaultRecord {
  name: string;
  atShowMinute: number;
  /** real ms until the system was whole again (engine/gateway ready, OBS re-identified, link live) */
  recoveryMs: number;
  note?: string;
}

export interface SoakResult {
  options: Omit<SoakOptions, 'log'>;
  command: string;
  startedAt: string;
  realSeconds: number;
  /** show minutes actually run: the show goes on until every fault has run */
  actualShowMinutes: number;
  events: { sent: number; acknowledged: number; gatewayHead: number; byKind: Record<string, number> };
  driver: WebhookDriver['stats'];
  faults: FaultRecord[];
  orders: { expectedInWindow: number; inExport: number; missing: number; duplicated: number; extra: number };
  figures: { equal: boolean; engine: unknown; expected: unknown; differences: string[] };
  anomalies: number;
  logErrors: string[];
  /** Error lines the full-disk phase is expected to log (ledger refusing, link retrying), not counted as faults. */
  fullDiskErrorLines?: number;
  memory: {
    engineRss: { baseline: number | null; end: number | null; peak: number; growth: number | null };
    gatewayRssPeak: number;
    consoleHeap: { baseline: number | null; end: number | null; growth: number | null; note?: string };
    engineStateBytes: { baseline: number | null; end: number | null };
    limits: typeof MEMORY_LIMITS;
    withinLimits: boolean;
  };
  failures: string[];
  passed: boolean;
}

const ROOM = 'soak';
const READ_TOKEN = 'soak-read-token-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'maishou-soak-'));
  const secret = newSecret();
  const gwConfig = join(root, 'gateway-config.json');
  writeFileSync(gwConfig, JSON.stringify({ rooms: [{ id: ROOM, secrets: [secret], readTokens: [READ_TOKEN] }] }));
  // The engine's data folder on a disk of its own (a real tmpfs, as root) so the show can run it full.
  let disk: SmallDisk | null = null;
  let diskNote = '';
  try {
    disk = mountSmallDisk(2 * 1024 ** 3);
  } catch (error) {
    diskNote = `full-disk phase skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
  const engineDir = join(disk?.dir ?? root, 'engine');
  mkdirSync(engineDir, { recursive: true });

  const failures: string[] = [];
  const faults: FaultRecord[] = [];
  let gateway: GatewayProcess | null = null;
  let redis: RedisServer | null = null;
  let proxy: TcpProxy | null = null;
  let engine: EngineProcess | null = null;
  let obs: ObsHarness | null = null;
  let browser: import('@playwright/test').Browser | null = null;
  const engineErrors: string[] = [];
  const memory = {
    engineRssPeak: 0,
    gatewayRssPeak: 0,
    engineRssBaseline: null as number | null,
    engineRssEnd: null as number | null,
    consoleBaseline: null as number | null,
    consoleEnd: null as number | null,
    consoleNote: undefined as string | undefined,
    stateBaseline: null as number | null,
    stateEnd: null as number | null,
  };

  try {
    // --- processes -------------------------------------------------------------------------------
    const gwPort = await freePort();
    redis = await startRedis();
    gateway = await startGatewayProcess({
      config: gwConfig,
      dataDir: join(root, 'gateway-data'),
      port: gwPort,
      redisUrl: redis.url,
    });
    proxy = await startTcpProxy(gwPort);
    if (options.obs) {
      const { startObs } = await import('../harness/obs');
      obs = await startObs();
      log(`OBS up at ${obs.url}`);
    }
    engine = await startEngineProcess({
      dataDir: engineDir,
      args: [
        '--gateway',
        proxy.url,
        '--room',
        ROOM,
        '--token',
        READ_TOKEN,
        ...(obs ? ['--obs', obs.url, '--obs-password', obs.password] : []),
      ],
    });
    const eng = engine;
    const status = async (): Promise<StatusResponse> =>
      (await (await eng.api('/status', { signal: AbortSignal.timeout(5_000) })).json()) as StatusResponse;
    await waitFor(async () => (await status()).gateway.connected, { what: 'engine linked to the gateway' });
    if (obs) await waitFor(async () => (await status()).obs.connected, { what: 'engine on OBS', timeoutMs: 60_000 });
    log(`engine ${eng.url} (pid ${eng.process.pid}), gateway ${gateway.url} via proxy ${proxy.url}`);

    const started = (await (
      await eng.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title: 'soak show' }) })
    ).json()) as { session: { id: string; startedAt: number } };
    const sessionId = started.session.id;

    // --- console (optional) ------------------------------------------------------------------------
    let consoleHeap: (() => Promise<number | null>) | null = null;
    if (options.console) {
      try {
        const { launchChromium } = await import('../harness/chromium');
        browser = await launchChromium();
        const page = await browser.newPage();
        await page.goto(`${eng.url}/live#token=${eng.controlToken}`);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        consoleHeap = async () => {
          try {
            await cdp.send('HeapProfiler.collectGarbage');
            const { metrics } = await cdp.send('Performance.getMetrics');
            return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
          } catch {
            return null;
          }
        };
        const title = await page.title();
        log(`console page open (${title})`);
      } catch (error) {
        memory.consoleNote = `console not sampled: ${(error as Error).message.split('\n')[0]}`;
        log(memory.consoleNote);
      }
    }

    // --- sampling ----------------------------------------------------------------------------------
    const sampler = setInterval(() => {
      const e = rssBytes(eng.process.pid);
      if (e) memory.engineRssPeak = Math.max(memory.engineRssPeak, e);
      const g = gateway ? rssBytes(gateway.pid) : null;
      if (g) memory.gatewayRssPeak = Math.max(memory.gatewayRssPeak, g);
    }, 1_000);
    const stateSize = async (): Promise<number | null> => {
      try {
        const seat = await connectSeat(eng.url, eng.controlToken);
        const size = JSON.stringify(seat.state).length;
        seat.close();
        return size;
      } catch {
        return null;
      }
    };

    // --- the show ----------------------------------------------------------------------------------
    const driver = new WebhookDriver(gateway.url, ROOM, secret);
    const show = new ShowGenerator();
    const rnd = prng(7);
    const showMs = options.showMinutes * 60_000;
    const showStart = Date.now();
    const simNow = () => (Date.now() - showStart) * options.speed;
    const minute = () => Math.round(simNow() / 60_000);
    const queue: ReturnType<ShowGenerator['tick']>[] = [];
    let chatFactor = 1;
    let generating = true;
    let faultsDone = false;
    let held: ReturnType<ShowGenerator['tick']> | null = null;

    // The show goes on until its length is reached and every fault has run (faults take real time).
    const generator = (async () => {
      let last = 0;
      let ticks = 0;
      while (generating) {
        await sleep(250);
        const now = simNow();
        const events = show.tick(Date.now(), last, now, chatFactor);
        last = now;
        // batches of at most 500 events (the gateway's limit)
        const batches: ReturnType<ShowGenerator['tick']>[] = [];
        for (let i = 0; i < events.length; i += 400) batches.push(events.slice(i, i + 400));
        if (held) {
          // the held batch goes out after a later one: delivered out of order
          batches.push(held);
          held = null;
          driver.stats.outOfOrderBatches++;
        } else if (++ticks % 9 === 0 && batches.length > 0) {
          held = batches.pop()!;
        }
        queue.push(...batches);
        if (now >= showMs && faultsDone) {
          if (held) queue.push(held);
          generating = false;
        }
      }
    })();

    const sender = (async () => {
      let n = 0;
      while (generating || queue.length > 0) {
        const batch = queue.shift();
        if (!batch) {
          await sleep(20);
          continue;
        }
        if (batch.length === 0) continue;
        n++;
        await driver.send(batch);
        // every 6th batch, a platform redelivers an earlier one with the same ids
        if (n % 6 === 0) await driver.resendEarlier(rnd);
      }
    })();

    const at = async (fraction: number) => {
      while (simNow() < fraction * showMs) await sleep(50);
    };
    const fault = async (name: string, run: () => Promise<string | undefined>) => {
      const startedAt = Date.now();
      const atShowMinute = minute();
      log(`fault @${atShowMinute} min: ${name}`);
      try {
        const note = await run();
        faults.push({ name, atShowMinute, recoveryMs: Date.now() - startedAt, ...(note ? { note } : {}) });
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        faults.push({ name, atShowMinute, recoveryMs: Date.now() - startedAt, note: 'FAILED' });
      }
    };
    const linkLive = (what: string) =>
      waitFor(async () => (await status()).gateway.connected, { what, timeoutMs: 60_000, intervalMs: 200 });

    const faultPlan = (async () => {
      await at(0.08);
      await fault('network drop engine<->gateway (2 s)', async () => {
        proxy!.cut();
        await sleep(2_000);
        proxy!.restore();
        await linkLive('link back after the drop');
        return undefined;
      });
      await at(0.15);
      await fault('10x chat burst (10 show minutes)', async () => {
        chatFactor = 10;
        const until = simNow() + 10 * 60_000;
        while (simNow() < until) await sleep(50);
        chatFactor = 1;
        return undefined;
      });
      await at(0.25);
      await fault('engine SIGKILL + restart: the session goes on by itself (resume window)', async () => {
        await eng.kill();
        await eng.restart();
        const seat = await connectSeat(eng.url, eng.controlToken);
        const goesOn = seat.state?.session?.id === sessionId && seat.state?.interrupted === null;
        seat.close();
        if (!goesOn)
          throw new Error(
            `session did not go on: session ${JSON.stringify(seat.state?.session)}, interrupted ${JSON.stringify(seat.state?.interrupted)}`,
          );
        await linkLive('engine relinked after restart');
        return `new pid ${eng.process.pid}`;
      });
      await at(0.35);
      memory.engineRssBaseline = rssBytes(eng.process.pid);
      memory.stateBaseline = await stateSize();
      if (consoleHeap) memory.consoleBaseline = await consoleHeap();
      await at(0.4);
      await fault('gateway SIGKILL + restart', async () => {
        await gateway!.kill();
        await sleep(500);
        await gateway!.start();
        await linkLive('engine relinked to the restarted gateway');
        return undefined;
      });
      await at(0.5);
      await fault('flash sale: 500 orders in 10 s of show time', async () => {
        const orders = show.flashSale(Date.now(), simNow(), 500);
        const batches = [];
        for (let i = 0; i < orders.length; i += 100) batches.push(orders.slice(i, i + 100));
        await Promise.all(batches.map((b) => driver.send(b)));
        return `${orders.length} events in ${batches.length} concurrent batches`;
      });
      if (obs) {
        await at(0.6);
        await fault('OBS SIGKILL + restart', async () => {
          await obs!.kill();
          await waitFor(async () => !(await status()).obs.connected, {
            what: 'engine sees OBS gone',
            timeoutMs: 30_000,
          });
          await obs!.restart();
          await waitFor(async () => (await status()).obs.connected, { what: 'engine back on OBS', timeoutMs: 90_000 });
          return undefined;
        });
      }
      await at(0.55);
      if (!disk)
        faults.push({
          name: 'disk full on the engine data folder',
          atShowMinute: minute(),
          recoveryMs: 0,
          note: `SKIPPED: ${diskNote}`,
        });
      if (disk) {
        const small = disk;
        await fault('disk full on the engine data folder (8 s)', async () => {
          const filledAt = Date.now();
          small.fillNow();
          try {
            const refused = await waitFor(
              async () => {
                const s = await status();
                return s.storage.ledgerWriteFailing ? s : null;
              },
              { what: 'the ledger refusing writes on a full disk', timeoutMs: 30_000, intervalMs: 100 },
            );
            if (!refused.storage.full) throw new Error('status did not say the disk is full');
            await sleep(8_000);
            if (eng.process.child.exitCode !== null) throw new Error('the engine died on the full disk');
          } finally {
            small.restore();
          }
          const back = await waitFor(
            async () => {
              const s = await status();
              return s.storage.ledgerWriteFailing === null && s.gateway.connected ? s : null;
            },
            { what: 'the ledger writing again after space came back', timeoutMs: 90_000, intervalMs: 200 },
          );
          return `ledger refused writes (SQLITE_FULL) and caught up ${Math.round((Date.now() - filledAt) / 1000)} s after the disk filled; engine stayed up (pid ${eng.process.pid}); ${back.storage.droppedLogLines} log lines dropped`;
        });
      }
      await at(0.65);
      await fault('Redis SIGKILL, 3 s outage, restart', async () => {
        const refusedBefore = driver.stats.refusals['503'] ?? 0;
        await redis!.down();
        await sleep(3_000);
        await redis!.up();
        const acked = driver.stats.head;
        await waitFor(() => driver.stats.head > acked, {
          what: 'pushes acknowledged again after Redis',
          timeoutMs: 30_000,
        });
        return `${(driver.stats.refusals['503'] ?? 0) - refusedBefore} pushes answered 503 during the outage, retried`;
      });
      await at(0.7);
      await fault('gateway SIGTERM + restart', async () => {
        await gateway!.terminate();
        await gateway!.start();
        await linkLive('engine relinked after the gateway stop');
        return undefined;
      });
      await at(0.85);
      await fault('network drop engine<->gateway (5 s)', async () => {
        proxy!.cut();
        await sleep(5_000);
        proxy!.restore();
        await linkLive('link back after the long drop');
        return undefined;
      });
    })().finally(() => {
      faultsDone = true;
    });

    await Promise.all([generator, sender, faultPlan]);
    driver.stop();
    const actualShowMinutes = Math.round(simNow() / 60_000);
    log(`show sent: ${driver.sent.size} events, head seq ${driver.stats.head}`);

    // --- end of show: catch up, stop, collect ----------------------------------------------------
    const head = driver.stats.head;
    await waitFor(async () => (await status()).gateway.lastSeq >= head, {
      what: `engine caught up to seq ${head}`,
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    memory.engineRssEnd = rssBytes(eng.process.pid);
    memory.stateEnd = await stateSize();
    if (consoleHeap) memory.consoleEnd = await consoleHeap();
    clearInterval(sampler);
    const stopped = (await (await eng.api('/sessions/stop', { method: 'POST', body: '{}' })).json()) as {
      session: { id: string; startedAt: number; endedAt: number };
    };
    if (stopped.session?.id !== sessionId) failures.push(`stopped session ${stopped.session?.id} is not ${sessionId}`);
    const stats = (await (await eng.api(`/sessions/${sessionId}/stats`)).json()) as {
      figures: Record<string, unknown>;
      anomalies: unknown[];
    };
    const exported = (await (await eng.api(`/sessions/${sessionId}/export?format=json`)).json()) as SessionExport;

    // The gateway's durable record, read back over its own feed from seq 0.
    const feed = connectFeed(gateway.url, { token: READ_TOKEN, room: ROOM, lastSeq: 0 });
    await waitFor(() => feed.events.length >= head, { what: `gateway replay of ${head} events`, timeoutMs: 60_000 });
    await sleep(300);
    feed.close();
    const feedEvents: LiveEvent[] = feed.events;
    const feedIds = new Map<string, number>();
    for (const e of feedEvents) feedIds.set(e.id, (feedIds.get(e.id) ?? 0) + 1);
    if (feedEvents.length !== head) failures.push(`gateway holds ${feedEvents.length} events, head is ${head}`);
    if (feedEvents.some((e, i) => e.seq !== i + 1)) failures.push('gateway seqs are not 1..n without gaps');
    const lostAcked = [...driver.acknowledged.keys()].filter((id) => !feedIds.has(id));
    if (lostAcked.length) failures.push(`${lostAcked.length} acknowledged events missing at the gateway`);
    const twice = [...feedIds].filter(([, c]) => c > 1);
    if (twice.length) failures.push(`${twice.length} event ids emitted twice by the gateway`);
    const unknown = feedEvents.filter((e) => !driver.sent.has(e.id));
    if (unknown.length) failures.push(`${unknown.length} events at the gateway that were never sent`);

    // Orders: every acknowledged paid order of the window exactly once in the export.
    const window = { start: stopped.session.startedAt, end: stopped.session.endedAt };
    const replayed = replayEvents(feedEvents, { currency: 'CNY' });
    const expectedOrders = replayed.orders.filter((o) => o.paidAt >= window.start && o.paidAt < window.end);
    const ackedPaid = new Set(
      [...driver.acknowledged.values()]
        .filter((e) => e.kind === 'order.paid')
        .map((e) => (e.data as { orderId: string }).orderId),
    );
    const expectedIds = new Set(expectedOrders.map((o) => o.orderId));
    for (const id of ackedPaid)
      if (!expectedIds.has(id)) failures.push(`acknowledged paid order ${id} is outside the window`);
    const exportCounts = new Map<string, number>();
    for (const o of exported.orders) exportCounts.set(o.orderId, (exportCounts.get(o.orderId) ?? 0) + 1);
    const missing = [...expectedIds].filter((id) => !exportCounts.has(id));
    const duplicated = [...exportCounts].filter(([, c]) => c > 1).map(([id]) => id);
    const extra = [...exportCounts.keys()].filter((id) => !expectedIds.has(id));
    const linesExpected = expectedOrders.reduce((s, o) => s + o.lines.length, 0);
    if (missing.length)
      failures.push(`${missing.length} acknowledged paid orders missing from the export (${missing.slice(0, 3)})`);
    if (duplicated.length) failures.push(`${duplicated.length} orders more than once in the export`);
    if (extra.length) failures.push(`${extra.length} orders in the export that were never acknowledged`);
    if (exported.orderLines.length !== linesExpected)
      failures.push(`export has ${exported.orderLines.length} order lines, expected ${linesExpected}`);

    // Figures: the engine's against the pure computation over the same events and window.
    const expectedFigures = computeFigures({
      window,
      currency: 'CNY',
      orders: replayed.orders,
      refunds: replayed.refunds,
      viewers: replayed.viewers,
      chat: replayed.chat,
      likes: replayed.likes,
      pins: [],
      gaps: [],
      products: [],
    });
    const differences = Object.keys(expectedFigures).filter(
      (k) =>
        JSON.stringify((expectedFigures as unknown as Record<string, unknown>)[k]) !== JSON.stringify(stats.figures[k]),
    );
    for (const k of differences)
      failures.push(
        `figure ${k}: engine ${JSON.stringify(stats.figures[k])} != pure ${JSON.stringify((expectedFigures as unknown as Record<string, unknown>)[k])}`,
      );
    if (stats.anomalies.length !== replayed.anomalies.length)
      failures.push(`engine recorded ${stats.anomalies.length} anomalies, the pure model ${replayed.anomalies.length}`);

    // Logs: no error in the engine's log files (all runs, rotated ones too) or the gateway's stderr.
    await eng.stop();
    const logDir = join(eng.dataDir, 'logs');
    let expectedDiskErrors = 0;
    for (const file of readdirSync(logDir).filter((f) => /^engine.*\.log$/.test(f))) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
        if (levelOf(line) < 50) continue;
        // The full-disk phase is meant to produce these (said once per streak); anything else is a fault.
        if (disk && FULL_DISK_ERRORS.some((m) => line.includes(`"msg":"${m}`))) expectedDiskErrors++;
        else engineErrors.push(`${file}: ${line.slice(0, 400)}`);
      }
    }
    const logErrors = [...engineErrors, ...gateway.errors.map((l) => `gateway: ${l.slice(0, 400)}`)];
    if (logErrors.length) failures.push(`${logErrors.length} error lines in the logs`);

    // Memory.
    const rssGrowth =
      memory.engineRssBaseline !== null && memory.engineRssEnd !== null
        ? memory.engineRssEnd - memory.engineRssBaseline
        : null;
    const heapGrowth =
      memory.consoleBaseline !== null && memory.consoleEnd !== null ? memory.consoleEnd - memory.consoleBaseline : null;
    const withinLimits =
      (rssGrowth === null || rssGrowth <= MEMORY_LIMITS.engineRssGrowthBytes) &&
      memory.engineRssPeak <= MEMORY_LIMITS.enginePeakRssBytes &&
      (heapGrowth === null || heapGrowth <= MEMORY_LIMITS.consoleHeapGrowthBytes);
    if (options.enforceMemory && !withinLimits) failures.push('memory over the stated limits');

    const byKind = show.counts;
    return {
      options: {
        showMinutes: options.showMinutes,
        speed: options.speed,
        obs: options.obs,
        console: options.console,
        enforceMemory: options.enforceMemory,
      },
      command: '',
      startedAt: new Date(t0).toISOString(),
      realSeconds: Math.round((Date.now() - t0) / 100) / 10,
      actualShowMinutes,
      events: { sent: driver.sent.size, acknowledged: driver.acknowledged.size, gatewayHead: head, byKind },
      driver: driver.stats,
      faults,
      orders: {
        expectedInWindow: expectedIds.size,
        inExport: exportCounts.size,
        missing: missing.length,
        duplicated: duplicated.length,
        extra: extra.length,
      },
      figures: { equal: differences.length === 0, engine: stats.figures, expected: expectedFigures, differences },
      anomalies: stats.anomalies.length,
      logErrors,
      fullDiskErrorLines: expectedDiskErrors,
      memory: {
        engineRss: {
          baseline: memory.engineRssBaseline,
          end: memory.engineRssEnd,
          peak: memory.engineRssPeak,
          growth: rssGrowth,
        },
        gatewayRssPeak: memory.gatewayRssPeak,
        consoleHeap: {
          baseline: memory.consoleBaseline,
          end: memory.consoleEnd,
          growth: heapGrowth,
          ...(memory.consoleNote ? { note: memory.consoleNote } : {}),
        },
        engineStateBytes: { baseline: memory.stateBaseline, end: memory.stateEnd },
        limits: MEMORY_LIMITS,
        withinLimits,
      },
      failures,
      passed: failures.length === 0,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await engine?.stop().catch(() => undefined);
    await gateway?.stop().catch(() => undefined);
    await redis?.stop().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    await obs?.stop().catch(() => undefined);
    try {
      disk?.unmount();
    } catch {
      // a busy mount is unmounted lazily; nothing to report
    }
    rmSync(root, { recursive: true, force: true });
  }
}
