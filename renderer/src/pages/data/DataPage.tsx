import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, hanoiToday, type Lang } from '../../../../shared/format';
import type { AdminUnit } from '../../../../shared/domain';
import { useOp } from '../../api/hooks';
import { navigate, useLocation } from '../../router';
import { EntryGrid, type GridKind } from './EntryGrid';
import { FacilityQuickForm } from './FacilityQuickForm';
import { ImportPanel } from './ImportPanel';
import { FilesPanel } from './FilesPanel';
import { DayInput } from './DayInput';
import './data.css';

/**
 * Số liệu: who has reported, keyboard entry per district, facility quick update, file
 * import with a dry run, templates and exports. The tab and its choices live in the URL
 * (?tab=entry&district=006&date=2021-12-05) so a link opens the same view.
 */
const TABS = ['status', 'entry', 'facility', 'import', 'files'] as const;
type Tab = (typeof TABS)[number];

export function DataPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const info = useOp('app.info', {});
  const session = useOp('session.current', {});
  const districtsQ = useOp('units.list', { level: 'district' });
  const today = hanoiToday();
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'status';
  // District reporters see only their districts.
  const allowed = session.data?.role === 'district_reporter' ? new Set(session.data.districtCodes) : null;
  const districts = useMemo(() => (districtsQ.data ?? []).filter((d) => !allowed || allowed.has(d.code)), [districtsQ.data, allowed]);
  const date = search.get('date') ?? info.data?.freshness.lastReportDate ?? today;
  const district = search.get('district') ?? districts[0]?.code ?? '001';
  const kind: GridKind = search.get('kind') === 'vaccinations' ? 'vaccinations' : 'caseReports';

  const go = (patch: Record<string, string | null>, replace = false) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    navigate(`/data?${p.toString()}`, { replace });
  };

  return (
    <section className="page data-page" data-testid="page-data">
      <h1>{t('pages.data.title')}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : undefined} onClick={() => go({ tab: k })} data-testid={`tab-${k}`}>
            {t(`data.tabs.${k}`)}
          </button>
        ))}
      </div>

      {tab === 'status' && <StatusTab districts={districts} date={date} onDate={(d) => go({ date: d }, true)} onEnter={(code) => go({ tab: 'entry', district: code })} />}

      {tab === 'entry' && (
        <div className="card">
          <div className="form-row">
            <label>
              {t('data.entry.kind')}
              <select value={kind} onChange={(e) => go({ kind: e.target.value }, true)} data-testid="entry-kind">
                <option value="caseReports">{t('data.entry.caseReports')}</option>
                <option value="vaccinations">{t('data.entry.vaccinations')}</option>
              </select>
            </label>
            <label>
              {t('data.entry.district')}
              <select value={district} onChange={(e) => go({ district: e.target.value }, true)} data-testid="entry-district">
                {districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.fullName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('data.entry.date')}
              <DayInput value={date} onChange={(d) => go({ date: d }, true)} testid="entry-date" />
            </label>
          </div>
          {/* key: a new district, day or kind starts a fresh grid (unsaved edits belong to their grid). */}
          <EntryGrid key={`${kind}:${district}:${date}`} kind={kind} districtCode={district} date={date} today={today} />
        </div>
      )}

      {tab === 'facility' && (
        <div className="card">
          <FacilityQuickForm />
        </div>
      )}

      {tab === 'import' && (
        <div className="card">
          <ImportPanel />
        </div>
      )}

      {tab === 'files' && <FilesPanel districts={districts} today={today} />}
    </section>
  );
}

/** Each district, its wards, and how many of them have reported on the day. */
function StatusTab({ districts, date, onDate, onEnter }: { districts: AdminUnit[]; date: string; onDate: (d: string) => void; onEnter: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const wards = useOp('units.list', { level: 'ward' });
  const reports = useOp('caseReports.list', { date });
  const counts = useMemo(() => {
    const parent = new Map((wards.data ?? []).map((w) => [w.code, w.parentCode ?? '']));
    const total = new Map<string, number>();
    const reported = new Map<string, number>();
    for (const w of wards.data ?? []) total.set(w.parentCode ?? '', (total.get(w.parentCode ?? '') ?? 0) + 1);
    for (const r of reports.data ?? []) {
      const d = parent.get(r.unitCode);
      if (d) reported.set(d, (reported.get(d) ?? 0) + 1);
    }
    return { total, reported };
  }, [wards.data, reports.data]);

  return (
    <div className="card">
      <div className="form-row">
        <label>
          {t('data.status.date')}
          <DayInput value={date} onChange={onDate} testid="status-date" />
        </label>
        <p className="muted">
          {t('pages.data.districts', { count: districts.length })} · {t('pages.data.wards', { count: wards.data?.length ?? 0 })}
        </p>
      </div>
      <table className="grid" data-testid="units-table">
        <thead>
          <tr>
            <th>{t('pages.data.code')}</th>
            <th>{t('pages.data.name')}</th>
            <th className="num">{t('pages.data.population')}</th>
            <th className="num">{t('pages.data.wardCount')}</th>
            <th className="num">{t('data.status.reported')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => {
            const total = counts.total.get(d.code) ?? 0;
            const done = counts.reported.get(d.code) ?? 0;
            return (
              <tr key={d.code}>
                <td>{d.code}</td>
                <td>{d.fullName}</td>
                <td className="num">{formatNumber(d.population, lang)}</td>
                <td className="num">{formatNumber(total, lang)}</td>
                <td className={`num ${done === total && total > 0 ? 'ok' : done === 0 ? 'muted' : 'partial'}`}>
                  {done === total && total > 0 ? t('data.status.allReported') : `${formatNumber(done, lang)}/${formatNumber(total, lang)}`}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onEnter(d.code)} data-testid={`enter-${d.code}`}>
                    {t('data.status.enter')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
