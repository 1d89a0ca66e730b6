import { useTranslation } from 'react-i18next';
import type { FacilityBoard } from '../../../../shared/api/ops/boards';
import { formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { Link } from '../../router';
import { Meter } from '../../components/charts';
import { pctText } from './format';
import { matchesQuery } from './text';

/** Mobile health stations (incl. industrial parks): home-treated F0 followed against capacity and the benchmark. */
export function StationsTable({ board, query, district }: { board: FacilityBoard; query: string; district: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const rows = board.facilities
    .filter((r) => r.kind === 'mobile_station' && r.homeF0)
    .filter((r) => matchesQuery(`${r.name} ${r.unitName} ${r.districtName ?? ''}`, query) && (!district || r.districtCode === district))
    .sort((a, b) => (b.homeF0!.pct ?? -1) - (a.homeF0!.pct ?? -1) || a.name.localeCompare(b.name, 'vi'));
  const { benchmark } = board.stations;
  return (
    <div className="table-scroll">
      <p className="muted">{t('facilities.stationsExplain', { benchmark })}</p>
      <table className="grid facility-table" data-testid="stations-table">
        <thead>
          <tr>
            <th>{t('facilities.col.station')}</th>
            <th>{t('facilities.col.district')}</th>
            <th className="num">{t('facilities.col.followed')}</th>
            <th className="num">{t('facilities.col.capacity')}</th>
            <th>{t('facilities.col.load')}</th>
            <th className="num">{t('facilities.col.vsBenchmark', { benchmark })}</th>
            <th>{t('facilities.col.reportedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const h = r.homeF0!;
            return (
              <tr key={r.id} className={`level-${h.level ?? 'none'}`} data-testid="station-row">
                <td>
                  <Link to={`/facilities?facility=${r.id}`}>{r.name}</Link>
                  {r.atIndustrialPark && <span className="chip">{t('facilities.industrialPark')}</span>}
                </td>
                <td>{r.districtName ?? r.unitName}</td>
                <td className="num">{formatNumber(h.followed, lang)}</td>
                <td className="num">
                  {formatNumber(h.capacity, lang)}
                  {h.capacitySource === 'benchmark' && <span className="muted"> ({t('facilities.benchmarkShort')})</span>}
                </td>
                <td>
                  <div className="pct-cell">
                    <Meter pct={h.pct} level={h.level} label={t('facilities.col.load')} />
                    <span className={`pct level-text-${h.level ?? 'none'}`}>{pctText(h.pct, lang)}</span>
                  </div>
                </td>
                <td className="num">{h.benchmarkRatio === null ? '–' : `× ${formatNumber(h.benchmarkRatio, lang, 1)}`}</td>
                <td>
                  {r.status ? formatDateTime(r.status.reportedAt) : <span className="muted">{t('facilities.never')}</span>}
                  {r.stale && <span className="badge stale">{r.status ? t('facilities.stale') : t('facilities.unreported')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
