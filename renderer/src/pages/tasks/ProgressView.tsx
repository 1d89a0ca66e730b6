import { useTranslation } from 'react-i18next';
import type { TaskBoard } from '../../../../shared/api/ops/boards';
import { formatNumber, type Lang } from '../../../../shared/format';
import { Meter } from '../../components/charts';

/** Progress (done / total, cancelled tasks left out) per directive and task group, and per assignee unit. */
const bar = (p: number | null) => (p === null ? null : p >= 100 ? 'ok' : null);

function usePct() {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (p: number | null) => (p === null ? '–' : `${formatNumber(p, lang, 0)} %`);
}

/** Header of a progress table: what the rows are, then progress, done, overdue. */
function ProgressHead({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th>{first}</th>
        <th>{t('tasks.col.progress')}</th>
        <th className="num">{t('tasks.col.done')}</th>
        <th className="num">{t('tasks.col.overdue')}</th>
      </tr>
    </thead>
  );
}

/** Progress bar, "done/total (pct)" and overdue count of one group or unit. */
function ProgressCells({ p, name }: { p: { pct: number | null; done: number; total: number; overdue: number }; name: string }) {
  const { t } = useTranslation();
  const pct = usePct();
  return (
    <>
      <td className="meter-cell">
        <Meter pct={p.pct} level={bar(p.pct)} label={t('tasks.progressOf', { name })} />
      </td>
      <td className="num">{t('tasks.doneOf', { done: p.done, total: p.total, pct: pct(p.pct) })}</td>
      <td className={`num ${p.overdue ? 'level-text-critical' : ''}`}>{p.overdue || '–'}</td>
    </>
  );
}

export function ProgressView({ board, onUnit }: { board: TaskBoard; onUnit: (org: string) => void }) {
  const { t } = useTranslation();
  const pct = usePct();
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
            <ProgressHead first={t('tasks.col.group')} />
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.key ?? 'none'}>
                  <td>
                    <strong>{g.key ?? '–'}</strong> {g.title ?? t('tasks.noGroup')}
                  </td>
                  <ProgressCells p={g} name={g.key ?? ''} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="card">
        <h2>{t('tasks.byUnit')}</h2>
        <table className="grid compact" data-testid="unit-progress">
          <ProgressHead first={t('tasks.col.assignee')} />
          <tbody>
            {board.units.map((u) => (
              <tr key={u.assigneeOrg} className={u.overdue ? 'overdue' : undefined}>
                <td>
                  <button type="button" className="row-title" onClick={() => onUnit(u.assigneeOrg)}>
                    {u.assigneeOrg}
                  </button>
                </td>
                <ProgressCells p={u} name={u.assigneeOrg} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
