import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskBoardRow } from '../../../../shared/api/ops/boards';
import type { TaskStatus } from '../../../../shared/domain';
import { formatDate } from '../../../../shared/format';
import { useApiClient, useOp } from '../../api/hooks';
import { navigate, useLocation } from '../../router';
import { useQueryClient } from '@tanstack/react-query';
import { BoardSettingsPanel } from '../facilities/BoardSettingsPanel';
import { applyTaskFilters, NO_FILTERS, type TaskFilters } from './filters';
import { ProgressView } from './ProgressView';
import { TaskBoardView } from './TaskBoardView';
import { TaskDetail } from './TaskDetail';
import { TaskForm, type TaskPreset } from './TaskForm';
import { TaskTable } from './TaskTable';
import '../facilities/facilities.css';
import './tasks.css';

type View = 'board' | 'table' | 'progress' | 'settings';

/**
 * "Nhiệm vụ": tasks from directives as a board (columns by status) or a table, with
 * overdue and due-soon work impossible to miss, progress per directive and unit, and a
 * task's detail (?task=<id>). "Today" is the server's (boards.tasks → today).
 */
export function TasksPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const selectedId = search.get('task');
  const board = useOp('boards.tasks', {});
  const directives = useOp('directives.list', {});
  const districts = useOp('units.list', { level: 'district' });
  const client = useApiClient();
  const qc = useQueryClient();
  const [view, setView] = useState<View>('board');
  const [filters, setFilters] = useState<TaskFilters>(NO_FILTERS);
  const [creating, setCreating] = useState<TaskPreset | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);

  const data = board.data;
  const rows = useMemo(() => (data ? applyTaskFilters(data.tasks, filters) : []), [data, filters]);
  const orgs = useMemo(() => [...new Set((data?.tasks ?? []).map((r) => r.assigneeOrg))].sort((a, b) => a.localeCompare(b, 'vi')), [data]);
  const selected = selectedId ? data?.tasks.find((r) => r.id === selectedId) : undefined;
  const directive = directives.data?.find((d) => d.id === filters.directive);

  const open = (id: string) => {
    setCreating(null);
    navigate(`/tasks?task=${id}`);
  };
  const close = () => navigate('/tasks');
  const move = async (task: TaskBoardRow, to: TaskStatus, text = '') => {
    setMoving(task.id);
    setMoveError(null);
    try {
      await client.call('taskUpdates.create', { taskId: task.id, kind: 'status_change', text, fromStatus: task.status, toStatus: to });
      await qc.invalidateQueries();
    } catch (e) {
      setMoveError((e as Error).message);
      throw e;
    } finally {
      setMoving(null);
    }
  };
  const set = <K extends keyof TaskFilters>(k: K, v: TaskFilters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <section className="page board-page tasks-page" data-testid="page-tasks">
      <h1>{t('pages.tasks.title')}</h1>
      {board.error && <p className="error">{t('common.error', { message: board.error.message })}</p>}
      {!data && !board.error && <p>{t('common.loading')}</p>}
      {data && (
        <>
          <p className="lead" data-testid="tasks-today">
            {t('tasks.today', { date: formatDate(data.today), count: data.counts.total, active: data.counts.byStatus.open + data.counts.byStatus.in_progress + data.counts.byStatus.blocked })}
          </p>
          {data.counts.overdue > 0 ? (
            <div className="deadline-banner overdue" role="alert" data-testid="overdue-banner">
              <strong>{t('tasks.bannerOverdue', { count: data.counts.overdue })}</strong>
              {data.counts.dueSoon > 0 && <span>{t('tasks.bannerDueSoon', { count: data.counts.dueSoon, days: data.dueSoonDays })}</span>}
              <button type="button" onClick={() => setFilters({ ...NO_FILTERS, overdue: true })} data-testid="show-overdue">
                {t('tasks.showOverdue')}
              </button>
            </div>
          ) : data.counts.dueSoon > 0 ? (
            <div className="deadline-banner soon" role="status" data-testid="due-soon-banner">
              <strong>{t('tasks.bannerDueSoon', { count: data.counts.dueSoon, days: data.dueSoonDays })}</strong>
            </div>
          ) : null}

          <div className="tasks-bar">
            <div className="tabs" role="tablist" aria-label={t('tasks.viewsLabel')}>
              {(['board', 'table', 'progress', 'settings'] as const).map((k) => (
                <button key={k} type="button" role="tab" aria-selected={view === k} className={view === k ? 'active' : ''} onClick={() => setView(k)} data-testid={`view-${k}`}>
                  {t(`tasks.view.${k}`)}
                </button>
              ))}
            </div>
            <button type="button" className="primary" onClick={() => (close(), setCreating({}))} data-testid="new-task">
              + {t('tasks.newTask')}
            </button>
          </div>

          {(view === 'board' || view === 'table') && (
            <div className="toolbar" role="search">
              <label>
                <span className="sr-only">{t('tasks.search')}</span>
                <input type="search" placeholder={t('tasks.searchPlaceholder')} value={filters.query} onChange={(e) => set('query', e.target.value)} data-testid="task-search" />
              </label>
              <label>
                {t('tasks.form.directive')}
                <select value={filters.directive} onChange={(e) => setFilters((f) => ({ ...f, directive: e.target.value, group: '' }))} data-testid="filter-directive">
                  <option value="">{t('tasks.all')}</option>
                  {directives.data?.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.code}
                    </option>
                  ))}
                  <option value="none">{t('tasks.noDirective')}</option>
                </select>
              </label>
              {directive && (
                <label>
                  {t('tasks.form.group')}
                  <select value={filters.group} onChange={(e) => set('group', e.target.value)} data-testid="filter-group">
                    <option value="">{t('tasks.all')}</option>
                    {directive.groups.map((g) => (
                      <option key={g.key} value={g.key} title={g.title}>
                        {g.key}: {g.title.length > 40 ? `${g.title.slice(0, 40)}…` : g.title}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label>
                {t('tasks.unit')}
                <select value={filters.org} onChange={(e) => set('org', e.target.value)} data-testid="filter-org">
                  <option value="">{t('tasks.all')}</option>
                  {orgs.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('tasks.district')}
                <select value={filters.district} onChange={(e) => set('district', e.target.value)} data-testid="filter-district">
                  <option value="">{t('tasks.all')}</option>
                  {districts.data?.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('tasks.form.kind')}
                <select value={filters.kind} onChange={(e) => set('kind', e.target.value as TaskFilters['kind'])} data-testid="filter-kind">
                  <option value="">{t('tasks.all')}</option>
                  <option value="task">{t('tasks.kind.task')}</option>
                  <option value="inspection">{t('tasks.kind.inspection')}</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} data-testid="filter-overdue" />
                {t('tasks.overdueOnly')}
              </label>
              <label className="check">
                <input type="checkbox" checked={filters.dueThisWeek} onChange={(e) => set('dueThisWeek', e.target.checked)} data-testid="filter-week" />
                {t('tasks.dueThisWeek', { from: formatDate(data.weekStart).slice(0, 5), to: formatDate(data.weekEnd).slice(0, 5) })}
              </label>
              {JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) && (
                <button type="button" className="link-button" onClick={() => setFilters(NO_FILTERS)}>
                  {t('tasks.clearFilters')}
                </button>
              )}
              <span className="muted shown" data-testid="shown-count">
                {t('tasks.shown', { shown: rows.length, total: data.tasks.length })}
              </span>
            </div>
          )}
          {moveError && (
            <p className="error" role="alert">
              {moveError}
            </p>
          )}

          <div className={`tasks-main ${selected || creating ? 'with-side' : ''}`}>
            <div className="tasks-content">
              {view === 'board' && <TaskBoardView board={data} rows={rows} onOpen={open} onMove={(r, to) => void move(r, to).catch(() => undefined)} moving={moving} />}
              {view === 'table' && <TaskTable rows={rows} onOpen={open} />}
              {view === 'progress' && <ProgressView board={data} onUnit={(org) => (setFilters({ ...NO_FILTERS, org }), setView('table'))} />}
              {view === 'settings' && (
                <div className="card">
                  <BoardSettingsPanel fields={['dueSoonDays']} />
                </div>
              )}
            </div>
            {creating && (
              <aside className="task-detail card" aria-labelledby="new-task-title" data-testid="new-task-panel">
                <h2 id="new-task-title">{creating.parentTaskId ? t('tasks.newCorrective') : t('tasks.newTask')}</h2>
                <TaskForm preset={creating} orgs={orgs} onDone={(id) => open(id)} onCancel={() => setCreating(null)} />
              </aside>
            )}
            {!creating && selected && (
              <TaskDetail
                row={selected}
                board={data}
                orgs={orgs}
                onClose={close}
                onMove={move}
                onOpen={open}
                onCorrective={(preset) => (close(), setCreating(preset))}
              />
            )}
            {!creating && selectedId && !selected && <p className="muted">{t('tasks.notFound')}</p>}
          </div>
        </>
      )}
    </section>
  );
}

/** Overdue count for the side navigation (to be placed next to "Nhiệm vụ"; hidden when zero). */
export function TasksNavBadge() {
  const { t } = useTranslation();
  const board = useOp('boards.tasks', {});
  const n = board.data?.counts.overdue ?? 0;
  if (!n) return null;
  return (
    <span className="nav-badge" title={t('tasks.bannerOverdue', { count: n })} data-testid="nav-overdue-badge">
      {n}
    </span>
  );
}
