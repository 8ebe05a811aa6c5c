/**
 * The demo room of `npm start` / `--demo`: an in-process gateway (SQLite under `dataDir`) with the audience
 * simulator feeding one room, and a fresh read token for the engine's own GatewayLink.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Gateway, startGateway } from './gateway';
import { seedFrom } from './simulator/random';
import { type Simulator, type SimulatorProduct, startSimulator } from './simulator/simulator';

export interface DemoOptions {
  /** The engine's data folder; the gateway keeps its store in `<dataDir>/gateway`. */
  dataDir: string;
  products: SimulatorProduct[];
  /** Default 'demo'. */
  room?: string;
  /** Default: derived from the room id, so every demo show of a room sounds the same. */
  seed?: number;
  /** 1..100, default 1. */
  speed?: number;
  /** Product pinned when the show starts, if any. */
  pinned?: string | null;
  logger?: Logger;
}

export interface DemoRoom {
  gateway: Gateway;
  simulator: Simulator;
  /** What GatewayLink needs: url, room, token. */
  url: string;
  room: string;
  token: string;
  close(): Promise<void>;
}

export async function startDemoRoom(options: DemoOptions): Promise<DemoRoom> {
  const room = options.room ?? 'demo';
  const token = randomBytes(24).toString('base64url');
  const gateway = await startGateway({
    dataDir: join(options.dataDir, 'gateway'),
    rooms: [{ id: room, readTokens: [token] }],
    logger: options.logger,
  });
  const simulator = startSimulator({
    ingest: (r, events) => gateway.ingest(r, events),
    room,
    seed: options.seed ?? seedFrom(room),
    speed: options.speed ?? 1,
    products: options.products,
    pinned: options.pinned ?? null,
    logger: options.logger,
  });
  return {
    gateway,
    simulator,
    url: gateway.url,
    room,
    token,
    async close() {
      await simulator.stop();
      await gateway.close();
    },
  };
}
