import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { Link } from '../../router';
import { formatDate } from '../../../../shared/format';

/**
 * Scenarios attached to this task (Kịch bản → save with a task): their name and the first
 * resource that runs out, with a link to compare them on the scenarios screen.
 */
export function TaskScenarios({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const list = useOp('scenarios.list', { taskId });
  const rows = list.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="task-scenarios-title" data-testid="task-scenarios">
      <h3 id="task-scenarios-title">{t('tasks.scenarios')}</h3>
      <ul className="plain">
        {rows.map((s) => {
          const first = s.summary
            .filter((r) => r.firstFullDate !== null)
            .sort((a, b) => (a.firstFullDay ?? 0) - (b.firstFullDay ?? 0))[0];
          return (
            <li key={s.id}>
              <Link to={`/scenarios?tab=saved&compare=${s.id}`}>{s.name}</Link>{' '}
              <span className="muted">
                {first
                  ? t('tasks.scenarioFull', { resource: t(`scenarios.resource.${first.resource}`), date: formatDate(first.firstFullDate) })
                  : t('tasks.scenarioNoFull')}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
