import { useTranslation } from 'react-i18next';
import type { TaskBoardRow } from '../../../../shared/api/ops/boards';
import { formatDate } from '../../../../shared/format';

/** Due date with its urgency, impossible to miss when overdue. */
export function DueBadge({ task }: { task: Pick<TaskBoardRow, 'dueDate' | 'overdue' | 'dueSoon' | 'daysLeft' | 'active'> }) {
  const { t } = useTranslation();
  if (!task.dueDate) return <span className="due none">{t('tasks.noDue')}</span>;
  if (task.overdue)
    return (
      <span className="due overdue" data-testid="due-overdue">
        {t('tasks.overdueBy', { count: -(task.daysLeft ?? 0), date: formatDate(task.dueDate) })}
      </span>
    );
  if (task.dueSoon)
    return (
      <span className="due soon" data-testid="due-soon">
        {task.daysLeft === 0 ? t('tasks.dueToday') : t('tasks.dueIn', { count: task.daysLeft ?? 0, date: formatDate(task.dueDate) })}
      </span>
    );
  return <span className="due">{t('tasks.dueOn', { date: formatDate(task.dueDate) })}</span>;
}
