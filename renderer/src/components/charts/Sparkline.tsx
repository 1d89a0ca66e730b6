import { gappedPath } from './scale';
import './charts.css';

/**
 * A word-sized trend line. Missing days are gaps; a lone point between gaps and the last
 * known value are dots. `max` fixes the vertical scale (e.g. capacity) so rows compare.
 */
export function Sparkline({
  values,
  max,
  width = 90,
  height = 22,
  label,
  testId,
}: {
  values: ReadonlyArray<number | null>;
  max?: number;
  width?: number;
  height?: number;
  label: string;
  testId?: string;
}) {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(max ?? 0, ...present, 1);
  const pad = 2;
  const x = (i: number) => pad + (values.length <= 1 ? 0 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - (Math.max(0, v) / top) * (height - 2 * pad);
  const lone = values
    .map((v, i) => ({ v, i }))
    .filter(({ v, i }) => v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null);
  let last = -1;
  values.forEach((v, i) => v !== null && (last = i));
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId}>
      <title>{label}</title>
      {max !== undefined && <line className="cap" x1={pad} x2={width - pad} y1={y(max)} y2={y(max)} />}
      <path d={gappedPath(values, x, y)} />
      {lone.map(({ v, i }) => (
        <circle key={i} cx={x(i)} cy={y(v!)} r={1.6} />
      ))}
      {last >= 0 && <circle cx={x(last)} cy={y(values[last]!)} r={2.2} />}
    </svg>
  );
}
