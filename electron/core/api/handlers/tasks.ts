import { ApiError } from '../../../../shared/api/errors';
import type { TaskStatus } from '../../../../shared/domain';
import type { Store } from '../../store';
import type { CallContext } from '../context';
import { assertTransition } from '../../boards/workflow';
import { crudHandlers, named } from './crud';
import { notFound, writeCtx } from './util';

/** Directives, tasks and the append-only follow-up log. */
export function taskHandlers(store: Store) {
  const nowIso = () => new Date(store.clock()).toISOString();
  const tasks = crudHandlers(store, 'task', 'nhiệm vụ', {
    where: (i) => ({ status: i.status as TaskStatus | undefined, directiveId: i.directiveId as string | undefined, assigneeUnitCode: i.assigneeUnitCode as string | undefined }),
    orderBy: [['dueDate', 'asc'], ['createdAt', 'asc']],
    onCreate: (fields) => ({ ...fields, createdAt: nowIso() }),
  });
  return {
    ...named('directives', crudHandlers(store, 'directive', 'chỉ đạo', { orderBy: [['issuedDate', 'desc']] })),
    ...named('tasks', {
      ...tasks,
      // The status moves only through the follow-up log (checked workflow, logged who/when).
      update: (input: { id: string; patch: Record<string, unknown> }, ctx: CallContext) => {
        const current = store.get('task', input.id) ?? notFound('nhiệm vụ', input.id);
        if (input.patch.status !== undefined && input.patch.status !== current.status) {
          throw new ApiError('invalid_input', 'Đổi trạng thái nhiệm vụ qua nhật ký theo dõi (taskUpdates.create, kind "status_change")', [
            { path: 'patch.status', message: 'dùng taskUpdates.create để đổi trạng thái' },
          ]);
        }
        return tasks.update(input, ctx);
      },
    }),
    'taskUpdates.list': ({ taskId }: { taskId: string }) => store.list('taskUpdate', { taskId }, { orderBy: [['at', 'asc'], ['id', 'asc']] }),
    /**
     * A status change is recorded twice in ONE write: as a log entry (who, when, from → to)
     * and as the task's new status, so the log and the board can never disagree.
     */
    'taskUpdates.create': (
      input: { taskId: string; kind: 'comment' | 'status_change' | 'reminder'; text: string; fromStatus: TaskStatus | null; toStatus: TaskStatus | null },
      ctx: CallContext,
    ) => {
      const task = store.get('task', input.taskId) ?? notFound('nhiệm vụ', input.taskId);
      const entry = { ...input, author: ctx.userName, at: nowIso() };
      const ops: Parameters<Store['write']>[1][number][] = [];
      if (input.kind === 'status_change') {
        if (!input.toStatus) throw new ApiError('invalid_input', 'Thiếu trạng thái mới', [{ path: 'toStatus', message: 'bắt buộc khi đổi trạng thái' }]);
        assertTransition(task.status, input.toStatus);
        entry.fromStatus = task.status;
        ops.push({ op: 'update', entity: 'task', id: task.id, fields: { status: input.toStatus } });
      } else {
        entry.fromStatus = null;
        entry.toStatus = null;
      }
      ops.unshift({ op: 'create', entity: 'taskUpdate', fields: entry });
      const r = store.write(writeCtx(ctx), ops);
      return store.get('taskUpdate', r.ids[0]!)!;
    },
  };
}
