import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import type { FacilityBoard, FacilityBoardRow } from '../../../../shared/api/ops/boards';
import { formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { Link } from '../../router';
import { Meter, Sparkline } from '../../components/charts';
import { pctText, usedOf } from './format';
import { matchesQuery } from './text';

/** Client-side sorting and filtering of the (small: tens to hundreds of rows) facility board. */
const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
});
const helper = createColumnHelper<typeof features, FacilityBoardRow>();

export type GroupBy = 'none' | 'tier' | 'kind' | 'district';
export interface FacilityFilters {
  query: string;
  tier: '' | '1' | '2' | '3';
  kind: string;
  district: string;
  alertsOnly: boolean;
  staleOnly: boolean;
}

/** Nulls (no report) sort last in both directions. */
const nullsLast = <T,>(get: (r: FacilityBoardRow) => T | null) => ({
  sortUndefined: 'last' as const,
  accessorFn: (r: FacilityBoardRow) => get(r) ?? undefined,
});

export function FacilityTable({ board, filters, groupBy }: { board: FacilityBoard; filters: FacilityFilters; groupBy: GroupBy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [sorting, setSorting] = useState<SortingState>([]);

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', {
          id: 'name',
          header: t('facilities.col.name'),
          sortFn: (a, b) => a.original.name.localeCompare(b.original.name, 'vi'),
          filterFn: (row, _id, q: string) =>
            matchesQuery(`${row.original.name} ${row.original.unitName} ${row.original.districtName ?? ''} ${t(`facilities.kind.${row.original.kind}`)}`, q),
        }),
        helper.accessor('tier', { id: 'tier', header: t('facilities.col.tier'), filterFn: (row, _id, v: string) => String(row.original.tier) === v }),
        helper.accessor('kind', { id: 'kind', header: t('facilities.col.kind'), filterFn: (row, _id, v: string) => row.original.kind === v }),
        helper.accessor((r) => r.districtCode ?? '', { id: 'district', header: t('facilities.col.district'), filterFn: (row, _id, v: string) => row.original.districtCode === v }),
        helper.accessor((r) => r.level ?? '', { id: 'level', header: '', filterFn: (row) => row.original.level === 'warn' || row.original.level === 'critical' }),
        helper.accessor((r) => r.stale, { id: 'stale', header: '', filterFn: (row) => row.original.stale }),
        helper.accessor('beds', { id: 'beds', header: t('facilities.col.beds') }),
        helper.accessor((r) => r.status?.bedsOccupied, { id: 'occupied', header: t('facilities.col.occupied'), ...nullsLast((r) => r.status?.bedsOccupied ?? null) }),
        helper.accessor((r) => r.occupancyPct, { id: 'pct', header: t('facilities.col.pct'), ...nullsLast((r) => r.occupancyPct) }),
        helper.accessor((r) => r.free, { id: 'free', header: t('facilities.col.free'), ...nullsLast((r) => r.free) }),
        helper.accessor((r) => r.icuPct, { id: 'icu', header: t('facilities.col.icu'), ...nullsLast((r) => r.icuPct) }),
        helper.accessor((r) => r.oxygenPct, { id: 'oxygen', header: t('facilities.col.oxygen'), ...nullsLast((r) => r.oxygenPct) }),
        helper.accessor((r) => r.status?.ventilatorsInUse, { id: 'ventilators', header: t('facilities.col.ventilators'), ...nullsLast((r) => r.status?.ventilatorsInUse ?? null) }),
        helper.accessor((r) => r.change7d, { id: 'trend', header: t('facilities.col.trend'), ...nullsLast((r) => r.change7d) }),
        helper.accessor((r) => r.daysUntilFull, { id: 'daysUntilFull', header: t('facilities.col.daysUntilFull'), ...nullsLast((r) => r.daysUntilFull) }),
        helper.accessor((r) => r.status?.reportedAt, { id: 'reportedAt', header: t('facilities.col.reportedAt'), ...nullsLast((r) => r.status?.reportedAt ?? null) }),
      ]),
    [t],
  );

  const columnFilters = useMemo<ColumnFiltersState>(() => {
    const f: ColumnFiltersState = [];
    if (filters.query.trim()) f.push({ id: 'name', value: filters.query });
    if (filters.tier) f.push({ id: 'tier', value: filters.tier });
    if (filters.kind) f.push({ id: 'kind', value: filters.kind });
    if (filters.district) f.push({ id: 'district', value: filters.district });
    if (filters.alertsOnly) f.push({ id: 'level', value: true });
    if (filters.staleOnly) f.push({ id: 'stale', value: true });
    return f;
  }, [filters]);

  const table = useTable({
    features,
    columns,
    data: board.facilities,
    getRowId: (r) => r.id,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    onColumnFiltersChange: () => undefined, // filters are owned by the toolbar
  });

  const rows = table.getRowModel().rows.map((r) => r.original);
  const groups = useMemo(() => groupRows(rows, groupBy, (r) => groupLabel(r, groupBy, t)), [rows, groupBy, t]);

  const header = (id: string, className = '') => {
    const column = table.getColumn(id)!;
    const sorted = column.getIsSorted();
    return (
      <th className={className} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
        <button type="button" className="sort" onClick={column.getToggleSortingHandler()} data-testid={`sort-${id}`}>
          {String(column.columnDef.header)}
          <span aria-hidden className="sort-mark">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const span = 13;
  const warnPct = board.settings.warnPct;
  const criticalPct = board.settings.criticalPct;

  return (
    <div className="table-scroll">
      <table className="grid facility-table" data-testid="facility-table">
        <caption className="sr-only">{t('facilities.tableCaption')}</caption>
        <thead>
          <tr>
            {header('name')}
            {header('tier', 'num')}
            {header('beds', 'num')}
            {header('occupied', 'num')}
            {header('pct')}
            {header('free', 'num')}
            {header('icu', 'num')}
            {header('oxygen', 'num')}
            {header('ventilators', 'num')}
            {header('trend')}
            {header('daysUntilFull', 'num')}
            {header('reportedAt')}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={span} className="muted">
                {t('facilities.noMatch')}
              </td>
            </tr>
          )}
          {groups.map((g) => (
            <Fragment key={g.key}>
              {groupBy !== 'none' && (
                <tr className="group-row">
                  <th colSpan={span} scope="rowgroup">
                    {g.label}
                    <span className="muted">
                      {' · '}
                      {t('facilities.groupSummary', {
                        count: g.rows.length,
                        occupied: formatNumber(g.occupied, lang),
                        beds: formatNumber(g.beds, lang),
                        pct: pctText(g.beds > 0 ? (g.occupied * 100) / g.beds : null, lang),
                      })}
                    </span>
                  </th>
                </tr>
              )}
              {g.rows.map((r) => (
                <tr key={r.id} className={`level-${r.level ?? 'none'} ${r.active ? '' : 'inactive'}`} data-testid="facility-row" data-level={r.level ?? 'none'}>
                  <td className="name-cell">
                    <Link to={`/facilities?facility=${r.id}`} className="facility-name">
                      {r.name}
                    </Link>
                    <div className="sub muted">
                      {t(`facilities.kind.${r.kind}`)} · {r.districtName ?? r.unitName}
                      {r.atIndustrialPark && <span className="chip">{t('facilities.industrialPark')}</span>}
                      {!r.active && <span className="chip">{t('facilities.inactive')}</span>}
                    </div>
                  </td>
                  <td className="num">{r.tier}</td>
                  <td className="num">{formatNumber(r.beds, lang)}</td>
                  <td className="num">{formatNumber(r.status?.bedsOccupied, lang)}</td>
                  <td>
                    <div className="pct-cell">
                      <Meter pct={r.occupancyPct} level={r.bedLevel} marks={[warnPct, criticalPct]} label={t('facilities.col.pct')} />
                      <span className={`pct level-text-${r.bedLevel ?? 'none'}`}>{pctText(r.occupancyPct, lang)}</span>
                    </div>
                  </td>
                  <td className="num">{formatNumber(r.free, lang)}</td>
                  <td className={`num level-text-${levelOfPct(r.icuPct, warnPct, criticalPct)}`}>{usedOf(r.status?.icuOccupied, r.icuBeds, lang)}</td>
                  <td className={`num level-text-${levelOfPct(r.oxygenPct, warnPct, criticalPct)}`}>{usedOf(r.status?.oxygenInUse, r.oxygenOutlets, lang)}</td>
                  <td className="num">{usedOf(r.status?.ventilatorsInUse, r.ventilators, lang)}</td>
                  <td className="trend-cell">
                    <Sparkline values={r.trend} max={r.beds} label={t('facilities.trendLabel', { name: r.name })} />
                    <span className="delta">{r.change7d === null ? '–' : `${r.change7d > 0 ? '+' : ''}${formatNumber(r.change7d, lang)}`}</span>
                  </td>
                  <td className="num">{daysText(r.daysUntilFull, t)}</td>
                  <td>
                    {r.status ? formatDateTime(r.status.reportedAt) : <span className="muted">{t('facilities.never')}</span>}
                    {r.stale && (
                      <span className="badge stale" data-testid="stale-badge" title={t('facilities.staleTitle', { hours: board.settings.staleAfterHours })}>
                        {r.status ? t('facilities.stale') : t('facilities.unreported')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function levelOfPct(pct: number | null, warn: number, critical: number): string {
  if (pct === null) return 'none';
  return pct >= critical ? 'critical' : pct >= warn ? 'warn' : 'ok';
}

/** "3 ngày", "hôm nay" (0), "> 90 ngày", "–" (not rising / unknown). */
export function daysText(days: number | null, t: TFunction): string {
  if (days === null) return '–';
  if (days === 0) return t('facilities.fullNow');
  if (days > 90) return t('facilities.daysOver', { days: 90 });
  return t('facilities.days', { count: days });
}

interface Group {
  key: string;
  label: string;
  rows: FacilityBoardRow[];
  beds: number;
  occupied: number;
}

/** Splits the sorted rows into groups, keeping the sort inside each group; groups in first-seen order. */
function groupRows(rows: FacilityBoardRow[], by: GroupBy, label: (r: FacilityBoardRow) => string): Group[] {
  const keyOf = (r: FacilityBoardRow) => (by === 'tier' ? String(r.tier) : by === 'kind' ? r.kind : by === 'district' ? (r.districtCode ?? '') : 'all');
  const map = new Map<string, Group>();
  for (const r of rows) {
    const k = keyOf(r);
    let g = map.get(k);
    if (!g) map.set(k, (g = { key: k, label: label(r), rows: [], beds: 0, occupied: 0 }));
    g.rows.push(r);
    if (r.status && r.active) {
      g.beds += r.beds;
      g.occupied += r.status.bedsOccupied;
    }
  }
  const groups = [...map.values()];
  if (by === 'tier') groups.sort((a, b) => a.key.localeCompare(b.key));
  if (by === 'district' || by === 'kind') groups.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return groups;
}

function groupLabel(r: FacilityBoardRow, by: GroupBy, t: TFunction): string {
  if (by === 'tier') return t('facilities.tierN', { tier: r.tier });
  if (by === 'kind') return t(`facilities.kind.${r.kind}`);
  if (by === 'district') return r.districtName ?? r.unitName;
  return '';
}
