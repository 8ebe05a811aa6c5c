/**
 * The OBS routes of the control API (PROTOCOL.md D) against the headless engine, a real OBS under Xvfb
 * and an ffmpeg RTMP listener: a pasted push address, go live (the listener gets h264 + aac), /status
 * says streaming, stop only with confirm; overlays into the program scene (twice: no duplicates); the
 * scene switch; recording. Assistants and viewers are refused and change nothing. The stream key never
 * appears in an answer, the log, the support bundle, an export or the data folder in clear text.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_IMAGE_SOURCE_NAME } from '../../electron/engine/overlay';
import type { StatusResponse } from '../../shared/contract';
import { readDataFolder } from '../harness/data-folder';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { type ObsHarness, startObs } from '../harness/obs';
import { waitFor } from '../harness/process';
import { type RtmpIngest, startRtmpIngest } from '../harness/rtmp';

const KEY = 'studio-7?sign=k3y-TOPSECRET-91&expire=1999999999';
let obs: ObsHarness;
let ws: OBSWebSocket;
let engine: EngineProcess;
let ingest: RtmpIngest;
/** Every answer body seen, to search for the key at the end. */
const answers: string[] = [];
let sessionId = '';

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await engine.api(path, {
    method,
    token,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  answers.push(text);
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

const status = async () => (await call('GET', '/status')).json as unknown as StatusResponse;

function probe(file: string): string[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', file]);
  return (JSON.parse(out.toString()) as { streams: { codec_name: string }[] }).streams.map((s) => s.codec_name);
}

async function sceneItems(scene: string): Promise<string[]> {
  const { sceneItems } = await ws.call('GetSceneItemList', { sceneName: scene });
  return sceneItems.map((i) => String(i.sourceName));
}

beforeAll(async () => {
  obs = await startObs();
  ws = new OBSWebSocket();
  await ws.connect(obs.url, obs.password);
  await ws.call('CreateInput', {
    sceneName: 'Scene',
    inputName: 'Card',
    inputKind: 'color_source_v3',
    inputSettings: { color: 0xff0000ff, width: 640, height: 360 },
  });
  await ws.call('CreateScene', { sceneName: 'Scene 2' });
  engine = await startEngineProcess({ args: ['--obs', obs.url, '--obs-password', obs.password] });
  await waitFor(async () => (await status()).obs.connected, { what: 'OBS connected', timeoutMs: 30_000 });
  ingest = await startRtmpIngest(engine.dataDir, { app: 'live', stream: 'studio-7' });
});

afterAll(async () => {
  await ingest?.stop();
  await ws?.disconnect().catch(() => undefined);
  await engine?.dispose();
  await obs?.stop();
});

describe('OBS over the control API', () => {
  it('refuses assistants and viewers on every OBS route, changing nothing', async () => {
    const tokens = [];
    for (const role of ['assistant', 'viewer']) {
      const seat = await call('POST', '/seats', { role });
      expect(seat.status).toBe(201);
      tokens.push(String(seat.json.token));
    }
    const serviceBefore = await ws.call('GetStreamServiceSettings');
    const itemsBefore = await sceneItems('Scene');
    const attempts: [string, string, unknown][] = [
      ['POST', '/obs/overlays', {}],
      ['PUT', '/obs/stream', { url: `${ingest.server}${KEY}` }],
      ['POST', '/obs/stream/start', {}],
      ['POST', '/obs/stream/stop', { confirm: true }],
      ['POST', '/obs/record/start', {}],
      ['POST', '/obs/record/stop', { confirm: true }],
      ['PUT', '/obs/scene', { scene: 'Scene 2' }],
    ];
    for (const token of tokens) {
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, body, token);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((res.json.error as { code: string }).code).toBe('forbidden');
      }
    }
    expect(await ws.call('GetStreamServiceSettings')).toEqual(serviceBefore);
    expect(await sceneItems('Scene')).toEqual(itemsBefore);
    expect((await ws.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Scene');
    expect((await ws.call('GetStreamStatus')).outputActive).toBe(false);
    expect((await ws.call('GetRecordStatus')).outputActive).toBe(false);
  });

  it('answers bad bodies with a path and changes nothing', async () => {
    const serviceBefore = await ws.call('GetStreamServiceSettings');
    const cases: [string, string, unknown, string][] = [
      ['PUT', '/obs/stream', {}, 'url'],
      ['PUT', '/obs/stream', { server: ingest.server }, 'key'],
      ['PUT', '/obs/stream', { url: 'https://example.com/live/k' }, 'url'],
      ['PUT', '/obs/stream', { url: ingest.server, extra: 1 }, ''],
      ['PUT', '/obs/scene', { scene: '' }, 'scene'],
      ['POST', '/obs/overlays', { overlays: ['ticker'] }, 'overlays[0]'],
    ];
    for (const [method, path, body, where] of cases) {
      const res = await call(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json.error as { path?: string }).path ?? '').toBe(where);
    }
    expect((await call('PUT', '/obs/scene', { scene: 'No such scene' })).status).toBeGreaterThanOrEqual(400);
    expect(await ws.call('GetStreamServiceSettings')).toEqual(serviceBefore);
  });

  it('puts the overlays into the program scene, and a second call repairs without duplicates', async () => {
    const first = await call('POST', '/obs/overlays', {});
    expect(first.status).toBe(200);
    // Debian's OBS has no browser source: the PNG card as an image source.
    expect(first.json).toEqual({
      scene: 'Scene',
      kind: 'image_source',
      created: [PRODUCT_IMAGE_SOURCE_NAME],
      repaired: [],
      unchanged: [],
    });
    const second = await call('POST', '/obs/overlays', { scene: 'Scene' });
    expect(second.json).toMatchObject({ scene: 'Scene', created: [], unchanged: [PRODUCT_IMAGE_SOURCE_NAME] });
    const items = await sceneItems('Scene');
    expect(items.filter((n) => n === PRODUCT_IMAGE_SOURCE_NAME)).toHaveLength(1);
    expect(items).toContain('Card');
    // The card scene's shown slot holds the card file the engine keeps (configured at start: written already).
    const shownSlotFile = async () => {
      const slots = (await ws.call('GetSceneItemList', { sceneName: PRODUCT_IMAGE_SOURCE_NAME })).sceneItems;
      const shown = slots.filter((i) => i.sceneItemEnabled);
      expect(shown).toHaveLength(1);
      const settings = await ws.call('GetInputSettings', { inputName: String(shown[0].sourceName) });
      return String(settings.inputSettings.file);
    };
    await waitFor(async () => (statSync(await shownSlotFile(), { throwIfNoEntry: false })?.size ?? 0) > 1000, {
      what: 'the card in the shown slot',
    });
    expect(statSync(await shownSlotFile()).size).toBeGreaterThan(1000);
  });

  it('switches the program scene ("scene 2")', async () => {
    expect((await call('PUT', '/obs/scene', { scene: 'Scene 2' })).json).toEqual({ scene: 'Scene 2' });
    expect((await status()).obs.scene).toBe('Scene 2');
    expect((await ws.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Scene 2');
    expect((await call('PUT', '/obs/scene', { scene: 'Scene' })).json).toEqual({ scene: 'Scene' });
  });

  it('goes live to a pasted push address: the listener gets h264 + aac, stop needs confirm', async () => {
    const set = await call('PUT', '/obs/stream', { url: `${ingest.server}${KEY}` });
    expect(set).toEqual({ status: 200, json: { server: ingest.server, keySet: true } });
    const service = await ws.call('GetStreamServiceSettings');
    expect(service.streamServiceSettings).toMatchObject({ server: ingest.server, key: KEY });

    const started = await call('POST', '/sessions/start', { title: 'API 开播' });
    expect(started.status).toBe(200);
    sessionId = (started.json.session as { id: string }).id;
    expect((await call('POST', '/obs/stream/start')).json).toEqual({ active: true });
    await waitFor(async () => (await status()).obs.streaming, { what: '/status streaming', timeoutMs: 15_000 });
    await waitFor(async () => ((await ws.call('GetStreamStatus')).outputBytes as number) > 100_000, {
      what: 'bytes flowing',
      timeoutMs: 20_000,
    });

    const refused = await call('POST', '/obs/stream/stop', {});
    expect(refused.status).toBe(409);
    expect((refused.json.error as { code: string }).code).toBe('confirmation_required');
    expect((await status()).obs.streaming).toBe(true);

    expect((await call('POST', '/obs/stream/stop', { confirm: true })).json).toEqual({ active: false });
    expect((await status()).obs.streaming).toBe(false);
    await waitFor(() => ingest.tracked.child.exitCode !== null, { what: 'listener to finish', timeoutMs: 15_000 });
    expect(probe(ingest.file)).toEqual(expect.arrayContaining(['h264', 'aac']));
  });

  it('records and stops the recording with confirm', async () => {
    expect((await call('POST', '/obs/record/start')).json).toEqual({ active: true });
    await waitFor(async () => (await status()).obs.recording, { what: 'recording', timeoutMs: 15_000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await call('POST', '/obs/record/stop', { confirm: false })).status).toBe(409);
    const stopped = await call('POST', '/obs/record/stop', { confirm: true });
    expect(stopped.json).toMatchObject({ active: false });
    expect(statSync(String(stopped.json.file)).size).toBeGreaterThan(0);
  });

  it('never shows the stream key: answers, log, support bundle, export, data folder', async () => {
    const secret = 'k3y-TOPSECRET-91';
    if ((await status()).session) expect((await call('POST', '/sessions/stop')).status).toBe(200);
    const id = sessionId;
    for (const format of ['json', 'csv']) {
      const res = await engine.api(`/sessions/${id}/export?format=${format}`);
      expect(res.status).toBe(200);
      answers.push(await res.text());
    }
    const bundle = await engine.api('/support/logs');
    expect(bundle.status).toBe(200);
    answers.push(gunzipSync(Buffer.from(await bundle.arrayBuffer())).toString('utf8'));
    answers.push(JSON.stringify(await call('GET', '/status')));
    for (const text of answers) expect(text).not.toContain(secret);

    const files = readDataFolder(engine.dataDir).filter(([f]) => !f.includes('ingest-'));
    expect(files.some(([f]) => f.endsWith('.log'))).toBe(true);
    for (const [file, bytes] of files) expect(bytes.includes(secret), file).toBe(false);
  });
});
