import { useTranslation } from 'react-i18next';
import type { TaskBoard } from '../../../../shared/api/ops/boards';
import { formatNumber, type Lang } from '../../../../shared/format';
import { Meter } from '../../components/charts';

/** Progress (done / total, cancelled tasks left out) per directive and task group, and per assignee unit. */
export function ProgressView({ board, onUnit }: { board: TaskBoard; onUnit: (org: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const pct = (p: number | null) => (p === null ? '–' : `${formatNumber(p, lang, 0)} %`);
  const bar = (p: number | null) => (p === null ? null : p >= 100 ? 'ok' : null);
  return (
    <div className="progress-view" data-testid="progress-view">
      {board.directives.map((d) => (
        <section key={d.directiveId ?? 'none'} className="card">
          <h2>
            {d.code ?? t('tasks.noDirective')} <span className="muted">— {d.title ?? ''}</span>
          </h2>
          <div className="progress-line">
            <Meter pct={d.pct} level={bar(d.pct)} label={t('tasks.progressOf', { name: d.code ?? '' })} />
            <strong>{t('tasks.doneOf', { done: d.done, total: d.total, pct: pct(d.pct) })}</strong>
            {d.overdue > 0 && <span className="badge critical">{t('tasks.overdueCount', { count: d.overdue })}</span>}
          </div>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t('tasks.col.group')}</th>
                <th>{t('tasks.col.progress')}</th>
                <th className="num">{t('tasks.col.done')}</th>
                <th className="num">{t('tasks.col.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.key ?? 'none'}>
                  <td>
                    <strong>{g.key ?? '–'}</strong> {g.title ?? t('tasks.noGroup')}
                  </td>
                  <td className="meter-cell">
                    <Meter pct={g.pct} level={bar(g.pct)} label={t('tasks.progressOf', { name: g.key ?? '' })} />
                  </td>
                  <td className="num">{t('tasks.doneOf', { done: g.done, total: g.total, pct: pct(g.pct) })}</td>
                  <td className={`num ${g.overdue ? 'level-text-critical' : ''}`}>{g.overdue || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="card">
        <h2>{t('tasks.byUnit')}</h2>
        <table className="grid compact" data-testid="unit-progress">
          <thead>
            <tr>
              <th>{t('tasks.col.assignee')}</th>
              <th>{t('tasks.col.progress')}</th>
              <th className="num">{t('tasks.col.done')}</th>
              <th className="num">{t('tasks.col.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {board.units.map((u) => (
              <tr key={u.assigneeOrg} className={u.overdue ? 'overdue' : undefined}>
                <td>
                  <button type="button" className="row-title" onClick={() => onUnit(u.assigneeOrg)}>
                    {u.assigneeOrg}
                  </button>
                </td>
                <td className="meter-cell">
                  <Meter pct={u.pct} level={bar(u.pct)} label={t('tasks.progressOf', { name: u.assigneeOrg })} />
                </td>
                <td className="num">{t('tasks.doneOf', { done: u.done, total: u.total, pct: pct(u.pct) })}</td>
                <td className={`num ${u.overdue ? 'level-text-critical' : ''}`}>{u.overdue || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
