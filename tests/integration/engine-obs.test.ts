import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../shared/contract';
import { readDataFolder } from '../harness/data-folder';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { startObs } from '../harness/obs';
import { waitFor } from '../harness/process';

type Obs = Awaited<ReturnType<typeof startObs>>;

describe('headless engine with a real OBS', () => {
  let obs: Obs;
  let engine: EngineProcess;
  beforeAll(async () => {
    obs = await startObs();
    engine = await startEngineProcess({ args: ['--obs', obs.url, '--obs-password', obs.password] });
  });
  afterAll(async () => {
    await engine?.dispose();
    await obs?.stop();
  });

  const status = async () => (await (await engine.api('/status')).json()) as StatusResponse;

  it('reports OBS in GET /status and follows it through a restart', async () => {
    const connected = await waitFor(
      async () => {
        const s = await status();
        return s.obs.connected ? s : null;
      },
      { what: 'OBS connected', timeoutMs: 30_000 },
    );
    expect(connected.obs.streaming).toBe(false);
    expect(connected.obs.recording).toBe(false);
    expect(typeof connected.obs.scene).toBe('string');

    await obs.kill();
    await waitFor(async () => !(await status()).obs.connected, { what: 'OBS gone', timeoutMs: 15_000 });
    await obs.restart();
    await waitFor(async () => (await status()).obs.connected, { what: 'OBS back', timeoutMs: 30_000 });
  });

  it('never writes the OBS password into the data folder in clear text', async () => {
    const files = readDataFolder(engine.dataDir).filter(([f]) => !f.endsWith('.sqlite') && !f.endsWith('.key'));
    expect(files.length).toBeGreaterThan(0);
    for (const [file, bytes] of files) expect(bytes.toString('utf8'), file).not.toContain(obs.password);
  });
});
