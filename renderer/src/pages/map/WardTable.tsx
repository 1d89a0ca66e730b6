import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../shared/api/ops/metrics';
import { formatDate, formatNumber, formatPercent, type Lang } from '../../../../shared/format';
import { LEVEL_INFO } from '../../../../shared/metrics';
import { formatTrend } from '../../map/format';
import { MAP_METRICS, classColourOf, type MapMetricId } from '../../map/metrics';

type SortKey = 'name' | 'incidence' | 'activeF0' | 'trend' | 'level' | 'vaccination' | 'lastReport';

interface Column {
  key: SortKey;
  /** i18n key of the full column name (tooltip, screen readers). */
  title: string;
  /** i18n key of the short header. */
  short: string;
  value(u: UnitMetrics): number | string | null;
  render(u: UnitMetrics, lang: Lang): string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', title: 'map.panel.wardName', short: 'map.panel.wardName', value: (u) => u.name, render: (u) => u.name, numeric: false },
  { key: 'incidence', title: 'map.panel.incidence', short: 'map.panel.col.incidence', value: (u) => u.incidence7dPer100k, render: (u, l) => formatNumber(u.incidence7dPer100k, l, 1), numeric: true },
  { key: 'activeF0', title: 'map.panel.activeF0Rate', short: 'map.panel.col.activeF0', value: (u) => u.activeF0Per100k, render: (u, l) => formatNumber(u.activeF0Per100k, l, 1), numeric: true },
  {
    key: 'trend',
    title: 'map.panel.trend',
    short: 'map.panel.col.trend',
    // Growth from zero sorts above every finite change; two empty weeks as 0.
    value: (u) => (u.trendKind === 'fromZero' ? Number.MAX_VALUE : u.trendKind === 'bothZero' ? 0 : u.trendRatio),
    render: (u, l) => formatTrend(u, l),
    numeric: true,
  },
  { key: 'level', title: 'map.panel.level', short: 'map.panel.col.level', value: (u) => u.epidemicLevel?.level ?? null, render: (u) => (u.epidemicLevel ? String(u.epidemicLevel.level) : '–'), numeric: true },
  { key: 'vaccination', title: 'map.panel.coverageAdult', short: 'map.panel.col.vaccination', value: (u) => u.coverageAdultDose1, render: (u, l) => formatPercent(u.coverageAdultDose1, l), numeric: true },
  { key: 'lastReport', title: 'map.panel.lastReport', short: 'map.panel.col.lastReport', value: (u) => u.lastReportDate, render: (u) => formatDate(u.lastReportDate), numeric: false },
];

/** Wards of the selected district with the map's metrics; every column sorts (nulls last). */
export function WardTable({ wards, metric, day }: { wards: UnitMetrics[]; metric: MapMetricId; day: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'incidence', dir: -1 });
  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    return [...wards].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      if (va === null && vb === null) return a.name.localeCompare(b.name, 'vi');
      if (va === null) return 1;
      if (vb === null) return -1;
      const c = typeof va === 'string' ? va.localeCompare(vb as string, 'vi') : va - (vb as number);
      return c === 0 ? a.name.localeCompare(b.name, 'vi') : c * sort.dir;
    });
  }, [wards, sort]);
  const m = MAP_METRICS[metric];
  return (
    <div className="ward-table-wrap">
      <table className="grid ward-table" data-testid="ward-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} className={c.numeric ? 'num' : undefined}>
                <button
                  type="button"
                  className="th-sort"
                  onClick={() => setSort((s) => ({ key: c.key, dir: s.key === c.key ? ((-s.dir) as 1 | -1) : c.numeric ? -1 : 1 }))}
                  title={t('map.panel.sortBy', { column: t(c.title) })}
                  data-testid={`ward-sort-${c.key}`}
                >
                  <span aria-hidden>{t(c.short)}</span>
                  <span className="visually-hidden">{t(c.title)}</span>
                  <span aria-hidden>{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.code} data-code={u.code}>
              {COLUMNS.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.key === 'name' && <span className="swatch small" style={{ background: classColourOf(metric, m.classOf(u, day)) }} aria-hidden />}
                  {c.key === 'level' && u.epidemicLevel ? (
                    <span className="level-chip" style={{ background: LEVEL_INFO[u.epidemicLevel.level].colour, color: LEVEL_INFO[u.epidemicLevel.level].textColour }}>
                      {c.render(u, lang)}
                    </span>
                  ) : (
                    c.render(u, lang)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
