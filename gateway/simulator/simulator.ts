/**
 * The demo room's audience: runs the Audience model on a timer and ingests what it produces through the
 * gateway's own ingestion path. At speed 1 a simulated second is a real second; at 100 it is 10 ms. Each
 * simulated second is one batch (one durable commit); redeliveries are separate calls with the same ids.
 */
import type { Logger } from 'pino';
import type { InboundEvent } from '../../shared/events';
import { Audience, type SimulatorProduct } from './audience';

export type { SimulatorProduct } from './audience';

export interface SimulatorOptions {
  /** The gateway's ingest (Gateway.ingest): validation, dedupe, seq, durability. */
  ingest: (room: string, events: InboundEvent[]) => Promise<unknown>;
  room: string;
  seed: number;
  /** 1 (real time) .. 100 (rehearsal and load). */
  speed?: number;
  products: SimulatorProduct[];
  /** Initially pinned product, if any. */
  pinned?: string | null;
  now?: () => number;
  logger?: Logger;
  /** Distinguishes this run's event ids from earlier runs in the same room; default: start time. */
  runId?: string;
}

export interface Simulator {
  setPinned(productId: string | null): void;
  setProducts(products: SimulatorProduct[]): void;
  setSpeed(speed: number): void;
  /** Current simulated viewers (for status lines). */
  readonly viewers: number;
  /** Stops the timer and waits for the batch in flight. */
  stop(): Promise<void>;
}

const clampSpeed = (s: number) => Math.min(100, Math.max(1, Number.isFinite(s) ? s : 1));

export function startSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? Date.now;
  const audience = new Audience(options.seed, options.products, options.runId ?? now().toString(36));
  if (options.pinned) audience.setPinned(options.pinned);
  let speed = clampSpeed(options.speed ?? 1);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inflight: Promise<void> = Promise.resolve();

  const send = async (events: InboundEvent[]) => {
    if (events.length === 0) return;
    try {
      await options.ingest(options.room, events);
    } catch (error) {
      options.logger?.warn({ err: error, room: options.room }, 'simulator: ingest failed');
    }
  };

  const tick = () => {
    timer = null;
    if (stopped) return;
    const started = Date.now();
    const { events, redeliveries } = audience.second(now());
    inflight = (async () => {
      await send(events);
      // A platform retry arrives a little later, in its own request.
      for (const e of redeliveries) await send([e]);
    })();
    void inflight.finally(() => {
      if (stopped) return;
      const wait = Math.max(0, 1000 / speed - (Date.now() - started));
      timer = setTimeout(tick, wait);
    });
  };
  timer = setTimeout(tick, 0);

  return {
    setPinned: (productId) => audience.setPinned(productId),
    setProducts: (products) => audience.setProducts(products),
    setSpeed: (s) => {
      speed = clampSpeed(s);
    },
    get viewers() {
      return audience.currentViewers;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inflight;
    },
  };
}
