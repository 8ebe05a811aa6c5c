/**
 * The question radar over the control API (issue 20): a program lists open groups with the catalogue's
 * answers, and a macro pad key marks the top one answered; roles enforced. A real engine fed by a real
 * standalone gateway, plain fetch as curl would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { chatFrom as chat, newSecret, postSigned, startGatewayCli } from '../harness/gateway';
import type { Tracked } from '../harness/process';

const SECRET = newSecret();
const READ = 'questions-read-token';
let root: string;
let gateway: Tracked;
let gatewayUrl: string;
let engine: EngineProcess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maishou-questions-'));
  ({ url: gatewayUrl, process: gateway } = await startGatewayCli(root, {
    id: 'r1',
    secrets: [SECRET],
    readTokens: [READ],
  }));
  engine = await startEngineProcess({ args: ['--gateway', gatewayUrl, '--room', 'r1', '--token', READ] });
  const csv = 'sku,title,price,material\nA1,真丝衬衫,299.00,22姆米桑蚕丝\nB2,围巾,99.00,\n';
  expect(
    (await engine.api('/products/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv }))
      .status,
  ).toBe(200);
}, 120_000);

afterAll(async () => {
  await engine?.dispose();
  await gateway?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Questions {
  questions: {
    id: string;
    linkNo: number | null;
    intent: string;
    askers: number;
    answer: { kind: string; text?: string };
  }[];
}

describe('questions over the control API', () => {
  it('lists open groups with answers, marks by id and "the top one", and enforces roles', async () => {
    const pushed = await postSigned(
      gatewayUrl,
      'r1',
      [chat('q1', 'u1', '1号什么面料'), chat('q2', 'u2', '1号是真丝吗什么材质'), chat('q3', 'u3', '2号什么材质')],
      { secret: SECRET },
    );
    expect(pushed.status).toBe(200);

    let list: Questions = { questions: [] };
    for (let i = 0; i < 100 && list.questions.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      list = (await (await engine.api('/questions')).json()) as Questions;
    }
    expect(list.questions.map((q) => [q.linkNo, q.intent, q.askers])).toEqual([
      [1, 'material', 2],
      [2, 'material', 1],
    ]);
    expect(list.questions[0].answer).toEqual({ kind: 'catalogue', text: '1号 22姆米桑蚕丝', sources: ['material'] });
    expect(list.questions[1].answer).toEqual({ kind: 'missing', fact: 'material' });
    const en = (await (await engine.api('/questions?lang=en')).json()) as Questions;
    expect(en.questions[0].answer.text).toBe('No. 1: 22姆米桑蚕丝');
    expect((await engine.api('/questions?lang=fr')).status).toBe(400);

    const viewer = (await (await engine.api('/seats', { method: 'POST', body: '{"role":"viewer"}' })).json()) as {
      token: string;
    };
    const prompter = (await (await engine.api('/seats', { method: 'POST', body: '{"role":"prompter"}' })).json()) as {
      token: string;
    };
    // a viewer may read but not mark; nothing changes
    expect((await engine.api('/questions', { token: viewer.token })).status).toBe(200);
    expect((await engine.api('/questions/answer-top', { method: 'POST', token: viewer.token })).status).toBe(403);
    expect(
      (await engine.api(`/questions/${list.questions[1].id}/answered`, { method: 'POST', token: viewer.token })).status,
    ).toBe(403);
    // a prompter token marks, but cannot start a session
    expect((await engine.api('/sessions/start', { method: 'POST', body: '{}', token: prompter.token })).status).toBe(
      403,
    );

    const top = await engine.api('/questions/answer-top', { method: 'POST', token: prompter.token });
    expect(top.status).toBe(200);
    expect(await top.json()).toEqual({ answered: true, groupId: list.questions[0].id });
    const byId = await engine.api(`/questions/${encodeURIComponent(list.questions[1].id)}/answered`, {
      method: 'POST',
    });
    expect(byId.status).toBe(200);
    expect(((await (await engine.api('/questions')).json()) as Questions).questions).toEqual([]);

    // nothing left: the key answers that, and an unknown id is a 404 with the error body
    expect(await (await engine.api('/questions/answer-top', { method: 'POST' })).json()).toEqual({
      answered: false,
      groupId: null,
    });
    const unknown = await engine.api('/questions/nope/answered', { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_group');
  }, 90_000);
});
