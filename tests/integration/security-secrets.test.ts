/**
 * Secrets never leave where they belong: the OBS password, the stream key (set through the seat command
 * obs.setStreamDestination against real OBS), the gateway's webhook secrets and read token, and the
 * studio's own tokens are absent from every log file, the support log bundle, the session exports
 * (JSON and CSV), obs.json at rest, and the gateway's log output. The run logs at debug level so
 * every log line a show could write is written.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { chatEvent, newSecret, paidEvent, postSigned } from '../harness/gateway';
import { type ObsHarness, startObs } from '../harness/obs';
import { freePort, readyLine, spawnTracked, type Tracked, waitFor } from '../harness/process';

const STREAM_KEY = 'live_8842_sk_Zm9vYmFyU2VjcmV0S2V5';
const OBS_PASSWORD = 'obs-pw-Secr3t-7781';
const WEBHOOK_SECRET = newSecret();
const ROTATED_SECRET = newSecret();
const READ_TOKEN = 'gw-read-token-5f7a1c9e3b';

let root: string;
let obs: ObsHarness;
let gateway: Tracked;
let gatewayUrl: string;
let engine: EngineProcess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maishou-secrets-'));
  const config = join(root, 'gateway.json');
  writeFileSync(
    config,
    JSON.stringify({ rooms: [{ id: 'r1', secrets: [WEBHOOK_SECRET, ROTATED_SECRET], readTokens: [READ_TOKEN] }] }),
  );
  const port = await freePort();
  gateway = spawnTracked(
    process.execPath,
    ['--import', 'tsx', 'gateway/cli.ts', '--config', config, '--port', String(port), '--data-dir', join(root, 'gw')],
    { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, MAISHOU_LOG_LEVEL: 'debug' } },
  );
  gatewayUrl = (await readyLine<{ ready: boolean; url: string }>(gateway)).url;
  obs = await startObs({ password: OBS_PASSWORD });
  engine = await startEngineProcess({
    args: [
      '--gateway',
      gatewayUrl,
      '--room',
      'r1',
      '--token',
      READ_TOKEN,
      '--obs',
      obs.url,
      '--obs-password',
      OBS_PASSWORD,
    ],
  });
}, 120_000);

afterAll(async () => {
  await engine?.dispose();
  await gateway?.stop();
  await obs?.stop();
  rmSync(root, { recursive: true, force: true });
});

const secrets = () => ({
  obsPassword: OBS_PASSWORD,
  streamKey: STREAM_KEY,
  webhookSecret: WEBHOOK_SECRET,
  webhookSecretBody: WEBHOOK_SECRET.slice('whsec_'.length),
  rotatedSecret: ROTATED_SECRET,
  gatewayReadToken: READ_TOKEN,
  controlToken: engine.controlToken,
  overlayToken: engine.overlayToken,
});

function expectNoSecret(where: string, text: string): void {
  for (const [name, value] of Object.entries(secrets()))
    expect(text.includes(value), `${name} in ${where}`).toBe(false);
}

describe('secrets stay out of logs and exports', () => {
  it('a show with OBS, a stream key, webhooks and seats writes no secret anywhere', async () => {
    await waitFor(
      async () => ((await (await engine.api('/status')).json()) as { obs: { connected: boolean } }).obs.connected,
      {
        what: 'engine on OBS',
        timeoutMs: 60_000,
      },
    );
    const seat = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
    await new Promise<void>((r) => seat.once('connect', () => r()));
    const dest = await seat.emitWithAck('command', 'obs.setStreamDestination', {
      url: 'rtmp://127.0.0.1:1935/live',
      key: STREAM_KEY,
    });
    expect(dest.ok, JSON.stringify(dest)).toBe(true);
    expect(JSON.stringify(dest)).not.toContain(STREAM_KEY);
    const settings = await seat.emitWithAck('command', 'obs.getSettings', {});
    expect(settings.ok).toBe(true);
    expectNoSecret('obs.getSettings reply', JSON.stringify(settings));
    // a failed OBS login path and a bad webhook signature are logged too
    await seat.emitWithAck('command', 'obs.connect', {
      host: '127.0.0.1',
      port: obs.port,
      password: `${OBS_PASSWORD}-wrong`,
    });
    await seat.emitWithAck('command', 'obs.connect', { host: '127.0.0.1', port: obs.port, password: OBS_PASSWORD });
    seat.close();

    const session = (await (await engine.api('/sessions/start', { method: 'POST', body: '{}' })).json()) as {
      session: { id: string };
    };
    expect(
      (
        await postSigned(gatewayUrl, 'r1', [chatEvent(1), { ...paidEvent('o-1', 29900), occurredAt: Date.now() }], {
          secret: WEBHOOK_SECRET,
        })
      ).status,
    ).toBe(200);
    expect((await postSigned(gatewayUrl, 'r1', [chatEvent(2)], { secret: ROTATED_SECRET })).status).toBe(200);
    expect((await postSigned(gatewayUrl, 'r1', [chatEvent(3)], { secret: newSecret() })).status).toBe(401);
    await waitFor(
      async () =>
        ((await (await engine.api('/status')).json()) as { gateway: { lastSeq: number } }).gateway.lastSeq >= 3,
      {
        what: 'events reached the engine',
      },
    );
    const seatReply = (await (
      await engine.api('/seats', { method: 'POST', body: JSON.stringify({ role: 'assistant' }) })
    ).json()) as { token: string };
    expect(seatReply.token.length).toBeGreaterThan(20);
    await engine.api('/sessions/stop', { method: 'POST', body: '{}' });

    const json = await (await engine.api(`/sessions/${session.session.id}/export?format=json`)).text();
    const csv = await (await engine.api(`/sessions/${session.session.id}/export?format=csv`)).text();
    expect(json).toContain('o-1');
    expectNoSecret('JSON export', json);
    expectNoSecret('CSV export', csv);
    // a line a module wrote by mistake, with every kind of secret in it: the bundle must still scrub it
    const mistake = join(engine.dataDir, 'logs', 'mistake.log');
    appendFileSync(
      mistake,
      `${JSON.stringify({ msg: 'mistake', s: [seatReply.token, READ_TOKEN, OBS_PASSWORD, STREAM_KEY, WEBHOOK_SECRET] })}\n`,
    );
    const bundle = await engine.api('/support/logs');
    expect(bundle.status).toBe(200);
    // the bundle is gzip: searching the compressed bytes would never find anything
    const bundleText = gunzipSync(Buffer.from(await bundle.arrayBuffer())).toString('utf8');
    expect(bundleText).toContain('"msg":"mistake"');
    expect(bundleText).toContain('seat connected');
    expectNoSecret('support log bundle', bundleText);
    expect(bundleText.includes(seatReply.token), 'seat token in support log bundle').toBe(false);
    rmSync(mistake); // the engine's own log files are checked raw below

    await engine.stop(); // flush the logs
    const obsJson = readFileSync(join(engine.dataDir, 'obs.json'), 'utf8');
    expect(obsJson).toContain('streamKeySealed');
    expect(obsJson.includes(STREAM_KEY) || obsJson.includes(OBS_PASSWORD)).toBe(false);
    const logDir = join(engine.dataDir, 'logs');
    const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8'));
    expect(logs.join('').length).toBeGreaterThan(1000);
    expectNoSecret('engine logs', logs.join('\n'));
    expectNoSecret('gateway log output', gateway.output());
    expectNoSecret(
      'engine stdout/stderr',
      engine.process.output().replace(/"controlToken":"[^"]+","overlayToken":"[^"]+"/, ''),
    );
  }, 180_000);
});
