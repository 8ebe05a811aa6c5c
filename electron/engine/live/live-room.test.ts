/**
 * The live room's choice on real parts (a real ledger file, the real in-process demo room and its
 * simulator, the real state store): which room a start takes, and bridges only (`{ kind: 'local' }`):
 * no gateway link, no simulator, no demo catalogue, sessions recorded in room "local" and not rehearsals;
 * switching at run time closes the old link without losing or recounting what it delivered.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type GatewayConfig, gatewayConfigSchema, LOCAL_ROOM, type StudioState } from '../../../shared/contract';
import { FeedHub } from '../feed/feed-hub';
import { initialState } from '../initial-state';
import { silentLogger } from '../log';
import type { GatewayOption } from '../options';
import { StateStore } from '../state';
import { chooseGateway, type LiveRoom, openLiveRoom } from './live-room';

const dirs: string[] = [];
const opened: LiveRoom[] = [];
afterEach(async () => {
  for (const room of opened.splice(0)) {
    await room.live.close();
    room.ledger.close();
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maishou-live-room-'));
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string, gateway: GatewayOption, demoSpeed = 100) {
  const state = new StateStore<StudioState>(initialState({ port: 0, gateway }));
  const feed = new FeedHub();
  const chat: string[] = [];
  feed.on('batch', (b: { chat: { id: string }[] }) => chat.push(...b.chat.map((c) => c.id)));
  const room = await openLiveRoom(
    { dataDir, state, logger: silentLogger() },
    { gateway, demoSpeed, resumeWindowMs: 0 },
    { feed, storage: { ledgerWriteOk: () => undefined, ledgerWriteFailed: () => undefined } },
  );
  opened.push(room);
  return { state, room, chat };
}

const comment = (id: string, text: string) => ({
  id,
  platform: 'xhs',
  occurredAt: Date.now(),
  kind: 'chat' as const,
  data: { text },
});

describe('gateway config schema', () => {
  it('takes bridges only as `{ kind: "local" }` and nothing else with it', () => {
    expect(gatewayConfigSchema.parse({ kind: 'local' })).toEqual({ kind: 'local' });
    expect(gatewayConfigSchema.safeParse({ kind: 'local', url: 'http://x' }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ kind: 'local', speed: 2 }).success).toBe(false);
    expect(gatewayConfigSchema.safeParse({ kind: 'bridges' }).success).toBe(false);
    expect(gatewayConfigSchema.parse({ kind: 'demo', speed: 3 })).toEqual({ kind: 'demo', speed: 3 });
  });
});

describe('which live room a start takes', () => {
  const remote: GatewayConfig = { kind: 'remote', url: 'http://gw:8080', room: 'r1', token: 't' };
  it('the command line wins, then the room saved in Settings, then the demo room at its speed', () => {
    expect(chooseGateway({ gateway: { kind: 'local' }, demoSpeed: 1 }, remote)).toEqual({ kind: 'local' });
    expect(chooseGateway({ gateway: remote, demoSpeed: 1 }, { kind: 'local' })).toEqual(remote);
    expect(chooseGateway({ gateway: { kind: 'demo' }, demoSpeed: 5 }, { kind: 'local' })).toEqual({ kind: 'local' });
    expect(chooseGateway({ gateway: { kind: 'demo' }, demoSpeed: 5 }, null)).toEqual({ kind: 'demo', speed: 5 });
  });
});

describe('bridges only', () => {
  it('connects nothing, simulates nothing, loads no demo catalogue, and records bridge events once in room "local"', async () => {
    const { state, room, chat } = await open(tempDir(), { kind: 'local' });
    expect(room.gatewayConfig).toEqual({ kind: 'local' });
    expect(room.ledger.listProducts()).toEqual([]);
    await room.start();
    expect(state.slice('gateway')).toMatchObject({ status: 'local', source: LOCAL_ROOM, room: LOCAL_ROOM });
    const session = room.ledger.startSession({ title: '本机桥接场' });
    expect(session).toMatchObject({ room: LOCAL_ROOM, rehearsal: false });
    expect(room.live.ingestLocal([comment('b-1', '3号有S码吗')], 'bridge:s1')).toEqual({ accepted: 1, duplicates: 0 });
    expect(room.live.ingestLocal([comment('b-1', '3号有S码吗')], 'bridge:s1')).toEqual({ accepted: 0, duplicates: 1 });
    await vi.waitFor(() => expect(chat).toEqual(['b-1']));
    // A second of a running session: nothing else arrives (a simulator would have talked at 100x).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(chat).toEqual(['b-1']);
    const stats = room.ledger.stats(session.id);
    expect(stats.minutes.reduce((n, m) => n + m.chat, 0)).toBe(1);
    room.live.publishSources();
    expect(state.slice('sources').map((s) => s.id)).not.toContain('gateway');
  });

  it('is chosen at run time like any room: the demo link closes, its events stay counted once, sessions follow', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir, { kind: 'demo' });
    expect(first.room.ledger.listProducts().length).toBeGreaterThan(0);
    await first.room.start();
    const rehearsal = first.room.ledger.startSession({ title: '彩排' });
    expect(rehearsal).toMatchObject({ room: 'demo', rehearsal: true });
    await vi.waitFor(() => expect(first.chat.length).toBeGreaterThan(0), { timeout: 20_000 });

    const answer = await first.room.live.connect({ kind: 'local' }, true);
    expect(answer).toEqual({ source: LOCAL_ROOM, room: LOCAL_ROOM });
    expect(first.state.slice('gateway').status).toBe('local');
    expect(JSON.parse(readFileSync(join(dataDir, 'gateway.json'), 'utf8'))).toEqual({ kind: 'local' });
    const demoSeq = first.room.ledger.lastAppliedSeq('demo');
    const shown = first.chat.length;
    expect(demoSeq).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_000));
    // The simulator is gone with its link: nothing more from the demo room.
    expect(first.room.ledger.lastAppliedSeq('demo')).toBe(demoSeq);
    expect(first.chat.length).toBe(shown);
    const counted = first.room.ledger.stats(rehearsal.id).minutes.reduce((n, m) => n + m.chat, 0);
    expect(counted).toBe(shown);
    first.room.ledger.stopSession({});
    const real = first.room.ledger.startSession({ title: '正式场' });
    expect(real).toMatchObject({ room: LOCAL_ROOM, rehearsal: false });
    first.room.ledger.stopSession({});
    await first.room.live.close();
    first.room.ledger.close();
    opened.splice(opened.indexOf(first.room), 1);

    // A restart without a choice on the command line keeps the saved room: bridges only.
    const again = await open(dataDir, { kind: 'demo' });
    expect(again.room.gatewayConfig).toEqual({ kind: 'local' });
    await again.room.start();
    expect(again.state.slice('gateway').status).toBe('local');
    // Back to the demo room: the link resumes after what the ledger has, nothing is counted twice.
    await again.room.live.connect({ kind: 'demo', speed: 100 }, true);
    await vi.waitFor(() => expect(again.room.ledger.lastAppliedSeq('demo')).toBeGreaterThan(demoSeq), {
      timeout: 20_000,
    });
    expect(again.state.slice('gateway').source).toBe('demo');
    const old = again.room.ledger.stats(rehearsal.id).minutes.reduce((n, m) => n + m.chat, 0);
    expect(old).toBe(counted);
  });

  it('refuses a saved room file that is not a room, and falls back to the demo room', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'gateway.json'), JSON.stringify({ kind: 'local', extra: 1 }));
    const { room } = await open(dataDir, { kind: 'demo' }, 5);
    expect(room.gatewayConfig).toEqual({ kind: 'demo', speed: 5 });
  });
});
