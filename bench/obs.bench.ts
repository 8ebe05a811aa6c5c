/**
 * OBS control benchmarks against real OBS (Debian's OBS 29 under Xvfb):
 * 1. GetVersion round trip through the ObsConnection state machine vs raw obs-websocket-js, interleaved
 *    in the same run on the same OBS (the wrapper should cost < 10%).
 * 2. OBS restarted: time from spawning OBS to `identified` with the whole state rebuilt, the controller
 *    (backoff with jitter) vs a raw client polling every 50 ms then sending the same rebuild batch, both
 *    racing on the same restarts (median of 10; 3 with --quick).
 */
import OBSWebSocket from 'obs-websocket-js';
import { ObsConnection } from '../electron/engine/obs/connection';
import { ObsController } from '../electron/engine/obs/controller';
import { DEFAULT_OBS_SETTINGS } from '../electron/engine/obs/settings';
import { rebuildRequests } from '../electron/engine/obs/state';
import { startObs } from '../tests/harness/obs';
import { type BenchResult, median, percentile } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function roundTrips(quick: boolean, url: string, password: string): Promise<BenchResult> {
  const raw = new OBSWebSocket();
  await raw.connect(url, password, { eventSubscriptions: 0 });
  const wrapped = new ObsConnection();
  await wrapped.connect({ url, password });
  const rounds = quick ? 200 : 2_000;
  const rawMs: number[] = [];
  const wrappedMs: number[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      await raw.call('GetVersion');
      await wrapped.call('GetVersion');
    }
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first so neither always runs on a warmer path.
      const order = i % 2 === 0 ? ['raw', 'wrapped'] : ['wrapped', 'raw'];
      for (const which of order) {
        const t = performance.now();
        if (which === 'raw') await raw.call('GetVersion');
        else await wrapped.call('GetVersion');
        (which === 'raw' ? rawMs : wrappedMs).push(performance.now() - t);
      }
    }
  } finally {
    await raw.disconnect();
    await wrapped.disconnect();
  }
  return {
    name: 'GetVersion round trip, state machine vs raw obs-websocket-js',
    value: median(wrappedMs),
    baseline: median(rawMs),
    unit: 'ms',
    better: 'lower',
    baselineName: 'raw obs-websocket-js',
    context: {
      rounds,
      wrappedP90: percentile(wrappedMs, 90),
      rawP90: percentile(rawMs, 90),
    },
  };
}

/** A raw client that polls every 50 ms until it can connect, then sends the rebuild batch. */
async function rawReconnect(url: string, password: string, since: number, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    const client = new OBSWebSocket();
    try {
      await client.connect(url, password, { eventSubscriptions: 0 });
      await client.callBatch(rebuildRequests(null) as never, { haltOnFailure: false });
      const ms = performance.now() - since;
      await client.disconnect();
      return ms;
    } catch {
      await client.disconnect().catch(() => undefined);
      await sleep(50);
    }
  }
  throw new Error('raw client never reconnected');
}

async function restarts(quick: boolean): Promise<BenchResult> {
  const obs = await startObs();
  const controller = new ObsController({
    settings: { ...DEFAULT_OBS_SETTINGS, port: obs.port, password: obs.password },
  });
  const count = quick ? 3 : 10;
  const controllerMs: number[] = [];
  const rawMs: number[] = [];
  const portOpenMs: number[] = [];
  try {
    if (!(await controller.connect()).ok) throw new Error('controller did not connect');
    for (let i = 0; i < count; i++) {
      await obs.kill();
      await controller.connection.whenIdentified(0).catch(() => undefined);
      while (controller.state.status === 'identified') await sleep(10);
      await sleep(500); // OBS stays away a moment, as after a crash
      const since = performance.now();
      const identified = new Promise<number>((resolve) => {
        const onState = (s: { status: string }) => {
          if (s.status === 'identified') {
            controller.connection.off('state', onState);
            resolve(performance.now() - since);
          }
        };
        controller.connection.on('state', onState);
      });
      const raw = rawReconnect(obs.url, obs.password, since, Date.now() + 60_000);
      await obs.start();
      portOpenMs.push(performance.now() - since);
      controllerMs.push(await identified);
      rawMs.push(await raw);
    }
  } finally {
    await controller.stop();
    await obs.stop();
  }
  return {
    name: `OBS restart to identified with state rebuilt (median of ${count})`,
    value: median(controllerMs),
    baseline: median(rawMs),
    unit: 'ms',
    better: 'lower',
    baselineName: 'raw client polling every 50 ms + same batch',
    context: {
      restarts: count,
      controllerMax: Math.max(...controllerMs),
      harnessSawPortOpen: median(portOpenMs),
    },
  };
}

export default async function ({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const obs = await startObs();
  let first: BenchResult;
  try {
    first = await roundTrips(quick, obs.url, obs.password);
  } finally {
    await obs.stop();
  }
  return [first, await restarts(quick)];
}
