/**
 * From OBS stat samples to numbers a host reads and plain warnings. Pure: the controller feeds it the
 * samples it polls (GetStats, GetStreamStatus, GetRecordStatus); tests feed it injected samples.
 *
 * Rates are computed over a sliding window (latest sample vs the oldest one inside `windowMs`) from
 * OBS's cumulative counters; a counter that went down means the output restarted and counts from zero.
 */
import type { ObsWarning } from '../../../shared/contract/obs';

export interface StatsSample {
  activeFps: number;
  cpuUsage: number;
  memoryUsage: number;
  /** MB free on the recording disk. */
  availableDiskSpace: number;
  renderSkippedFrames: number;
  renderTotalFrames: number;
  /** GetStats' output* counters: frames the encoder skipped (encoding lag). */
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface StreamSample {
  active: boolean;
  reconnecting: boolean;
  bytes: number;
  /** GetStreamStatus' outputSkippedFrames: frames dropped by the network. */
  skippedFrames: number;
  totalFrames: number;
  congestion: number;
  durationMs: number;
}

export interface RecordSample {
  active: boolean;
  paused: boolean;
  bytes: number;
  durationMs: number;
}

export interface HealthSample {
  /** ms timestamp of the sample */
  at: number;
  stats: StatsSample;
  stream: StreamSample | null;
  record: RecordSample | null;
}

export interface Thresholds {
  droppedPercent: { warning: number; critical: number };
  encoderSkippedPercent: { warning: number; critical: number };
  renderSkippedPercent: { warning: number; critical: number };
  /** Fraction of the target fps below which fps is low. */
  fpsRatio: { warning: number; critical: number };
  cpuPercent: { warning: number; critical: number };
  diskFreeMb: { warning: number; critical: number };
  /** Streaming this long with zero bytes leaving is critical. */
  noDataAfterMs: number;
  /** Fewer frames than this in the window give no percentage (too noisy). */
  minFrames: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  droppedPercent: { warning: 1, critical: 5 },
  encoderSkippedPercent: { warning: 1, critical: 5 },
  renderSkippedPercent: { warning: 1, critical: 5 },
  fpsRatio: { warning: 0.9, critical: 0.5 },
  cpuPercent: { warning: 80, critical: 95 },
  diskFreeMb: { warning: 2048, critical: 500 },
  noDataAfterMs: 5_000,
  minFrames: 30,
};

export interface HealthReport {
  streamBitrateKbps: number;
  recordBitrateKbps: number;
  droppedPercent: number;
  encoderSkippedPercent: number;
  renderSkippedPercent: number;
  warnings: ObsWarning[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Increase of a cumulative counter; a drop means it restarted from zero. */
export function counterDelta(current: number, previous: number): number {
  return current >= previous ? current - previous : current;
}

function percent(
  skippedNow: number,
  skippedThen: number,
  totalNow: number,
  totalThen: number,
  minFrames: number,
): number {
  const total = counterDelta(totalNow, totalThen);
  if (total < minFrames) return 0;
  return (100 * counterDelta(skippedNow, skippedThen)) / total;
}

function kbps(bytesNow: number, bytesThen: number, ms: number): number {
  if (ms <= 0) return 0;
  return (counterDelta(bytesNow, bytesThen) * 8) / ms; // bytes*8/ms = kbit/s
}

function level(
  value: number,
  t: { warning: number; critical: number },
  lowerIsWorse = false,
): ObsWarning['level'] | null {
  if (lowerIsWorse) {
    if (value < t.critical) return 'critical';
    if (value < t.warning) return 'warning';
    return null;
  }
  if (value >= t.critical) return 'critical';
  if (value >= t.warning) return 'warning';
  return null;
}

/** The sample to compare the latest with: the oldest one not older than `windowMs`. */
export function windowStart(history: readonly HealthSample[], windowMs: number): HealthSample | undefined {
  const latest = history[history.length - 1];
  if (!latest) return undefined;
  for (const sample of history) if (latest.at - sample.at <= windowMs && sample !== latest) return sample;
  return undefined;
}

/**
 * Health of the latest sample against the window before it: bitrates, loss percentages and warnings
 * (most severe first). `history` is oldest first; with a single sample only level-based warnings
 * (cpu, fps, disk, reconnecting) can fire.
 */
export function assessHealth(
  history: readonly HealthSample[],
  options: { targetFps: number | null; windowMs?: number; thresholds?: Thresholds },
): HealthReport {
  const t = options.thresholds ?? DEFAULT_THRESHOLDS;
  const latest = history[history.length - 1];
  const report: HealthReport = {
    streamBitrateKbps: 0,
    recordBitrateKbps: 0,
    droppedPercent: 0,
    encoderSkippedPercent: 0,
    renderSkippedPercent: 0,
    warnings: [],
  };
  if (!latest) return report;
  const start = windowStart(history, options.windowMs ?? 10_000);
  const warnings: ObsWarning[] = [];
  const s = latest.stats;

  if (start) {
    const ms = latest.at - start.at;
    const p = start.stats;
    report.renderSkippedPercent = percent(
      s.renderSkippedFrames,
      p.renderSkippedFrames,
      s.renderTotalFrames,
      p.renderTotalFrames,
      t.minFrames,
    );
    report.encoderSkippedPercent = percent(
      s.outputSkippedFrames,
      p.outputSkippedFrames,
      s.outputTotalFrames,
      p.outputTotalFrames,
      t.minFrames,
    );
    if (latest.stream?.active && start.stream?.active) {
      report.streamBitrateKbps = kbps(latest.stream.bytes, start.stream.bytes, ms);
      report.droppedPercent = percent(
        latest.stream.skippedFrames,
        start.stream.skippedFrames,
        latest.stream.totalFrames,
        start.stream.totalFrames,
        t.minFrames,
      );
    } else if (latest.stream?.active && latest.stream.durationMs > 0) {
      // Started within the window: average since the start.
      report.streamBitrateKbps = kbps(latest.stream.bytes, 0, latest.stream.durationMs);
    }
    if (latest.record?.active && start.record?.active && !latest.record.paused) {
      report.recordBitrateKbps = kbps(latest.record.bytes, start.record.bytes, ms);
    }
  }

  const stream = latest.stream;
  if (stream?.active) {
    if (stream.reconnecting) warnings.push({ code: 'stream_reconnecting', level: 'critical', values: {} });
    const dropped = level(report.droppedPercent, t.droppedPercent);
    if (dropped)
      warnings.push({
        code: 'network_dropped_frames',
        level: dropped,
        values: { percent: round1(report.droppedPercent) },
      });
    const spanMs = start ? latest.at - start.at : 0;
    if (!stream.reconnecting && stream.durationMs >= t.noDataAfterMs && spanMs > 0 && report.streamBitrateKbps === 0) {
      warnings.push({ code: 'no_stream_data', level: 'critical', values: { seconds: Math.round(spanMs / 1000) } });
    }
  }
  const encoder = level(report.encoderSkippedPercent, t.encoderSkippedPercent);
  if (encoder)
    warnings.push({
      code: 'encoder_overloaded',
      level: encoder,
      values: { percent: round1(report.encoderSkippedPercent) },
    });
  const render = level(report.renderSkippedPercent, t.renderSkippedPercent);
  if (render)
    warnings.push({ code: 'render_lagged', level: render, values: { percent: round1(report.renderSkippedPercent) } });
  if (options.targetFps && options.targetFps > 0 && s.activeFps > 0) {
    const fps = level(s.activeFps / options.targetFps, t.fpsRatio, true);
    if (fps)
      warnings.push({
        code: 'low_fps',
        level: fps,
        values: { fps: round1(s.activeFps), target: round1(options.targetFps) },
      });
  }
  const cpu = level(s.cpuUsage, t.cpuPercent);
  if (cpu) warnings.push({ code: 'high_cpu', level: cpu, values: { percent: Math.round(s.cpuUsage) } });
  if (latest.record?.active && Number.isFinite(s.availableDiskSpace) && s.availableDiskSpace >= 0) {
    const disk = level(s.availableDiskSpace, t.diskFreeMb, true);
    if (disk) {
      const values: Record<string, number> = { freeMb: Math.round(s.availableDiskSpace) };
      if (report.recordBitrateKbps > 0) {
        values.minutesLeft = Math.floor((s.availableDiskSpace * 8 * 1024) / report.recordBitrateKbps / 60);
      }
      warnings.push({ code: 'low_disk', level: disk, values });
    }
  }
  report.warnings = warnings.sort((a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1));
  return report;
}
