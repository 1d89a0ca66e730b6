import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TaskBoard, TaskBoardRow } from '../../../../shared/api/ops/boards';
import type { TaskStatus } from '../../../../shared/domain';
import { DueBadge } from './DueBadge';

const COLUMNS: TaskStatus[] = ['open', 'in_progress', 'blocked', 'done', 'cancelled'];

/** Short label of a move: leaving an end state reads "reopen" / "restore", not the target's name. */
export function moveLabel(from: TaskStatus, to: TaskStatus, t: TFunction): string {
  if (from === 'done') return t('tasks.reopen');
  if (from === 'cancelled') return t('tasks.restore');
  return t(`tasks.statusShort.${to}`);
}

/**
 * Kanban columns by status. A card moves by drag and drop or, from the keyboard, by its
 * "move to" buttons; both offer exactly the moves the core's workflow allows (the
 * transition table comes with the board), and the core checks again.
 */
export function TaskBoardView({
  board,
  rows,
  onOpen,
  onMove,
  moving,
}: {
  board: TaskBoard;
  rows: TaskBoardRow[];
  onOpen: (id: string) => void;
  onMove: (task: TaskBoardRow, to: TaskStatus) => void;
  moving: string | null;
}) {
  const { t } = useTranslation();
  const [dragged, setDragged] = useState<TaskBoardRow | null>(null);
  const [over, setOver] = useState<TaskStatus | null>(null);
  const allowed = (to: TaskStatus) => dragged !== null && board.transitions[dragged.status].includes(to);

  const drop = (e: DragEvent, to: TaskStatus) => {
    e.preventDefault();
    if (dragged && allowed(to)) onMove(dragged, to);
    setDragged(null);
    setOver(null);
  };

  return (
    <div className="kanban" data-testid="task-board">
      {COLUMNS.map((status) => {
        const cards = rows.filter((r) => r.status === status);
        const target = dragged ? (allowed(status) ? 'allowed' : dragged.status === status ? '' : 'blocked') : '';
        return (
          <section
            key={status}
            className={`column status-${status} ${target} ${over === status && target === 'allowed' ? 'over' : ''}`}
            aria-labelledby={`col-${status}`}
            data-testid={`column-${status}`}
            onDragOver={(e) => {
              if (allowed(status)) {
                e.preventDefault();
                setOver(status);
              }
            }}
            onDragLeave={() => setOver((o) => (o === status ? null : o))}
            onDrop={(e) => drop(e, status)}
          >
            <h2 id={`col-${status}`}>
              {t(`tasks.status.${status}`)} <span className="count">{cards.length}</span>
            </h2>
            <ul>
              {cards.map((r) => (
                <li
                  key={r.id}
                  className={`task-card ${r.overdue ? 'overdue' : r.dueSoon ? 'soon' : ''} priority-${r.priority}`}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData('text/plain', r.id);
                    e.dataTransfer.effectAllowed = 'move';
                    setDragged(r);
                  }}
                  onDragEnd={() => {
                    setDragged(null);
                    setOver(null);
                  }}
                  data-testid="task-card"
                  data-task-id={r.id}
                >
                  <button type="button" className="card-title" onClick={() => onOpen(r.id)}>
                    {r.kind === 'inspection' && <span className="chip inspection">{t('tasks.kind.inspection')}</span>}
                    {r.title}
                  </button>
                  <div className="meta">
                    <span>{r.assigneeOrg}</span>
                    {r.groupKey && <span className="chip">{r.groupKey}</span>}
                    {(r.priority === 'high' || r.priority === 'urgent') && <span className={`chip prio ${r.priority}`}>{t(`tasks.priority.${r.priority}`)}</span>}
                  </div>
                  <DueBadge task={r} />
                  {board.transitions[r.status].length > 0 && (
                    <div className="move" role="group" aria-label={t('tasks.moveTo', { title: r.title })}>
                      {board.transitions[r.status].map((to) => (
                        <button
                          key={to}
                          type="button"
                          className="move-button"
                          disabled={moving === r.id}
                          onClick={() => onMove(r, to)}
                          data-testid={`move-${to}`}
                          title={t('tasks.moveTitle', { status: t(`tasks.status.${to}`) })}
                        >
                          → {moveLabel(r.status, to, t)}
                        </button>
                      ))}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
