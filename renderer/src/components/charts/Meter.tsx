import './charts.css';

/**
 * A horizontal bar for a percentage (occupancy, progress), coloured by level. Values above
 * 100 fill the bar; optional marks show thresholds. The number itself is printed by the
 * caller next to it (the bar is a reading aid, not the data).
 */
export function Meter({
  pct,
  level,
  marks = [],
  label,
  testId,
}: {
  pct: number | null;
  level?: 'ok' | 'warn' | 'critical' | null;
  marks?: number[];
  label: string;
  testId?: string;
}) {
  const width = pct === null ? 0 : Math.max(0, Math.min(100, pct));
  return (
    <div
      className={`meter ${level ?? ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct * 10) / 10}
      data-testid={testId}
    >
      <span style={{ width: `${width}%` }} />
      {marks.map((m) => (
        <i key={m} className="mark" style={{ left: `${Math.min(100, m)}%` }} aria-hidden />
      ))}
    </div>
  );
}
