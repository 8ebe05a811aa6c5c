/**
 * One health sample of OBS: the heartbeat's GetStats plus, while an output runs, the stream and record
 * status (one batch); kept in a sliding window, assessed (health.ts) and folded into the `obs` state.
 */
import type { OBSResponseTypes } from 'obs-websocket-js';
import type { ObsState } from '../../../shared/contract/obs';
import type { ObsConnection } from './connection';
import { assessHealth, type HealthReport, type HealthSample, type Thresholds } from './health';

type Data = Record<string, unknown>;

/** GetStreamStatus and GetRecordStatus in one round trip; a failed one is null. */
export async function readOutputStatus(
  connection: ObsConnection,
): Promise<{ stream: Data | null; record: Data | null }> {
  const results = await connection.callBatch([{ requestType: 'GetStreamStatus' }, { requestType: 'GetRecordStatus' }], {
    haltOnFailure: false,
  });
  const answer = (i: number) => (results[i]?.requestStatus.result ? (results[i].responseData as Data) : null);
  return { stream: answer(0), record: answer(1) };
}

const num = (v: unknown): number => Number(v ?? 0);

/** What GetStreamStatus and GetRecordStatus both say of their output. */
const outputCounters = (d: Data) => ({
  active: Boolean(d.outputActive),
  bytes: num(d.outputBytes),
  durationMs: num(d.outputDuration),
});

/** The sample from OBS's answers (numbers as OBS reports them, missing counters as 0). */
export function healthSample(
  stats: OBSResponseTypes['GetStats'],
  outputs: { stream: Data | null; record: Data | null },
  at: number,
): HealthSample {
  const { stream, record } = outputs;
  return {
    at,
    stats: {
      activeFps: stats.activeFps,
      cpuUsage: stats.cpuUsage,
      memoryUsage: stats.memoryUsage,
      availableDiskSpace: stats.availableDiskSpace,
      renderSkippedFrames: stats.renderSkippedFrames,
      renderTotalFrames: stats.renderTotalFrames,
      outputSkippedFrames: stats.outputSkippedFrames,
      outputTotalFrames: stats.outputTotalFrames,
    },
    stream: stream
      ? {
          ...outputCounters(stream),
          reconnecting: Boolean(stream.outputReconnecting),
          skippedFrames: num(stream.outputSkippedFrames),
          totalFrames: num(stream.outputTotalFrames),
          congestion: num(stream.outputCongestion),
        }
      : null,
    record: record ? { ...outputCounters(record), paused: Boolean(record.outputPaused) } : null,
  };
}

/**
 * Samples health on each heartbeat: the samples of the last `windowMs` (plus slack), assessed together.
 * One sample at a time: a heartbeat that comes while the last sample is still reading is skipped.
 */
export class HealthSampler {
  private history: HealthSample[] = [];
  private sampling = false;

  constructor(
    private readonly connection: ObsConnection,
    private readonly options: { windowMs: number; thresholds: Thresholds; now: () => number },
  ) {}

  /** Forgets the samples (a new connection, or a stream that starts counting from zero). */
  reset(): void {
    this.history = [];
  }

  /** The state change for this heartbeat's stats, or null when skipped; rejects when OBS does not answer. */
  async take(stats: OBSResponseTypes['GetStats'], current: ObsState): Promise<((st: ObsState) => void) | null> {
    if (this.sampling) return null;
    this.sampling = true;
    try {
      const outputsRun = current.streaming.active || current.recording.active;
      const outputs = outputsRun ? await readOutputStatus(this.connection) : { stream: null, record: null };
      const sample = healthSample(stats, outputs, this.options.now());
      const { windowMs, thresholds } = this.options;
      this.history.push(sample);
      while (this.history.length > 2 && sample.at - this.history[0].at > windowMs + 5_000) this.history.shift();
      const report = assessHealth(this.history, { targetFps: current.health.targetFps, windowMs, thresholds });
      return (st) => applyHealth(st, sample, report);
    } finally {
      this.sampling = false;
    }
  }
}

/** Folds a sample and its report into the state: health always, an output's figures while it runs. */
export function applyHealth(st: ObsState, sample: HealthSample, report: HealthReport): void {
  const { stats } = sample;
  const h = st.health;
  h.fps = stats.activeFps;
  h.cpu = stats.cpuUsage;
  h.memoryMb = stats.memoryUsage;
  h.renderSkippedFrames = stats.renderSkippedFrames;
  h.renderTotalFrames = stats.renderTotalFrames;
  h.encoderSkippedFrames = stats.outputSkippedFrames;
  h.encoderTotalFrames = stats.outputTotalFrames;
  h.renderSkippedPercent = report.renderSkippedPercent;
  h.encoderSkippedPercent = report.encoderSkippedPercent;
  h.diskFreeMb = stats.availableDiskSpace;
  h.warnings = report.warnings;
  h.sampledAt = sample.at;
  const s = sample.stream;
  if (s?.active && st.streaming.active) {
    st.streaming.durationMs = s.durationMs;
    st.streaming.totalBytes = s.bytes;
    st.streaming.reconnecting = s.reconnecting;
    st.streaming.droppedFrames = s.skippedFrames;
    st.streaming.totalFrames = s.totalFrames;
    st.streaming.congestion = s.congestion;
    st.streaming.bitrateKbps = Math.round(report.streamBitrateKbps);
    st.streaming.droppedPercent = report.droppedPercent;
  }
  const r = sample.record;
  if (r?.active && st.recording.active) {
    st.recording.durationMs = r.durationMs;
    st.recording.totalBytes = r.bytes;
    st.recording.paused = r.paused;
    st.recording.bitrateKbps = Math.round(report.recordBitrateKbps);
  }
}
