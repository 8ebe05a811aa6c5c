/**
 * Resume by seq through the engine's GatewayLink, over real sockets: a link cut while 5,000 events arrive
 * gets exactly the missing ones in order; a gap the gateway no longer holds is reported, not invented;
 * refused tokens and rooms end in `failed` with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayLink, type LinkState } from '../../electron/engine/live/gateway-link';
import { type Gateway, startGateway } from '../../gateway/gateway';
import type { LiveEvent } from '../../shared/events';
import { chatEvent, connectOutcome } from '../harness/gateway';
import { waitFor } from '../harness/process';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';

let dir: string;
let gw: Gateway;
let proxy: TcpProxy | null = null;
const links: GatewayLink[] = [];
const rooms = [{ id: 'show', readTokens: ['read-token-show'] }];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'maishou-gw-'));
});
afterEach(async () => {
  for (const l of links.splice(0)) await l.close();
  await proxy?.close();
  proxy = null;
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ingestChats(from: number, count: number) {
  for (let i = from; i < from + count; i += 100) {
    const batch = Array.from({ length: Math.min(100, from + count - i) }, (_, k) => chatEvent(i + k));
    await gw.ingest('show', batch);
  }
}

function startLink(url: string, options: Partial<ConstructorParameters<typeof GatewayLink>[0]> = {}) {
  const applied: LiveEvent[] = [];
  const states: LinkState[] = [];
  const link = new GatewayLink({
    url,
    room: 'show',
    token: 'read-token-show',
    lastSeq: 0,
    apply: (events) => {
      applied.push(...events);
    },
    ...options,
  });
  link.on('state', (s) => states.push(s));
  links.push(link);
  link.start();
  return { link, applied, states };
}

describe('GatewayLink resume', () => {
  it('a link cut during 5,000 events receives exactly the missing ones, in order, after reconnecting', async () => {
    gw = await startGateway({ dataDir: dir, rooms });
    proxy = await startTcpProxy(gw.port);
    const { link, applied, states } = startLink(proxy.url);
    await ingestChats(1, 100);
    await waitFor(() => link.state.lastSeq === 100 && link.state.status === 'live', { what: 'first 100 applied' });

    proxy.cut();
    await waitFor(() => link.state.status === 'disconnected', { what: 'disconnected' });
    const downSince = link.state.since;
    await ingestChats(101, 5000);
    proxy.restore();

    await waitFor(() => link.state.lastSeq === 5100, { timeoutMs: 30_000, what: 'all 5,100 applied' });
    expect(applied.map((e) => e.seq)).toEqual(Array.from({ length: 5100 }, (_, i) => i + 1));
    expect(new Set(applied.map((e) => e.id)).size).toBe(5100);
    expect(applied[5099].id).toBe('e-5100');
    expect(downSince).toBeGreaterThan(0);
    expect(states.some((s) => s.status === 'catching_up' && s.behind > 0)).toBe(true);
    await waitFor(() => link.state.status === 'live', { what: 'live again' });

    // Live traffic after the catch-up still flows, once.
    await ingestChats(5101, 10);
    await waitFor(() => link.state.lastSeq === 5110, { what: 'live events' });
    expect(applied).toHaveLength(5110);
  });

  it('a failed apply is retried from the last applied seq: nothing lost, nothing twice', async () => {
    gw = await startGateway({ dataDir: dir, rooms });
    let failOnce = true;
    const applied: number[] = [];
    const { link } = startLink(gw.url, {
      apply: (events) => {
        if (failOnce && events.some((e) => e.seq > 150)) {
          failOnce = false;
          throw new Error('disk full');
        }
        applied.push(...events.map((e) => e.seq));
      },
    });
    await ingestChats(1, 300);
    await waitFor(() => link.state.lastSeq === 300, { what: '300 applied' });
    expect(applied).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('a gap that cannot be recorded (disk full during a resync) does not stall the link: it says so and resumes', async () => {
    gw = await startGateway({ dataDir: dir, rooms, retention: { maxEvents: 100 } });
    await ingestChats(1, 300);
    const gaps: { fromSeq: number; toSeq: number }[] = [];
    let refusals = 2;
    const { link, applied, states } = startLink(gw.url, {
      lastSeq: 10,
      onGap: (g) => {
        if (refusals-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
        gaps.push(g);
      },
    });
    await waitFor(() => link.state.lastSeq === 300, { what: 'caught up after the refused gaps', timeoutMs: 30_000 });
    expect(gaps).toEqual([{ fromSeq: 11, toSeq: 200 }]);
    expect(applied.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 201 + i));
    // While it could not apply, the state said so in words, never "live".
    const refused = states.findIndex((s) => s.reason === 'apply_failed');
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(states[refused].status).toBe('disconnected');
    expect(states[refused].lastSeq).toBe(10);
    // New events after the recovery arrive as well (a stalled chain would skip them all).
    await ingestChats(301, 20);
    await waitFor(() => link.state.lastSeq === 320 && link.state.status === 'live', { what: 'live again' });
  });

  it('resumes from a persisted lastSeq, and reports a gap the gateway no longer holds', async () => {
    gw = await startGateway({ dataDir: dir, rooms, retention: { maxEvents: 100 } });
    await ingestChats(1, 300);
    const gaps: { fromSeq: number; toSeq: number }[] = [];
    const { link, applied } = startLink(gw.url, { lastSeq: 10, onGap: (g) => void gaps.push(g) });
    await waitFor(() => link.state.lastSeq === 300, { what: 'caught up after the gap' });
    expect(gaps).toEqual([{ fromSeq: 11, toSeq: 200 }]);
    expect(applied.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 201 + i));

    const { link: resumed, applied: after } = startLink(gw.url, { lastSeq: 290 });
    await waitFor(() => resumed.state.lastSeq === 300, { what: 'resumed at 290' });
    expect(after.map((e) => e.seq)).toEqual([291, 292, 293, 294, 295, 296, 297, 298, 299, 300]);
  });

  it('refuses a bad token and an unknown room with the error code; the link ends in failed', async () => {
    gw = await startGateway({ dataDir: dir, rooms });
    expect(await connectOutcome(gw.url, { token: 'nope-nope', room: 'show', lastSeq: 0 })).toBe('bad_token');
    expect(await connectOutcome(gw.url, { token: 'read-token-show', room: 'other', lastSeq: 0 })).toBe('unknown_room');
    expect(await connectOutcome(gw.url, { token: 'read-token-show', room: 'show', lastSeq: -1 })).toBe('bad_last_seq');
    const { link } = startLink(gw.url, { token: 'wrong-token' });
    await waitFor(() => link.state.status === 'failed', { what: 'failed' });
    expect(link.state.reason).toBe('bad_token');
    // A gateway whose data was wiped (head below what the engine applied) is reported, not followed.
    const { link: ahead } = startLink(gw.url, { lastSeq: 50 });
    await waitFor(() => ahead.state.status === 'failed', { what: 'gateway_reset' });
    expect(ahead.state.reason).toBe('gateway_reset');
  });
});
