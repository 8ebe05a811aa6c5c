import { describe, expect, it } from 'vitest';
import { assessHealth } from './health';
import { applyHealth, healthSample } from './health-sample';
import { recordStep, streamStep } from './obs-events';
import { DEFAULT_OBS_SETTINGS, withConnectArgs } from './settings';
import { emptyObsState } from './state';

const fresh = () => emptyObsState({ host: '127.0.0.1', port: 4455 });
const STATS = {
  activeFps: 30,
  cpuUsage: 12.5,
  memoryUsage: 800,
  availableDiskSpace: 50_000,
  averageFrameRenderTime: 2,
  renderSkippedFrames: 3,
  renderTotalFrames: 3_000,
  outputSkippedFrames: 0,
  outputTotalFrames: 3_000,
  webSocketSessionIncomingMessages: 0,
  webSocketSessionOutgoingMessages: 0,
};

describe('the obs slice follows OBS output events', () => {
  it('a stream starts at the event time, reconnects, and is idle again when it stops', () => {
    const st = fresh();
    streamStep(st, 'OBS_WEBSOCKET_OUTPUT_STARTED', 1_000);
    expect(st.streaming).toMatchObject({ active: true, startedAt: 1_000, reconnecting: false });
    streamStep(st, 'OBS_WEBSOCKET_OUTPUT_RECONNECTING', 2_000);
    expect(st.streaming.reconnecting).toBe(true);
    streamStep(st, 'OBS_WEBSOCKET_OUTPUT_RECONNECTED', 3_000);
    expect(st.streaming.reconnecting).toBe(false);
    streamStep(st, 'OBS_WEBSOCKET_OUTPUT_STARTING', 3_500); // progress events change nothing
    expect(st.streaming.active).toBe(true);
    streamStep(st, 'OBS_WEBSOCKET_OUTPUT_STOPPED', 4_000);
    expect(st.streaming).toEqual(fresh().streaming);
  });

  it('a recording pauses and resumes, and is idle again when it stops', () => {
    const st = fresh();
    recordStep(st, 'OBS_WEBSOCKET_OUTPUT_STARTED', 5_000);
    expect(st.recording).toMatchObject({ active: true, startedAt: 5_000, paused: false });
    recordStep(st, 'OBS_WEBSOCKET_OUTPUT_PAUSED', 6_000);
    expect(st.recording.paused).toBe(true);
    recordStep(st, 'OBS_WEBSOCKET_OUTPUT_RESUMED', 7_000);
    expect(st.recording.paused).toBe(false);
    recordStep(st, 'OBS_WEBSOCKET_OUTPUT_STOPPED', 8_000);
    expect(st.recording).toEqual(fresh().recording);
  });
});

describe('a health sample folded into the slice', () => {
  it('fills health always, and an output only while both OBS and the slice say it runs', () => {
    const sample = healthSample(
      STATS,
      {
        stream: { outputActive: true, outputBytes: 1_000_000, outputSkippedFrames: 2, outputTotalFrames: 900 },
        record: null,
      },
      10_000,
    );
    expect(sample.stream).toMatchObject({ active: true, bytes: 1_000_000, skippedFrames: 2, congestion: 0 });
    const report = assessHealth([sample], { targetFps: 30 });
    const idle = fresh();
    applyHealth(idle, sample, report);
    expect(idle.health).toMatchObject({
      fps: 30,
      cpu: 12.5,
      diskFreeMb: 50_000,
      renderSkippedFrames: 3,
      sampledAt: 10_000,
    });
    expect(idle.streaming.totalBytes).toBe(0); // the slice says no stream runs: nothing is taken from the sample
    const live = fresh();
    streamStep(live, 'OBS_WEBSOCKET_OUTPUT_STARTED', 0);
    applyHealth(live, sample, report);
    expect(live.streaming).toMatchObject({ totalBytes: 1_000_000, droppedFrames: 2, totalFrames: 900 });
  });
});

describe('connect arguments', () => {
  it('change the address, keep the password when absent and clear it with an empty one', () => {
    const saved = { ...DEFAULT_OBS_SETTINGS, password: 'secret' };
    expect(withConnectArgs(saved, { port: 4460 })).toMatchObject({ host: saved.host, port: 4460, password: 'secret' });
    expect(withConnectArgs(saved, { password: '' }).password).toBeNull();
    expect(withConnectArgs(saved, { host: '::1', password: 'new' })).toMatchObject({ host: '::1', password: 'new' });
  });
});
