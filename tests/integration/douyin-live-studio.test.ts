/**
 * 抖音 pushes all the way into a show: the standalone gateway (CLI, SQLite) takes signed comment and like
 * pushes, a headless engine linked to it records them in the running session, and the session's figures
 * count each comment once (redelivered or not) and the merged likes once (the batch redelivered).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { startGatewayCli } from '../harness/gateway';
import { DOUYIN_LIVE, douyinComment, douyinPush, postDouyin } from '../harness/platforms';
import { type Tracked, waitFor } from '../harness/process';

const READ = 'douyin-studio-read-token';
let root: string;
let gateway: Tracked;
let gatewayUrl: string;
let engine: EngineProcess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maishou-douyin-studio-'));
  ({ url: gatewayUrl, process: gateway } = await startGatewayCli(root, {
    id: 'dy',
    readTokens: [READ],
    douyinLive: DOUYIN_LIVE,
  }));
  engine = await startEngineProcess({ args: ['--gateway', gatewayUrl, '--room', 'dy', '--token', READ] });
}, 120_000);

afterAll(async () => {
  await engine?.dispose();
  await gateway?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Stats {
  minutes: { chat: number; likes: number }[];
}

describe('抖音 live room data in a running show', () => {
  it('counts each comment once and the merged likes once in the session figures', async () => {
    const started = await engine.api('/sessions/start', { method: 'POST', body: JSON.stringify({ title: '抖音场' }) });
    expect(started.status).toBe(200);
    const sessionId = ((await started.json()) as { session: { id: string } }).session.id;
    const totals = async () => {
      const s = (await (await engine.api(`/sessions/${sessionId}/stats`)).json()) as Stats;
      return s.minutes.reduce((t, m) => ({ chat: t.chat + m.chat, likes: t.likes + m.likes }), { chat: 0, likes: 0 });
    };

    const comments = [douyinComment('c-1', '1号什么面料', 'sec_a'), douyinComment('c-2', '3号有S码吗', 'sec_b')];
    // Both in one 2-second window, and after the session started (earlier likes are outside its figures).
    const at = Date.now();
    const likes = [
      { msg_id: 'l-1', sec_openid: 'sec_a', like_num: 6, nickname: '小鹿', timestamp: at },
      { msg_id: 'l-2', sec_openid: 'sec_a', like_num: 4, nickname: '小鹿', timestamp: at },
    ];
    for (let round = 0; round < 2; round++) {
      // The second round is the platform redelivering both pushes.
      const c = await postDouyin(gatewayUrl, 'dy', douyinPush('live_comment', comments, { nonce: `c${round}` }));
      const l = await postDouyin(gatewayUrl, 'dy', douyinPush('live_like', likes, { nonce: `l${round}` }));
      expect([c.status, l.status]).toEqual([200, 200]);
    }
    let seen = { chat: 0, likes: 0 };
    await waitFor(
      async () => {
        seen = await totals();
        return seen.likes === 10 && seen.chat === 2;
      },
      { what: 'the comments and likes in the session figures', timeoutMs: 20_000 },
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}; figures ${JSON.stringify(seen)}; engine: ${engine.process.output().slice(-2000)}`,
      );
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await totals()).toEqual({ chat: 2, likes: 10 });
  });
});
