import { useTranslation } from 'react-i18next';
import type { TaskBoard } from '../../../../../shared/api/ops/boards';
import { formatDate } from '../../../../../shared/format';
import { overdueTasks } from '../derive';

const SHOWN = 6;

/** Overdue tasks (boards.tasks decides what is overdue, for the day shown), most overdue first. */
export function TasksPanel({ board }: { board: TaskBoard }) {
  const { t } = useTranslation();
  const overdue = overdueTasks(board);
  return (
    <div className="wall-tasks">
      <div className={`wall-count ${overdue.length ? 'bad' : 'good'}`} data-testid="wall-overdue-count">
        {overdue.length ? t('wall.overdueCount', { count: overdue.length }) : t('wall.noOverdue')}
      </div>
      <ol className="wall-task-list">
        {overdue.slice(0, SHOWN).map((task) => (
          <li key={task.id} data-testid="wall-overdue-task">
            <div className="wall-task-title">{task.title}</div>
            <div className="wall-task-meta">
              <span>{task.assigneeOrg}</span>
              <span className="bad">
                {t('wall.overdueBy', { count: -(task.daysLeft ?? 0) })} ({formatDate(task.dueDate)})
              </span>
            </div>
          </li>
        ))}
      </ol>
      {overdue.length > SHOWN && <div className="wall-more">{t('wall.more', { count: overdue.length - SHOWN })}</div>}
    </div>
  );
}
