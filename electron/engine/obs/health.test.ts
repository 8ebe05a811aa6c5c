import { describe, expect, it } from 'vitest';
import { assessHealth, counterDelta, type HealthSample, type StatsSample } from './health';

const idle: StatsSample = {
  activeFps: 30,
  cpuUsage: 12,
  memoryUsage: 200,
  availableDiskSpace: 80_000,
  renderSkippedFrames: 0,
  renderTotalFrames: 1000,
  outputSkippedFrames: 0,
  outputTotalFrames: 1000,
};

/** A streaming sample `sec` seconds in, at `kbps`, with `dropped` network drops so far. */
function streaming(
  sec: number,
  { kbps = 2500, dropped = 0, reconnecting = false, stats = {} as Partial<StatsSample> } = {},
): HealthSample {
  return {
    at: 1_000_000 + sec * 1000,
    stats: {
      ...idle,
      renderTotalFrames: 1000 + sec * 30,
      outputTotalFrames: 1000 + sec * 30,
      ...stats,
    },
    stream: {
      active: true,
      reconnecting,
      bytes: (sec * kbps * 1000) / 8,
      skippedFrames: dropped,
      totalFrames: sec * 30,
      congestion: 0,
      durationMs: sec * 1000,
    },
    record: null,
  };
}

describe('assessHealth', () => {
  it('a healthy stream: bitrate from byte deltas, no warnings', () => {
    const report = assessHealth([streaming(10), streaming(12), streaming(14)], { targetFps: 30 });
    expect(report.streamBitrateKbps).toBeCloseTo(2500, 5);
    expect(report.droppedPercent).toBe(0);
    expect(report.warnings).toEqual([]);
  });

  it('network drops over the window become "网络拥堵：丢帧 x%" (network_dropped_frames with percent)', () => {
    // 300 frames sent in 10 s, 10 of them dropped: 3.3 %
    const report = assessHealth([streaming(10, { dropped: 0 }), streaming(20, { dropped: 10 })], { targetFps: 30 });
    expect(report.droppedPercent).toBeCloseTo(3.333, 2);
    expect(report.warnings).toEqual([{ code: 'network_dropped_frames', level: 'warning', values: { percent: 3.3 } }]);
    const worse = assessHealth([streaming(10), streaming(20, { dropped: 60 })], { targetFps: 30 });
    expect(worse.warnings[0]).toEqual({ code: 'network_dropped_frames', level: 'critical', values: { percent: 20 } });
  });

  it('only the window counts: old drops do not keep the warning on', () => {
    const history = [
      streaming(0, { dropped: 0 }),
      streaming(5, { dropped: 50 }),
      streaming(20, { dropped: 50 }),
      streaming(25, { dropped: 50 }),
    ];
    const report = assessHealth(history, { targetFps: 30, windowMs: 10_000 });
    expect(report.droppedPercent).toBe(0);
    expect(report.warnings).toEqual([]);
  });

  it('a restarted output counts from zero instead of going negative', () => {
    expect(counterDelta(100, 5000)).toBe(100);
    const before = streaming(100);
    const after = streaming(2);
    after.at = before.at + 2000;
    const report = assessHealth([before, after], { targetFps: 30 });
    expect(report.streamBitrateKbps).toBeGreaterThan(0);
  });

  it('warns when OBS reconnects to the platform, and when no bytes leave', () => {
    const reconnecting = assessHealth([streaming(10), streaming(12, { reconnecting: true })], { targetFps: 30 });
    expect(reconnecting.warnings.map((w) => w.code)).toContain('stream_reconnecting');
    const stuck = streaming(12);
    stuck.stream = {
      ...(stuck.stream as NonNullable<HealthSample['stream']>),
      bytes: streaming(10).stream?.bytes ?? 0,
    };
    const noData = assessHealth([streaming(10), stuck], { targetFps: 30 });
    expect(noData.warnings).toEqual([{ code: 'no_stream_data', level: 'critical', values: { seconds: 2 } }]);
  });

  it('encoder overload, render lag, low fps and high cpu, most severe first', () => {
    const a = streaming(10);
    const b = streaming(20, {
      stats: { outputSkippedFrames: 30, renderSkippedFrames: 6, activeFps: 24, cpuUsage: 97 },
    });
    const report = assessHealth([a, b], { targetFps: 30 });
    expect(report.warnings).toEqual([
      { code: 'encoder_overloaded', level: 'critical', values: { percent: 10 } },
      { code: 'high_cpu', level: 'critical', values: { percent: 97 } },
      { code: 'render_lagged', level: 'warning', values: { percent: 2 } },
      { code: 'low_fps', level: 'warning', values: { fps: 24, target: 30 } },
    ]);
  });

  it('low disk only while recording, with minutes left at the current bitrate', () => {
    const rec = (sec: number, freeMb: number): HealthSample => ({
      at: sec * 1000,
      stats: { ...idle, availableDiskSpace: freeMb },
      stream: null,
      record: { active: true, paused: false, bytes: (sec * 8000 * 1000) / 8, durationMs: sec * 1000 },
    });
    const report = assessHealth([rec(10, 1000), rec(20, 990)], { targetFps: 30 });
    expect(report.recordBitrateKbps).toBeCloseTo(8000, 5);
    expect(report.warnings).toEqual([{ code: 'low_disk', level: 'warning', values: { freeMb: 990, minutesLeft: 16 } }]);
    const notRecording = assessHealth([{ ...rec(10, 100), record: null }], { targetFps: 30 });
    expect(notRecording.warnings).toEqual([]);
  });

  it('too few frames in the window give no percentage', () => {
    const a = streaming(10);
    const b = streaming(10.5, { dropped: 5 });
    expect(assessHealth([a, b], { targetFps: 30 }).droppedPercent).toBe(0);
  });
});
