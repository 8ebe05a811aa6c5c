/** Helpers for gateway tests and benches: signed requests, sample events, feed collectors. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { RoomConfig } from '../../gateway/config';
import { signStandardWebhook } from '../../gateway/signature/standard-webhooks';
import type { InboundEvent, LiveEvent } from '../../shared/events';
import { REPO_ROOT } from './engine';
import { freePort, readyLine, spawnTracked, type Tracked } from './process';

export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export function chatEvent(i: number, prefix = 'e'): InboundEvent {
  return {
    id: `${prefix}-${i}`,
    platform: 'test',
    occurredAt: 1764064800000 + i,
    actor: { id: `u_${i % 50}`, name: '小鹿' },
    kind: 'chat',
    data: { text: `3号有S码吗 #${i}` },
  };
}

export function paidEvent(orderId: string, amount: number): InboundEvent {
  return {
    id: `test:order.paid:${orderId}`,
    platform: 'test',
    occurredAt: 1764064800000,
    kind: 'order.paid',
    data: {
      orderId,
      items: [{ sku: 'XHS-CL-001', qty: 1, unitPrice: { amount, currency: 'CNY' } }],
      total: { amount, currency: 'CNY' },
      buyerId: 'u_1',
      channel: 'live',
    },
  };
}

export interface SignOptions {
  secret: string;
  id?: string;
  timestamp?: number;
  /** Replace the signature header entirely. */
  signature?: string;
}

/** POSTs `body` (string or value to JSON-encode) signed per Standard Webhooks. */
export async function postSigned(
  baseUrl: string,
  room: string,
  body: unknown,
  options: SignOptions,
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = options.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? signStandardWebhook(options.secret, id, timestamp, raw);
  const res = await fetch(`${baseUrl}/v1/rooms/${room}/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body: raw,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, headers: res.headers };
}

export interface FeedClient {
  socket: Socket;
  events: LiveEvent[];
  resyncs: { fromSeq: number }[];
  emits: number;
  close(): void;
}

/** Extra socket.io-client options; tests leave transports at the stock default (long-polling, then upgrade). */
export type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** A stock socket.io client of /live that records everything it receives. */
export function connectFeed(
  baseUrl: string,
  auth: { token: string; room: string; lastSeq: number },
  options: ClientOptions = {},
): FeedClient {
  const socket = io(`${baseUrl}/live`, { auth, reconnection: false, forceNew: true, ...options });
  const client: FeedClient = {
    socket,
    events: [],
    resyncs: [],
    emits: 0,
    close: () => socket.close(),
  };
  socket.on('events', (batch: LiveEvent[]) => {
    client.emits++;
    client.events.push(...batch);
  });
  socket.on('resync', (r: { fromSeq: number }) => client.resyncs.push(r));
  return client;
}

/** Resolves with the connect error message (e.g. bad_token), or 'connected'. */
export function connectOutcome(
  baseUrl: string,
  auth: Record<string, unknown>,
  options: ClientOptions = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(`${baseUrl}/live`, { auth, reconnection: false, forceNew: true, ...options });
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (e) => {
      socket.close();
      resolve(e.message);
    });
  });
}

/** A chat event from viewer `user` saying `text` (id as given), for tests that script a room's chat. */
export function chatFrom(id: string, user: string, text: string): InboundEvent {
  return {
    id,
    kind: 'chat',
    platform: 'test',
    occurredAt: Date.now(),
    actor: { id: user, name: user },
    data: { text },
  };
}

/**
 * The standalone gateway CLI (PROTOCOL G) with one room, as a team would run it: a real process, its
 * config file and data folder under `root`. Resolves once it printed its ready line.
 */
export async function startGatewayCli(root: string, room: RoomConfig): Promise<{ url: string; process: Tracked }> {
  const config = join(root, 'gateway.json');
  writeFileSync(config, JSON.stringify({ rooms: [room] }));
  const port = await freePort();
  const child = spawnTracked(
    process.execPath,
    ['--import', 'tsx', 'gateway/cli.ts', '--config', config, '--port', String(port), '--data-dir', join(root, 'gw')],
    { cwd: REPO_ROOT },
  );
  return { url: (await readyLine<{ ready: boolean; url: string }>(child)).url, process: child };
}
