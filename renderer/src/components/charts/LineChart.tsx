import { formatDate } from '../../../../shared/format';
import { bandPaths, gappedPath, niceTicks, spreadIndexes } from './scale';
import './charts.css';

export interface LineSeries {
  key: string;
  label: string;
  values: ReadonlyArray<number | null>;
  /** A CSS colour, usually a variable: 'var(--chart-1)'. */
  colour: string;
  dashed?: boolean;
}

/** A shaded range between two series (e.g. a prediction interval); drawn under the lines. */
export interface LineBand {
  key: string;
  label: string;
  lower: ReadonlyArray<number | null>;
  upper: ReadonlyArray<number | null>;
  colour: string;
  /** Fill opacity (default 0.18). */
  opacity?: number;
}

/** A vertical rule at a date index (e.g. "today", "tier full"). */
export interface LineMarker {
  index: number;
  label: string;
  colour?: string;
}

/**
 * Daily series over dates as an SVG line chart: gaps where a day has no value, y from 0,
 * nice ticks, dd/MM labels, a legend, and a text description for screen readers.
 */
export function LineChart({
  dates,
  series,
  title,
  description,
  formatY = (v) => String(v),
  height = 220,
  width = 640,
  testId,
  bands = [],
  markers = [],
}: {
  dates: readonly string[];
  series: readonly LineSeries[];
  /** Optional shaded ranges (added for the scenario forecast; other charts pass none). */
  bands?: readonly LineBand[];
  /** Optional vertical rules with a short label at the top. */
  markers?: readonly LineMarker[];
  title: string;
  description?: string;
  formatY?: (v: number) => string;
  height?: number;
  width?: number;
  testId?: string;
}) {
  const margin = { top: 10, right: 12, bottom: 24, left: 52 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter(finite)), ...bands.flatMap((b) => b.upper.filter(finite)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const x = (i: number) => margin.left + (dates.length <= 1 ? w / 2 : (i * w) / (dates.length - 1));
  const y = (v: number) => margin.top + h - (Math.max(0, v) / top) * h;
  return (
    <figure className="line-chart-figure" data-testid={testId}>
      <svg className="line-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <title>{title}</title>
        {description && <desc>{description}</desc>}
        <g className="grid axis">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={margin.left} x2={margin.left + w} y1={y(t)} y2={y(t)} />
              <text x={margin.left - 6} y={y(t) + 4} textAnchor="end">
                {formatY(t)}
              </text>
            </g>
          ))}
        </g>
        <g className="axis">
          {spreadIndexes(dates.length).map((i) => (
            <text key={i} x={x(i)} y={height - 6} textAnchor={i === dates.length - 1 && dates.length > 1 ? 'end' : 'middle'}>
              {formatDate(dates[i]).slice(0, 5)}
            </text>
          ))}
        </g>
        {bands.map((b) => (
          <g key={b.key} className="band" data-band={b.key}>
            {bandPaths(b.lower, b.upper, x, y).map((d, k) => (
              <path key={k} d={d} fill={b.colour} fillOpacity={b.opacity ?? 0.18} stroke="none" />
            ))}
          </g>
        ))}
        {markers.map((m) => (
          <g key={`${m.index}-${m.label}`} className="marker" data-marker={m.index}>
            <line x1={x(m.index)} x2={x(m.index)} y1={margin.top} y2={margin.top + h} stroke={m.colour ?? 'var(--muted)'} />
            <text x={x(m.index)} y={margin.top + 10} dx={x(m.index) > margin.left + w - 80 ? -4 : 4} textAnchor={x(m.index) > margin.left + w - 80 ? 'end' : 'start'} fill={m.colour ?? 'var(--muted)'}>
              {m.label}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.key} className={`series ${s.dashed ? 'dashed' : ''}`} data-series={s.key}>
            <path d={gappedPath(s.values, x, y)} stroke={s.colour} />
            {s.values.map((v, i) =>
              v !== null && (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null ? (
                <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={s.colour} />
              ) : null,
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {bands.map((b) => (
            <li key={b.key}>
              <span className="swatch band" style={{ background: b.colour, opacity: Math.min(1, (b.opacity ?? 0.18) * 2.5) }} aria-hidden />
              {b.label}
            </li>
          ))}
          {series.map((s) => (
            <li key={s.key}>
              <span className={`swatch ${s.dashed ? 'dashed' : ''}`} style={{ background: s.colour, color: s.colour }} aria-hidden />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
