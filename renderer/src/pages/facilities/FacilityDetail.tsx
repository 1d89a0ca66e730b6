import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { useOp } from '../../api/hooks';
import { Link } from '../../router';
import { LineChart, Meter } from '../../components/charts';
import { daysText } from './FacilityTable';
import { StatusForm } from './StatusForm';
import { pctText, usedOf } from './format';

/** One facility: current load, its history (occupied vs capacity), a status form, open tasks about it. */
export function FacilityDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const q = useOp('boards.facility', { id });
  if (q.error) return <p className="error">{t('common.error', { message: q.error.message })}</p>;
  if (!q.data) return <p>{t('common.loading')}</p>;
  const { row, history, recent, openTasks, closedTaskCount, facility, at } = q.data;
  const dates = history.map((h) => h.date);
  const isStation = row.kind === 'mobile_station';

  return (
    <div className="facility-detail" data-testid="facility-detail">
      <p>
        <Link to="/facilities" data-testid="back-to-board">
          ← {t('facilities.backToBoard')}
        </Link>
      </p>
      <header className="detail-head">
        <div>
          <h2 data-testid="facility-name">{row.name}</h2>
          <p className="muted">
            {t(`facilities.kind.${row.kind}`)} · {t('facilities.tierN', { tier: row.tier })} · {row.unitName}
            {row.districtName && row.districtName !== row.unitName && `, ${row.districtName}`}
            {row.atIndustrialPark && ` · ${t('facilities.industrialPark')}`}
          </p>
        </div>
        <div className={`big-level level-${row.level ?? 'none'}`}>
          {row.level ? t(`facilities.level.${row.level}`) : t('facilities.noData')}
        </div>
      </header>

      <div className="detail-grid">
        <section className="card" aria-labelledby="now-title">
          <h3 id="now-title">{t('facilities.detail.now')}</h3>
          <dl className="facts wide">
            <div>
              <dt>{t('facilities.col.occupied')}</dt>
              <dd data-testid="detail-occupied">
                {usedOf(row.status?.bedsOccupied, row.beds, lang)} <span className={`level-text-${row.bedLevel ?? 'none'}`}>({pctText(row.occupancyPct, lang)})</span>
              </dd>
            </div>
            <div>
              <dt>{t('facilities.col.free')}</dt>
              <dd>{formatNumber(row.free, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.icu')}</dt>
              <dd>{usedOf(row.status?.icuOccupied, row.icuBeds, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.oxygen')}</dt>
              <dd>{usedOf(row.status?.oxygenInUse, row.oxygenOutlets, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.ventilators')}</dt>
              <dd>{usedOf(row.status?.ventilatorsInUse, row.ventilators, lang)}</dd>
            </div>
            {row.homeF0 && (
              <div>
                <dt>{t('facilities.col.followed')}</dt>
                <dd>
                  {usedOf(row.homeF0.followed, row.homeF0.capacity, lang)} ({pctText(row.homeF0.pct, lang)})
                </dd>
              </div>
            )}
            <div>
              <dt>{t('facilities.col.daysUntilFull')}</dt>
              <dd>{daysText(row.daysUntilFull, t)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.reportedAt')}</dt>
              <dd>
                {row.status ? formatDateTime(row.status.reportedAt) : t('facilities.never')}
                {row.stale && <span className="badge stale">{row.status ? t('facilities.stale') : t('facilities.unreported')}</span>}
              </dd>
            </div>
          </dl>
          <Meter pct={row.occupancyPct} level={row.bedLevel} label={t('facilities.col.pct')} />
          {facility.note && <p className="muted note">{facility.note}</p>}
        </section>

        <section className="card chart-card" aria-labelledby="history-title">
          <h3 id="history-title">{t('facilities.detail.history', { days: history.length })}</h3>
          <LineChart
            testId="history-chart"
            dates={dates}
            title={t('facilities.detail.historyChart', { name: row.name })}
            description={t('facilities.detail.historyDesc', { from: formatDate(dates[0]), to: formatDate(dates[dates.length - 1]) })}
            formatY={(v) => formatNumber(v, lang)}
            series={[
              { key: 'occupied', label: t('facilities.col.occupied'), values: history.map((h) => h.bedsOccupied), colour: 'var(--chart-1)' },
              { key: 'capacity', label: t('facilities.detail.capacity'), values: dates.map(() => row.beds), colour: 'var(--chart-2)', dashed: true },
              ...(row.icuBeds > 0
                ? [{ key: 'icu', label: t('facilities.col.icu'), values: history.map((h) => h.icuOccupied), colour: 'var(--chart-3)' }]
                : []),
              ...(isStation
                ? [{ key: 'homeF0', label: t('facilities.col.followed'), values: history.map((h) => h.homeF0Followed), colour: 'var(--chart-4)' }]
                : []),
            ]}
          />
        </section>

        <section className="card" aria-labelledby="form-title">
          <h3 id="form-title">{t('facilities.detail.newStatus')}</h3>
          <StatusForm key={row.id} row={row} nowIso={at} latest={recent[0]} />
        </section>

        <section className="card" aria-labelledby="tasks-title">
          <h3 id="tasks-title">{t('facilities.detail.openTasks', { count: openTasks.length })}</h3>
          {openTasks.length === 0 ? (
            <p className="muted">{t('facilities.detail.noOpenTasks')}</p>
          ) : (
            <ul className="task-links" data-testid="facility-open-tasks">
              {openTasks.map((task) => (
                <li key={task.id} className={task.overdue ? 'overdue' : undefined}>
                  <Link to={`/tasks?task=${task.id}`}>{task.title}</Link>
                  <span className="muted">
                    {' '}
                    · {task.assigneeOrg} · {t('facilities.detail.due', { date: formatDate(task.dueDate) })}
                  </span>
                  {task.overdue && <span className="badge critical">{t('facilities.detail.overdue')}</span>}
                </li>
              ))}
            </ul>
          )}
          {closedTaskCount > 0 && <p className="muted">{t('facilities.detail.closedTasks', { count: closedTaskCount })}</p>}
        </section>

        <section className="card recent" aria-labelledby="recent-title">
          <h3 id="recent-title">{t('facilities.detail.recent')}</h3>
          <table className="grid compact" data-testid="recent-statuses">
            <thead>
              <tr>
                <th>{t('facilities.col.reportedAt')}</th>
                <th className="num">{t('facilities.col.occupied')}</th>
                <th className="num">{t('facilities.col.icu')}</th>
                <th className="num">{t('facilities.col.oxygen')}</th>
                <th className="num">{t('facilities.form.admissions')}</th>
                <th className="num">{t('facilities.form.discharges')}</th>
                <th className="num">{t('facilities.form.deaths')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((s) => (
                <tr key={s.id}>
                  <td>{formatDateTime(s.reportedAt)}</td>
                  <td className="num">{formatNumber(s.bedsOccupied, lang)}</td>
                  <td className="num">{formatNumber(s.icuOccupied, lang)}</td>
                  <td className="num">{formatNumber(s.oxygenInUse, lang)}</td>
                  <td className="num">{formatNumber(s.admissions, lang)}</td>
                  <td className="num">{formatNumber(s.discharges, lang)}</td>
                  <td className="num">{formatNumber(s.deaths, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
