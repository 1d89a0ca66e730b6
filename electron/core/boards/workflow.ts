import { ApiError } from '../../../shared/api/errors';
import type { TaskStatus } from '../../../shared/domain';

/**
 * THE task status workflow: which status may follow which. The core enforces it on every
 * status change (taskUpdates.create kind 'status_change'); the board gets the same table
 * through boards.tasks, so a "move to" button exists exactly when the move is allowed.
 *
 *   open ──► in_progress ──► done
 *     │          │  ▲          │
 *     │          ▼  │          │ reopen (mistake, or an inspection found it not done)
 *     ├──────► blocked ──► done│
 *     ▼          │             ▼
 *   cancelled ◄──┴──────── in_progress
 *     │
 *     └─► open (restore)
 *
 * Why these: "done" needs work to have started (open → done is not a move, so a task
 * cannot be closed without a trace of it being taken up); blocked is left by resuming,
 * finishing or cancelling; the two end states can be undone only by a deliberate move
 * back into the flow, which the follow-up log records like any other.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in_progress', 'blocked', 'cancelled'],
  in_progress: ['blocked', 'done', 'cancelled'],
  blocked: ['in_progress', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['open'],
};

/** Statuses in board-column order. */
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'blocked', 'done', 'cancelled'];

/** Finished tasks: never overdue, not counted as open work. */
export const isActiveStatus = (s: TaskStatus): boolean => s !== 'done' && s !== 'cancelled';

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

const LABEL: Record<TaskStatus, string> = {
  open: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  blocked: 'Vướng mắc',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

/** Throws a clear invalid_input error (naming the field) when the move is not allowed. */
export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TASK_TRANSITIONS[from].map((s) => LABEL[s]).join(', ') || 'không có';
  throw new ApiError(
    'invalid_input',
    `Không thể chuyển trạng thái từ "${LABEL[from]}" sang "${LABEL[to]}" (not an allowed transition ${from} → ${to}); được phép: ${allowed}`,
    [{ path: 'toStatus', message: `${from} → ${to} không được phép` }],
  );
}
