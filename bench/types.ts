/**
 * A benchmark reports its measurement next to a baseline measured in the same run, so results on
 * a busy two-core machine compare like with like. Absolute numbers are context, the ratio is the result.
 */
export interface BenchResult {
  /** e.g. "gateway fan-out to 10 clients" */
  name: string;
  /** the measured value of the thing under test */
  value: number;
  /** the baseline measured in the same run (raw ws broadcast, bare insert loop, idle page ...) */
  baseline: number;
  unit: string;
  /** which direction is better for `value` (throughput: higher; latency: lower) */
  better: 'higher' | 'lower';
  baselineName: string;
  /** extra absolute numbers for context: p50, p99, rows/s ... */
  context?: Record<string, number | string>;
}

export interface BenchModule {
  /** Runs the benchmark; `quick` asks for a shorter run (CI smoke). */
  default: (options: { quick: boolean }) => Promise<BenchResult[]>;
}

/** value / baseline, the figure a reader compares across machines. */
export const ratio = (r: BenchResult): number => (r.baseline === 0 ? Number.NaN : r.value / r.baseline);

/** Percentile of a sample (nearest-rank), for latency reports. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: readonly number[]): number => percentile(values, 50);
