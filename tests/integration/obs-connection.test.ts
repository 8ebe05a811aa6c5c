/**
 * The OBS connection against real OBS (Debian's OBS 29 under Xvfb): passwords, OBS not running, OBS
 * killed and restarted, OBS frozen, and no request left hanging. One OBS instance for the file.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObsConnection } from '../../electron/engine/obs/connection';
import { ObsController } from '../../electron/engine/obs/controller';
import type { ObsError } from '../../electron/engine/obs/errors';
import { DEFAULT_THRESHOLDS } from '../../electron/engine/obs/health';
import { DEFAULT_OBS_SETTINGS } from '../../electron/engine/obs/settings';
import type { ObsState } from '../../shared/contract/obs';
import { type ObsHarness, startObs } from '../harness/obs';
import { freePort, waitFor } from '../harness/process';

let obs: ObsHarness;

beforeAll(async () => {
  obs = await startObs();
});

afterAll(async () => {
  await obs?.stop();
});

const fast = {
  requestTimeoutMs: 20_000,
  connectTimeoutMs: 3_000,
  backoff: { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0.3 },
};

function controllerFor(port: number, password: string | null, connection = {}) {
  return new ObsController({
    settings: { ...DEFAULT_OBS_SETTINGS, port, password },
    connection: { ...fast, ...connection },
  });
}

describe('connecting', () => {
  it('connects with the right password and rebuilds the whole state in one go', async () => {
    const controller = controllerFor(obs.port, obs.password);
    try {
      const result = await controller.connect();
      expect(result).toMatchObject({ ok: true, status: 'identified', version: { obs: '29.0.2', websocket: '5.1.0' } });
      const state = controller.state;
      expect(state.scenes).toContain('Scene');
      expect(state.programScene).toBe(state.scenes.includes(state.programScene ?? '') ? state.programScene : 'missing');
      expect(state.streaming.active).toBe(false);
      expect(state.health.targetFps).toBe(30);
      expect(state.hasBrowserSource).toBe(false); // Debian's OBS
      // "Test connection" on the live connection probes it without dropping it.
      const statuses: string[] = [];
      controller.connection.on('state', (s) => statuses.push(s.status));
      expect((await controller.connect()).ok).toBe(true);
      expect(statuses).toEqual([]);
    } finally {
      await controller.stop();
    }
  });

  it('a wrong password fails for good with auth_failed and a message saying where the password is', async () => {
    const controller = controllerFor(obs.port, 'not-the-password');
    try {
      const result = await controller.connect();
      expect(result.ok).toBe(false);
      expect(result.status).toBe('failed');
      expect(result.reason?.code).toBe('auth_failed');
      expect(result.reason?.message).toMatch(/WebSocket Server Settings/);
      expect(controller.state.status).toBe('failed');
      expect(controller.connection.pendingCount).toBe(0);
    } finally {
      await controller.stop();
    }
  });

  it('no password where OBS requires one says password_required', async () => {
    const controller = controllerFor(obs.port, null);
    try {
      const result = await controller.connect();
      expect(result.reason?.code).toBe('password_required');
    } finally {
      await controller.stop();
    }
  });

  it('OBS not running: obs_unreachable with where to turn the server on, then connects by itself once OBS starts', async () => {
    const later = await startObs({ startObs: false });
    const controller = controllerFor(later.port, later.password);
    try {
      const result = await controller.connect();
      expect(result).toMatchObject({ ok: false, status: 'reconnecting', reason: { code: 'obs_unreachable' } });
      expect(result.reason?.message).toMatch(/Tools -> WebSocket Server Settings/);
      await later.start();
      await controller.connection.whenIdentified(30_000);
      expect(controller.state.status).toBe('identified');
      expect(controller.state.scenes).toContain('Scene');
    } finally {
      await controller.stop();
      await later.stop();
    }
  });

  it('a one-shot test of an unreachable address fails at once (no retry)', async () => {
    const connection = new ObsConnection(fast);
    const port = await freePort();
    await expect(connection.connect({ url: `ws://127.0.0.1:${port}` }, { retry: false })).rejects.toMatchObject({
      code: 'obs_unreachable',
    });
    expect(connection.status).toBe('failed');
    await connection.disconnect();
  });

  it('obs-websocket 4.x (fake: a websocket server without the v5 subprotocol) is reported as unsupported', async () => {
    const fakeV4: Server = createServer();
    const upgraded = new Set<import('node:stream').Duplex>();
    fakeV4.on('upgrade', (req, socket) => {
      upgraded.add(socket);
      const accept = createHash('sha1')
        .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
    });
    await new Promise<void>((resolve) => fakeV4.listen(0, '127.0.0.1', resolve));
    const { port } = fakeV4.address() as AddressInfo;
    const controller = controllerFor(port, 'x');
    try {
      const result = await controller.connect();
      expect(result).toMatchObject({ ok: false, status: 'failed', reason: { code: 'unsupported_version' } });
      expect(result.reason?.message).toMatch(/4\.x/);
    } finally {
      await controller.stop();
      for (const socket of upgraded) socket.destroy();
      fakeV4.closeAllConnections();
      await new Promise((r) => fakeV4.close(r));
    }
  });
});

describe('surviving a show', () => {
  it('OBS killed mid-session: pending calls settle at once, it reconnects by itself and the state is right again', async () => {
    const controller = controllerFor(obs.port, obs.password);
    const statuses: string[] = [];
    controller.connection.on('state', (s) => statuses.push(s.status));
    try {
      expect((await controller.connect()).ok).toBe(true);
      await controller.connection.call('CreateScene', { sceneName: 'Before crash' });
      await controller.setScene('Before crash');
      await waitFor(() => controller.state.programScene === 'Before crash', { what: 'program scene event' });

      // A request OBS is still working on when it dies (Sleep inside a batch), with a 20 s timeout:
      // it must be rejected because the socket closed, not because the timeout ran out.
      const pending = controller.connection.callBatch([{ requestType: 'Sleep', requestData: { sleepMillis: 5_000 } }], {
        executionType: 0,
      });
      const settled = pending.then(
        () => 'resolved',
        (e: ObsError) => e.code,
      );
      await waitFor(() => controller.connection.pendingCount > 0, { what: 'pending request' });
      await obs.kill();
      expect(await settled).toBe('connection_lost');
      expect(controller.connection.pendingCount).toBe(0);
      await waitFor(() => controller.state.status === 'reconnecting', { what: 'reconnecting' });
      // Calls while reconnecting fail fast instead of queueing forever.
      await expect(controller.setScene('Scene')).rejects.toMatchObject({ code: 'not_connected' });

      await obs.restart();
      await controller.connection.whenIdentified(15_000);
      // State rebuilt from OBS, not remembered: it matches what OBS says now.
      const truth = await controller.connection.call('GetSceneList');
      expect(controller.state.programScene).toBe(truth.currentProgramSceneName);
      expect([...controller.state.scenes].sort()).toEqual(truth.scenes.map((s) => String(s.sceneName)).sort());
      expect(controller.state.status).toBe('identified');
      expect(controller.state.reason).toBeUndefined();
      expect(statuses).toEqual(expect.arrayContaining(['identified', 'reconnecting']));
      expect(statuses.at(-1)).toBe('identified');
      // And it works again.
      await controller.setScene('Scene');
      await waitFor(() => controller.state.programScene === 'Scene', { what: 'scene switch after restart' });
    } finally {
      await controller.stop();
      if (!obs.pid) await obs.start();
    }
  });

  it('OBS frozen (SIGSTOP): the GetStats heartbeat notices, and it comes back when OBS does', async () => {
    const controller = controllerFor(obs.port, obs.password, {
      heartbeatIntervalMs: 300,
      heartbeatTimeoutMs: 1_000,
      connectTimeoutMs: 1_500,
    });
    const seen: ObsState['reason'][] = [];
    controller.on('state', (s) => seen.push(s.reason));
    const pid = obs.pid;
    try {
      expect((await controller.connect()).ok).toBe(true);
      process.kill(pid, 'SIGSTOP');
      await waitFor(() => controller.state.status === 'reconnecting', { what: 'heartbeat timeout', timeoutMs: 10_000 });
      expect(seen.some((r) => r?.code === 'timeout')).toBe(true);
      expect(controller.connection.pendingCount).toBe(0);
      process.kill(pid, 'SIGCONT');
      await controller.connection.whenIdentified(20_000);
      expect(controller.state.scenes).toContain('Scene');
    } finally {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone
      }
      await controller.stop();
    }
  });

  it('a request OBS does not answer in time is rejected with timeout; the connection stays up', async () => {
    const controller = controllerFor(obs.port, obs.password);
    try {
      expect((await controller.connect()).ok).toBe(true);
      const slow = controller.connection.callBatch(
        [{ requestType: 'Sleep', requestData: { sleepMillis: 1_500 } }],
        { executionType: 0 },
        { timeoutMs: 200 },
      );
      await expect(slow).rejects.toMatchObject({ code: 'timeout' });
      expect(controller.connection.pendingCount).toBe(0);
      expect(controller.state.status).toBe('identified');
      expect((await controller.connection.call('GetVersion')).obsVersion).toBe('29.0.2');
    } finally {
      await controller.stop();
    }
  });

  it('health from the heartbeat reaches the state, with warnings when a threshold is crossed', async () => {
    const controller = new ObsController({
      settings: { ...DEFAULT_OBS_SETTINGS, port: obs.port, password: obs.password },
      connection: { ...fast, heartbeatIntervalMs: 200 },
      // Any CPU use counts as high here, so the warning path is exercised end to end.
      thresholds: { ...DEFAULT_THRESHOLDS, cpuPercent: { warning: -1, critical: 1_000 } },
    });
    try {
      expect((await controller.connect()).ok).toBe(true);
      await waitFor(() => controller.state.health.warnings.some((w) => w.code === 'high_cpu'), {
        what: 'high_cpu warning',
      });
      const health = controller.state.health;
      expect(health.fps).toBeGreaterThan(0);
      expect(health.renderTotalFrames).toBeGreaterThan(0);
      expect(health.diskFreeMb).toBeGreaterThan(0);
      expect(health.warnings.find((w) => w.code === 'high_cpu')).toMatchObject({ level: 'warning' });
    } finally {
      await controller.stop();
    }
  });

  it('disconnect() rejects what is pending and stops retrying', async () => {
    const controller = controllerFor(obs.port, obs.password);
    try {
      expect((await controller.connect()).ok).toBe(true);
      const pending = controller.connection
        .callBatch([{ requestType: 'Sleep', requestData: { sleepMillis: 3_000 } }], { executionType: 0 })
        .then(
          () => 'resolved',
          (e: ObsError) => e.code,
        );
      await controller.disconnect();
      expect(await pending).toBe('not_connected');
      expect(controller.state.status).toBe('disconnected');
    } finally {
      await controller.stop();
    }
  });
});
