import { sparklinePoints } from '../live/run-of-show';

/** A tiny inline SVG line of per-minute values (lighter than a chart library for one line). */
export function Sparkline({
  values,
  label,
  width = 160,
  height = 32,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const points = sparklinePoints(values.slice(-60), width, height);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {points && (
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      )}
    </svg>
  );
}
