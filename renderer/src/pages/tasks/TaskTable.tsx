import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, useTable, type SortingState } from '@tanstack/react-table';
import type { TaskBoardRow } from '../../../../shared/api/ops/boards';
import { formatDateTime } from '../../../../shared/format';
import { DueBadge } from './DueBadge';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
const helper = createColumnHelper<typeof features, TaskBoardRow>();
const PRIORITY = { low: 0, normal: 1, high: 2, urgent: 3 } as const;
const STATUS = { open: 0, in_progress: 1, blocked: 2, done: 3, cancelled: 4 } as const;

/** The task list as a sortable table; overdue rows are red, due-soon rows amber. */
export function TaskTable({ rows, onOpen }: { rows: TaskBoardRow[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('title', { id: 'title', header: t('tasks.col.title'), sortFn: (a, b) => a.original.title.localeCompare(b.original.title, 'vi') }),
        helper.accessor((r) => STATUS[r.status], { id: 'status', header: t('tasks.col.status') }),
        helper.accessor((r) => r.groupKey ?? '', { id: 'group', header: t('tasks.col.group') }),
        helper.accessor('assigneeOrg', { id: 'assignee', header: t('tasks.col.assignee'), sortFn: (a, b) => a.original.assigneeOrg.localeCompare(b.original.assigneeOrg, 'vi') }),
        helper.accessor((r) => r.dueDate ?? undefined, { id: 'due', header: t('tasks.col.due'), sortUndefined: 'last' }),
        helper.accessor((r) => PRIORITY[r.priority], { id: 'priority', header: t('tasks.col.priority') }),
        helper.accessor((r) => r.lastUpdateAt ?? undefined, { id: 'lastUpdate', header: t('tasks.col.lastUpdate'), sortUndefined: 'last' }),
      ]),
    [t],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.id, state: { sorting }, onSortingChange: setSorting });
  const header = (id: string) => {
    const c = table.getColumn(id)!;
    const s = c.getIsSorted();
    return (
      <th aria-sort={s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : 'none'}>
        <button type="button" className="sort" onClick={c.getToggleSortingHandler()}>
          {String(c.columnDef.header)}
          <span aria-hidden className="sort-mark">
            {s === 'asc' ? '▲' : s === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="table-scroll">
      <table className="grid task-table" data-testid="task-table">
        <thead>
          <tr>
            {header('title')}
            {header('status')}
            {header('group')}
            {header('assignee')}
            {header('due')}
            {header('priority')}
            {header('lastUpdate')}
          </tr>
        </thead>
        <tbody>
          {table.getRowModel().rows.map(({ original: r }) => (
            <tr key={r.id} className={r.overdue ? 'overdue' : r.dueSoon ? 'soon' : undefined} data-testid="task-row">
              <td>
                <button type="button" className="row-title" onClick={() => onOpen(r.id)}>
                  {r.kind === 'inspection' && <span className="chip inspection">{t('tasks.kind.inspection')}</span>}
                  {r.title}
                </button>
                {r.placeLabel && <div className="muted sub">{r.placeLabel}</div>}
              </td>
              <td>
                <span className={`status-pill status-${r.status}`}>{t(`tasks.status.${r.status}`)}</span>
              </td>
              <td>{r.groupKey ?? '–'}</td>
              <td>
                {r.assigneeOrg}
                {r.headName && (
                  <div className="muted sub">
                    {r.headName}
                    {r.headPosition && `, ${r.headPosition}`}
                  </div>
                )}
              </td>
              <td>
                <DueBadge task={r} />
              </td>
              <td>{t(`tasks.priority.${r.priority}`)}</td>
              <td className="muted">{r.lastUpdateAt ? formatDateTime(r.lastUpdateAt) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
