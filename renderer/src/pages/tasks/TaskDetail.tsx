import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskBoard, TaskBoardRow } from '../../../../shared/api/ops/boards';
import type { TaskStatus } from '../../../../shared/domain';
import { formatDate, formatDateTime } from '../../../../shared/format';
import { useMutationOp, useOp } from '../../api/hooks';
import { Link } from '../../router';
import { DueBadge } from './DueBadge';
import { moveLabel } from './TaskBoardView';
import { TaskForm, type TaskPreset } from './TaskForm';
import { TaskScenarios } from './TaskScenarios';
import { ConflictNotice } from '../../sync/ConflictNotice';

/**
 * One task: who, until when, where; the workflow moves (with an optional note that goes
 * into the log), the follow-up log (comments, status changes, reminders with author and
 * time), assignment editing, and for inspections the findings and corrective tasks.
 */
export function TaskDetail({
  row,
  board,
  orgs,
  onClose,
  onMove,
  onOpen,
  onCorrective,
}: {
  row: TaskBoardRow;
  board: TaskBoard;
  orgs: string[];
  onClose: () => void;
  onMove: (task: TaskBoardRow, to: TaskStatus, text: string) => Promise<unknown>;
  onOpen: (id: string) => void;
  onCorrective: (preset: TaskPreset) => void;
}) {
  const { t } = useTranslation();
  const log = useOp('taskUpdates.list', { taskId: row.id });
  const addEntry = useMutationOp('taskUpdates.create');
  const update = useMutationOp('tasks.update');
  const [note, setNote] = useState('');
  const [entry, setEntry] = useState({ kind: 'comment' as 'comment' | 'reminder', text: '' });
  const [editing, setEditing] = useState(false);
  const [findings, setFindings] = useState(row.findings);
  const [moveError, setMoveError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setFindings(row.findings);
    setEditing(false);
    setMoveError(null);
    heading.current?.focus();
  }, [row.id, row.findings]);

  const parent = row.parentTaskId ? board.tasks.find((x) => x.id === row.parentTaskId) : undefined;
  const children = board.tasks.filter((x) => x.parentTaskId === row.id);

  const move = (to: TaskStatus) => {
    setMoveError(null);
    onMove(row, to, note.trim()).then(
      () => setNote(''),
      (e: Error) => setMoveError(e.message),
    );
  };
  const submitEntry = (e: FormEvent) => {
    e.preventDefault();
    if (!entry.text.trim()) return;
    const sent = entry.text;
    // Clear the box only if it still holds what was sent: the operator may already be typing
    // the next entry (or have switched to a reminder) while this one is being saved.
    addEntry.mutate(
      { taskId: row.id, kind: entry.kind, text: sent, fromStatus: null, toStatus: null },
      { onSuccess: () => setEntry((e) => (e.text === sent ? { ...e, text: '' } : e)) },
    );
  };

  return (
    <aside className="task-detail card" aria-labelledby="task-detail-title" data-testid="task-detail" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="detail-top">
        <button type="button" className="close" onClick={onClose} aria-label={t('tasks.close')} data-testid="task-close">
          ×
        </button>
        <p className="muted small">
          {row.kind === 'inspection' ? t('tasks.kind.inspection') : t('tasks.kind.task')}
          {row.directiveCode && ` · ${row.directiveCode}`}
          {row.groupKey && ` · ${row.groupKey}`}
        </p>
        <h2 id="task-detail-title" tabIndex={-1} ref={heading}>
          {row.title}
        </h2>
        <p>
          <span className={`status-pill status-${row.status}`} data-testid="task-status">
            {t(`tasks.status.${row.status}`)}
          </span>{' '}
          <DueBadge task={row} /> <span className={`chip prio ${row.priority}`}>{t(`tasks.priority.${row.priority}`)}</span>
        </p>
      </div>
      <ConflictNotice entity="task" entityId={row.id} />

      {editing ? (
        <TaskForm task={row} orgs={orgs} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <dl className="task-facts">
            <dt>{t('tasks.form.assigneeOrg')}</dt>
            <dd data-testid="task-assignee">{row.assigneeOrg}</dd>
            <dt>{t('tasks.form.head')}</dt>
            <dd>{row.headName ? `${row.headName}${row.headPosition ? `, ${row.headPosition}` : ''}` : '–'}</dd>
            <dt>{t('tasks.col.due')}</dt>
            <dd>{formatDate(row.dueDate)}</dd>
            <dt>{t('tasks.form.place')}</dt>
            <dd>
              {row.placeType === 'facility' && row.placeFacilityId ? (
                <Link to={`/facilities?facility=${row.placeFacilityId}`}>{row.placeLabel}</Link>
              ) : (
                (row.placeLabel ?? '–')
              )}
            </dd>
            {row.groupTitle && (
              <>
                <dt>{t('tasks.form.group')}</dt>
                <dd>{row.groupTitle}</dd>
              </>
            )}
            <dt>{t('tasks.createdAt')}</dt>
            <dd>{formatDateTime(row.createdAt)}</dd>
            {parent && (
              <>
                <dt>{t('tasks.parent')}</dt>
                <dd>
                  <button type="button" className="row-title" onClick={() => onOpen(parent.id)}>
                    {parent.title}
                  </button>
                </dd>
              </>
            )}
          </dl>
          {row.description && <p className="description">{row.description}</p>}
          <button type="button" onClick={() => setEditing(true)} data-testid="task-edit">
            {t('tasks.editAssign')}
          </button>
        </>
      )}

      <section aria-labelledby="move-title" className="move-section">
        <h3 id="move-title">{t('tasks.workflow')}</h3>
        {board.transitions[row.status].length === 0 ? (
          <p className="muted">{t('tasks.noMoves')}</p>
        ) : (
          <>
            <label className="note">
              {t('tasks.moveNote')}
              <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="move-note" />
            </label>
            <div className="button-row">
              {board.transitions[row.status].map((to) => (
                <button key={to} type="button" className={to === 'done' ? 'primary' : undefined} onClick={() => move(to)} data-testid={`detail-move-${to}`}>
                  → {row.status === 'done' || row.status === 'cancelled' ? moveLabel(row.status, to, t) : t(`tasks.status.${to}`)}
                </button>
              ))}
            </div>
          </>
        )}
        {moveError && (
          <p className="error" role="alert">
            {moveError}
          </p>
        )}
      </section>

      {row.kind === 'inspection' && (
        <section aria-labelledby="findings-title">
          <h3 id="findings-title">{t('tasks.findings')}</h3>
          <textarea rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} data-testid="task-findings" />
          <div className="button-row">
            <button type="button" disabled={findings === row.findings || update.isPending} onClick={() => update.mutate({ id: row.id, patch: { findings } })} data-testid="save-findings">
              {t('tasks.saveFindings')}
            </button>
            <button
              type="button"
              onClick={() =>
                onCorrective({
                  parentTaskId: row.id,
                  directiveId: row.directiveId,
                  groupKey: row.groupKey,
                  placeType: row.placeType,
                  placeUnitCode: row.placeUnitCode,
                  placeFacilityId: row.placeFacilityId,
                  placeLon: row.placeLon,
                  placeLat: row.placeLat,
                  priority: 'high',
                  title: t('tasks.correctivePrefix', { title: row.title }),
                  description: row.findings,
                })
              }
              data-testid="spawn-corrective"
            >
              {t('tasks.spawnCorrective')}
            </button>
          </div>
          {children.length > 0 && (
            <ul className="children" data-testid="corrective-tasks">
              {children.map((c) => (
                <li key={c.id}>
                  <button type="button" className="row-title" onClick={() => onOpen(c.id)}>
                    {c.title}
                  </button>{' '}
                  <span className={`status-pill status-${c.status}`}>{t(`tasks.status.${c.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <TaskScenarios taskId={row.id} />

      <section aria-labelledby="log-title">
        <h3 id="log-title">{t('tasks.log')}</h3>
        <ol className="log" data-testid="task-log">
          {(log.data ?? []).map((u) => (
            <li key={u.id} className={`log-${u.kind}`} data-testid="log-entry">
              <div className="log-head">
                <span className={`chip kind-${u.kind}`}>{t(`tasks.updateKind.${u.kind}`)}</span>
                <span className="muted">
                  {formatDateTime(u.at)} · {u.author}
                </span>
              </div>
              {u.kind === 'status_change' && u.fromStatus && u.toStatus && (
                <div className="transition">
                  {t(`tasks.status.${u.fromStatus}`)} → <strong>{t(`tasks.status.${u.toStatus}`)}</strong>
                </div>
              )}
              {u.text && <div>{u.text}</div>}
            </li>
          ))}
          {log.data?.length === 0 && <li className="muted">{t('tasks.emptyLog')}</li>}
        </ol>
        <form className="log-form" onSubmit={submitEntry}>
          <label>
            {t('tasks.entryKind')}
            <select value={entry.kind} onChange={(e) => setEntry({ ...entry, kind: e.target.value as 'comment' | 'reminder' })} data-testid="entry-kind">
              <option value="comment">{t('tasks.updateKind.comment')}</option>
              <option value="reminder">{t('tasks.updateKind.reminder')}</option>
            </select>
          </label>
          <label className="grow">
            {t('tasks.entryText')}
            <textarea rows={2} value={entry.text} onChange={(e) => setEntry({ ...entry, text: e.target.value })} data-testid="entry-text" />
          </label>
          <button type="submit" disabled={addEntry.isPending || !entry.text.trim()} data-testid="entry-save">
            {t('tasks.addEntry')}
          </button>
          {addEntry.error && <span className="error">{addEntry.error.message}</span>}
        </form>
      </section>
    </aside>
  );
}
