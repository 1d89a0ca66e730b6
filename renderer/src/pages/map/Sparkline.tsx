import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../../shared/format';

/**
 * A 60-day sparkline as plain SVG (no chart library): daily new cases as an area, the last
 * day marked. Its text alternative states the range, the peak and the last value.
 */
export function Sparkline({ dates, values, width = 300, height = 64 }: { dates: string[]; values: number[]; width?: number; height?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (values.length === 0) return null;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 2 - (v / max) * (height - 6);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  const last = values[values.length - 1]!;
  const summary = t('map.panel.sparklineSummary', {
    from: formatDate(dates[0]),
    to: formatDate(dates[dates.length - 1]),
    max: formatNumber(Math.max(...values), lang),
    last: formatNumber(last, lang),
  });
  return (
    <figure className="sparkline" data-testid="district-sparkline">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={summary} preserveAspectRatio="none">
        <polygon points={`0,${height} ${pts.join(' ')} ${((values.length - 1) * step).toFixed(1)},${height}`} className="area" />
        <polyline points={pts.join(' ')} className="line" fill="none" />
        <circle cx={(values.length - 1) * step} cy={y(last)} r={3} className="last" />
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
