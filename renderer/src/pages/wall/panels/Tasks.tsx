import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskBoard, TaskBoardRow } from '../../../../../shared/api/ops/boards';
import { formatDate } from '../../../../../shared/format';
import { dueSoonTasks, overdueTasks } from '../derive';

/** Rows that fit a 1080p panel at the wall's type size. */
const ROWS = 7;

/**
 * Overdue tasks (boards.tasks decides what is overdue, for the day shown), most overdue first;
 * the room left shows what falls due next.
 */
export function TasksPanel({ board }: { board: TaskBoard }) {
  const { t } = useTranslation();
  const overdue = overdueTasks(board);
  const shown = overdue.slice(0, ROWS - 1);
  const soon = dueSoonTasks(board).slice(0, Math.max(0, ROWS - 2 - shown.length));
  return (
    <div className="wall-tasks">
      <div className={`wall-count ${overdue.length ? 'bad' : 'good'}`} data-testid="wall-overdue-count">
        {overdue.length ? t('wall.overdueCount', { count: overdue.length }) : t('wall.noOverdue')}
      </div>
      <ol className="wall-task-list">
        {shown.map((task) => (
          <TaskRow key={task.id} task={task} when={<span className="bad">{t('wall.overdueBy', { count: -(task.daysLeft ?? 0) })} ({formatDate(task.dueDate)})</span>} testId="wall-overdue-task" />
        ))}
      </ol>
      {overdue.length > shown.length && <div className="wall-more">{t('wall.more', { count: overdue.length - shown.length })}</div>}
      {soon.length > 0 && (
        <>
          <p className="wall-soon">{t('wall.dueSoonTitle', { count: board.dueSoonDays })}</p>
          <ol className="wall-task-list soon">
            {soon.map((task) => (
              <TaskRow
                key={task.id}
                task={task}
                when={<span>{task.daysLeft === 0 ? t('wall.dueToday') : t('wall.dueIn', { count: task.daysLeft ?? 0, date: formatDate(task.dueDate) })}</span>}
                testId="wall-soon-task"
              />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function TaskRow({ task, when, testId }: { task: TaskBoardRow; when: ReactNode; testId: string }) {
  return (
    <li data-testid={testId}>
      <div className="wall-task-title">{task.title}</div>
      <div className="wall-task-meta">
        <span>{task.assigneeOrg}</span>
        {when}
      </div>
    </li>
  );
}
