import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { facilityKind } from '../../../../shared/domain';
import { formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { useOp } from '../../api/hooks';
import { useLocation } from '../../router';
import { AlertList } from './AlertList';
import { BoardSettingsPanel } from './BoardSettingsPanel';
import { FacilityDetail } from './FacilityDetail';
import { FacilityTable, type FacilityFilters, type GroupBy } from './FacilityTable';
import { StationsTable } from './StationsTable';
import { TierCards } from './TierCards';
import './facilities.css';

const EMPTY: FacilityFilters = { query: '', tier: '', kind: '', district: '', alertsOnly: false, staleOnly: false };

/**
 * "Cơ sở điều trị": the facility load board (per-tier totals, alerts, the table of every
 * facility, mobile stations) and, with ?facility=<id>, one facility's detail.
 * Everything "now" (stale, alerts, trend days) comes computed from the core at its clock.
 */
export function FacilitiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { search } = useLocation();
  const selected = search.get('facility');
  const board = useOp('boards.facilities', {});
  const [filters, setFilters] = useState<FacilityFilters>(EMPTY);
  const [groupBy, setGroupBy] = useState<GroupBy>('tier');
  const [tab, setTab] = useState<'all' | 'stations' | 'settings'>('all');

  const districts = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of board.data?.facilities ?? []) if (r.districtCode) m.set(r.districtCode, r.districtName ?? r.districtCode);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  }, [board.data]);

  const set = <K extends keyof FacilityFilters>(k: K, v: FacilityFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const data = board.data;

  return (
    <section className="page board-page facilities-page" data-testid="page-facilities">
      <h1>{t('pages.facilities.title')}</h1>
      {selected ? (
        <FacilityDetail id={selected} />
      ) : (
        <>
          {board.error && <p className="error">{t('common.error', { message: board.error.message })}</p>}
          {!data && !board.error && <p>{t('common.loading')}</p>}
          {data && (
            <>
              <p className="lead" data-testid="board-at">
                {t('facilities.asOf', {
                  time: formatDateTime(data.at),
                  count: data.facilities.length,
                  warn: formatNumber(data.settings.warnPct, lang),
                  critical: formatNumber(data.settings.criticalPct, lang),
                })}
              </p>
              <TierCards board={data} />
              <AlertList alerts={data.alerts} warnPct={data.settings.warnPct} criticalPct={data.settings.criticalPct} />

              <div className="tabs" role="tablist" aria-label={t('facilities.viewsLabel')}>
                {(['all', 'stations', 'settings'] as const).map((k) => (
                  <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
                    {t(`facilities.tab.${k}`)}
                  </button>
                ))}
              </div>

              {tab !== 'settings' && (
                <div className="toolbar" role="search">
                  <label className="search">
                    <span className="sr-only">{t('facilities.search')}</span>
                    <input
                      type="search"
                      placeholder={t('facilities.searchPlaceholder')}
                      value={filters.query}
                      onChange={(e) => set('query', e.target.value)}
                      data-testid="facility-search"
                    />
                  </label>
                  {tab === 'all' && (
                    <>
                      <label>
                        {t('facilities.col.tier')}
                        <select value={filters.tier} onChange={(e) => set('tier', e.target.value as FacilityFilters['tier'])} data-testid="filter-tier">
                          <option value="">{t('facilities.all')}</option>
                          {[1, 2, 3].map((n) => (
                            <option key={n} value={String(n)}>
                              {t('facilities.tierN', { tier: n })}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label>
                        {t('facilities.col.kind')}
                        <select value={filters.kind} onChange={(e) => set('kind', e.target.value)} data-testid="filter-kind">
                          <option value="">{t('facilities.all')}</option>
                          {facilityKind.options.map((k) => (
                            <option key={k} value={k}>
                              {t(`facilities.kind.${k}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    </>
                  )}
                  <label>
                    {t('facilities.col.district')}
                    <select value={filters.district} onChange={(e) => set('district', e.target.value)} data-testid="filter-district">
                      <option value="">{t('facilities.all')}</option>
                      {districts.map(([code, name]) => (
                        <option key={code} value={code}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </label>
                  {tab === 'all' && (
                    <>
                      <label className="check">
                        <input type="checkbox" checked={filters.alertsOnly} onChange={(e) => set('alertsOnly', e.target.checked)} data-testid="filter-alerts" />
                        {t('facilities.alertsOnly')}
                      </label>
                      <label className="check">
                        <input type="checkbox" checked={filters.staleOnly} onChange={(e) => set('staleOnly', e.target.checked)} data-testid="filter-stale" />
                        {t('facilities.staleOnly')}
                      </label>
                      <label>
                        {t('facilities.groupBy')}
                        <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="group-by">
                          {(['none', 'tier', 'kind', 'district'] as const).map((g) => (
                            <option key={g} value={g}>
                              {t(`facilities.group.${g}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    </>
                  )}
                  {JSON.stringify(filters) !== JSON.stringify(EMPTY) && (
                    <button type="button" className="link-button" onClick={() => setFilters(EMPTY)}>
                      {t('facilities.clearFilters')}
                    </button>
                  )}
                </div>
              )}

              {tab === 'all' && <FacilityTable board={data} filters={filters} groupBy={groupBy} />}
              {tab === 'stations' && <StationsTable board={data} query={filters.query} district={filters.district} />}
              {tab === 'settings' && (
                <div className="card">
                  <BoardSettingsPanel />
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
