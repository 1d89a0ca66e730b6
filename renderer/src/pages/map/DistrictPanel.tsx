import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../shared/api/ops/metrics';
import type { Facility, Task, Zone } from '../../../../shared/domain';
import { ConflictNotice } from '../../sync/ConflictNotice';
import type { FacilityLoad } from '../../../../shared/api/ops/map';
import { formatDate, formatNumber, formatPercent, type Lang } from '../../../../shared/format';
import { LEVEL_INFO, addDays } from '../../../../shared/metrics';
import { useOp } from '../../api/hooks';
import { formatTrend } from '../../map/format';
import { districtOf, facilityCapacity, isOpenOn, isOverdue, taskPlace, type PlaceIndex } from '../../map/features';
import type { MapMetricId } from '../../map/metrics';
import { Sparkline } from './Sparkline';
import { WardTable } from './WardTable';
import { useDayQuery } from './data';

export interface DistrictPanelProps {
  code: string;
  day: string;
  firstDate: string;
  metric: MapMetricId;
  unit: UnitMetrics | undefined;
  facilities: readonly Facility[];
  loads: readonly FacilityLoad[] | undefined;
  tasks: readonly Task[];
  zones: readonly Zone[];
  places: PlaceIndex;
  onClose(): void;
}

/** Key numbers, level, 60-day sparkline, wards, facilities and open tasks of one district on the day. */
export function DistrictPanel(p: DistrictPanelProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [p.code]);

  const from = addDays(p.day, -59) < p.firstDate ? p.firstDate : addDays(p.day, -59);
  const series = useOp('metrics.series', { unitCode: p.code, from, to: p.day });
  const wardSnap = useDayQuery('metrics.snapshot', { date: p.day, level: 'ward' });
  const wards = useMemo(() => (wardSnap.data?.units ?? []).filter((w) => w.parentCode === p.code), [wardSnap.data, p.code]);

  const loadById = useMemo(() => new Map((p.loads ?? []).map((l) => [l.facilityId, l])), [p.loads]);
  const facilities = useMemo(
    () => p.facilities.filter((f) => f.active && districtOf(f.unitCode, p.places.wardParent) === p.code),
    [p.facilities, p.places, p.code],
  );
  const tasks = useMemo(
    () =>
      p.tasks
        .filter((tk) => isOpenOn(tk, p.day))
        .filter((tk) => (taskPlace(tk, p.places)?.district ?? districtOf(tk.assigneeUnitCode, p.places.wardParent)) === p.code)
        .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999')),
    [p.tasks, p.places, p.code, p.day],
  );

  const zones = useMemo(
    () => p.zones.filter((z) => z.startDate <= p.day && (!z.endDate || z.endDate >= p.day) && districtOf(z.unitCode, p.places.wardParent) === p.code),
    [p.zones, p.places, p.code, p.day],
  );

  const u = p.unit;
  const level = u?.epidemicLevel ?? null;
  const info = level ? LEVEL_INFO[level.level] : null;
  const num = (v: number | null | undefined, digits = 0) => formatNumber(v, lang, digits);

  return (
    <aside className="district-panel" aria-labelledby="district-panel-title" data-testid="district-panel" data-code={p.code}>
      <header>
        <h2 id="district-panel-title" tabIndex={-1} ref={heading}>
          {u?.name ?? p.code}
        </h2>
        <button type="button" className="close" onClick={p.onClose} aria-label={t('map.panel.close')} title={`${t('map.panel.close')} (Esc)`} data-testid="district-panel-close">
          ×
        </button>
      </header>
      <p className="muted">{t('map.dayShown', { date: formatDate(p.day) })}</p>

      <section className="level-box" data-testid="district-level" style={info ? { borderColor: info.colour } : undefined}>
        <h3>{t('map.panel.level')}</h3>
        {level && info ? (
          <>
            <p className="level-badge" style={{ background: info.colour, color: info.textColour }} data-level={level.level}>
              {lang === 'vi' ? `Cấp ${level.level} – ${info.nameVi}` : `Level ${level.level} – ${info.nameEn}`}
            </p>
            <p>
              <strong>{t('map.panel.levelDriver')}:</strong> {level.driverText[lang]}
            </p>
            {level.distanceUp && (
              <p>
                <strong>{t('map.panel.levelUp')}:</strong> {level.distanceUp[lang]}
              </p>
            )}
            {level.distanceDown && (
              <p>
                <strong>{t('map.panel.levelDown')}:</strong> {level.distanceDown[lang]}
              </p>
            )}
            {level.usesUnconfirmed && <p className="muted">{t('map.panel.levelUnconfirmed')}</p>}
          </>
        ) : (
          <p className="muted">{t('map.panel.levelNone')}</p>
        )}
      </section>

      {u && (
        <dl className="key-numbers" data-testid="district-numbers">
          <div data-field="newCasesToday">
            <dt>{t('map.panel.newToday')}</dt>
            <dd>{num(u.newCasesToday)}</dd>
          </div>
          <div data-field="newTotal7d">
            <dt>{t('map.panel.new7d')}</dt>
            <dd>{num(u.newTotal7d)}</dd>
          </div>
          <div data-field="incidence7dPer100k">
            <dt>{t('map.panel.incidence')}</dt>
            <dd>{num(u.incidence7dPer100k, 1)}</dd>
          </div>
          <div data-field="activeF0">
            <dt>{t('map.panel.activeF0')}</dt>
            <dd>{num(u.activeF0)}</dd>
          </div>
          <div data-field="activeF0Per100k">
            <dt>{t('map.panel.activeF0Rate')}</dt>
            <dd>{num(u.activeF0Per100k, 1)}</dd>
          </div>
          <div data-field="trend">
            <dt>{t('map.panel.trend')}</dt>
            <dd>{formatTrend(u, lang)}</dd>
          </div>
          <div data-field="coverageAdultDose1">
            <dt>{t('map.panel.coverageAdult')}</dt>
            <dd>{formatPercent(u.coverageAdultDose1, lang)}</dd>
          </div>
          <div data-field="coverageSenior50Full">
            <dt>{t('map.panel.coverageSenior')}</dt>
            <dd>{formatPercent(u.coverageSenior50Full, lang)}</dd>
          </div>
          <div data-field="lastReportDate">
            <dt>{t('map.panel.lastReport')}</dt>
            <dd>
              {formatDate(u.lastReportDate)}{' '}
              <span className={u.reportedOnDate ? 'ok' : 'warn'}>({u.reportedOnDate ? t('map.panel.reportedToday') : t('map.panel.notReportedToday')})</span>
            </dd>
          </div>
          <div data-field="population">
            <dt>{t('map.panel.population')}</dt>
            <dd>{num(u.population)}</dd>
          </div>
        </dl>
      )}

      <section>
        <h3>{t('map.panel.sparkline', { date: formatDate(p.day) })}</h3>
        {series.data && <Sparkline dates={series.data.dates} values={series.data.newCases} />}
        {series.error && <p className="error">{t('map.metricsError', { message: (series.error as Error).message })}</p>}
      </section>

      <section>
        <h3>{t('map.panel.wards', { count: wards.length })}</h3>
        {wards.length > 0 ? <WardTable wards={wards} metric={p.metric} day={p.day} /> : <p className="muted">{wardSnap.isLoading ? t('common.loading') : t('map.panel.noWards')}</p>}
      </section>

      <section>
        <h3>{t('map.panel.facilities', { count: facilities.length })}</h3>
        {facilities.length === 0 ? (
          <p className="muted">{t('map.panel.noFacilities')}</p>
        ) : (
          <table className="grid compact" data-testid="district-facilities">
            <thead>
              <tr>
                <th>{t('map.layer.facilities')}</th>
                <th className="num">{t('map.panel.beds')}</th>
                <th className="num">{t('map.panel.occupancy')}</th>
              </tr>
            </thead>
            <tbody>
              {facilities.map((f) => {
                const load = loadById.get(f.id);
                return (
                  <tr key={f.id}>
                    <td>{f.name}</td>
                    <td className="num">{num(load?.capacity ?? facilityCapacity(f))}</td>
                    <td className="num">{load?.occupancyPct === null || load === undefined ? '–' : `${num(load.occupancyPct, 0)}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {zones.length > 0 && (
        <section data-testid="district-zones">
          <h3>{t('map.layer.zones')}</h3>
          <ul className="task-list">
            {zones.map((z) => (
              <li key={z.id}>
                <span className="task-title">{z.name}</span>
                <span className="muted">
                  {t(`map.legendZones.${z.kind}`)} · {formatDate(z.startDate)} – {z.endDate ? formatDate(z.endDate) : '…'}
                </span>
                {/* "Changed at the same time by …": zones are edited at district offices and in the command room. */}
                <ConflictNotice entity="zone" entityId={z.id} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section>
        <h3>{t('map.panel.tasks', { count: tasks.length })}</h3>
        {tasks.length === 0 ? (
          <p className="muted">{t('map.panel.noTasks')}</p>
        ) : (
          <ul className="task-list" data-testid="district-tasks">
            {tasks.map((tk) => {
              const overdue = isOverdue(tk, p.day);
              return (
                <li key={tk.id} className={overdue ? 'overdue' : undefined}>
                  <span className="task-title">{tk.title}</span>
                  <span className="muted">
                    {t(`map.task.${tk.status}`)}
                    {tk.dueDate ? ` · ${t('map.panel.due', { date: formatDate(tk.dueDate) })}` : ''}
                  </span>
                  {overdue && <strong className="overdue-tag">{t('map.panel.overdue')}</strong>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </aside>
  );
}
