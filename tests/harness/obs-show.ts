/**
 * A short recorded show for the recording tests: real OBS (keyframe every second, a moving test
 * picture as a media source) driven over its own websocket like the host's record button, and a
 * headless engine pinning products through the control API. Two recording files (the recording is
 * stopped and restarted), three pin segments.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import OBSWebSocket from 'obs-websocket-js';
import { type EngineProcess, startEngineProcess } from './engine';
import { type ObsHarness, startObs } from './obs';
import { waitFor } from './process';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many routes, read by field
  json(): any;
}

/**
 * One request on its own connection (no keep-alive): on two loaded cores a pooled socket can be
 * closed by the engine's 5 s keep-alive timer just as the client reuses it.
 */
export function send(
  url: string,
  init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const u = new URL(url);
  const payload = init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: init.method ?? (payload ? 'POST' : 'GET'),
        agent: false,
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString()) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface RecordedShow {
  obs: ObsHarness;
  engine: EngineProcess;
  sessionId: string;
  products: { productId: string; title: string; linkNo: number }[];
  /** the file names OBS reported */
  files: string[];
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records: [file 1: pin A 7 s, pin B 5 s, unpin] [file 2: pin C 6 s, unpin]. About 25 s. */
export async function recordShow(): Promise<RecordedShow> {
  const obs = await startObs({ recordKeyframeSec: 1, fps: 15 });
  const picture = join(obs.recordingDir, '..', 'picture.mp4');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x180:rate=15',
    '-t',
    '10',
    '-pix_fmt',
    'yuv420p',
    '-y',
    picture,
  ]);
  const ws = new OBSWebSocket();
  await ws.connect(obs.url, obs.password);
  await ws.call('CreateInput', {
    sceneName: 'Scene',
    inputName: 'Picture',
    inputKind: 'ffmpeg_source',
    inputSettings: { local_file: picture, looping: true, is_local_file: true },
  });
  const engine = await startEngineProcess({ args: ['--obs', obs.url, '--obs-password', obs.password] });
  const api = async (path: string, body?: unknown) => {
    const res = await send(`${engine.url}/api/v1${path}`, { body, token: engine.controlToken });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.body.toString()}`);
    return res.json();
  };
  await waitFor(async () => (await api('/status')).obs.connected, {
    what: 'engine connected to OBS',
    timeoutMs: 30_000,
  });
  const products = ((await api('/products')).products as RecordedShow['products']).slice(0, 3);
  const { session } = await api('/sessions/start', { title: '录像测试' });
  const files: string[] = [];
  const recordOnce = async (pins: [string, number][]) => {
    await ws.call('StartRecord');
    await waitFor(async () => (await api('/status')).obs.recording, { what: 'recording', timeoutMs: 15_000 });
    await sleep(1_500);
    for (const [productId, ms] of pins) {
      await api('/pin', { productId });
      await sleep(ms);
    }
    await api('/unpin', {});
    await sleep(1_500);
    const stopped = await ws.call('StopRecord');
    files.push(stopped.outputPath);
    await waitFor(async () => !(await api('/status')).obs.recording, { what: 'stopped', timeoutMs: 15_000 });
  };
  try {
    await recordOnce([
      [products[0].productId, 7_000],
      [products[1].productId, 5_000],
    ]);
    await recordOnce([[products[2].productId, 6_000]]);
    await api('/sessions/stop', {});
  } catch (error) {
    const output = engine.process.output().slice(-3000);
    await engine.dispose();
    await obs.stop();
    throw new Error(`${String(error)}\nengine output:\n${output}`);
  } finally {
    await ws.disconnect();
  }
  return {
    obs,
    engine,
    sessionId: session.id,
    products,
    files,
    async dispose() {
      await engine.dispose();
      await obs.stop();
    },
  };
}
