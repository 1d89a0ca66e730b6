import type { TaskBoardRow } from '../../../../shared/api/ops/boards';
import { matchesQuery } from '../facilities/text';

/** Filters of the task board; the flags come from the core (overdue, dueThisWeek), never from the browser clock. */
export interface TaskFilters {
  query: string;
  directive: string; // directive id, 'none' for tasks without one, '' for all
  group: string;
  org: string;
  district: string;
  kind: '' | 'task' | 'inspection';
  overdue: boolean;
  dueThisWeek: boolean;
}

export const NO_FILTERS: TaskFilters = { query: '', directive: '', group: '', org: '', district: '', kind: '', overdue: false, dueThisWeek: false };

export function applyTaskFilters(rows: readonly TaskBoardRow[], f: TaskFilters): TaskBoardRow[] {
  return rows.filter(
    (r) =>
      (!f.directive || (f.directive === 'none' ? r.directiveId === null : r.directiveId === f.directive)) &&
      (!f.group || r.groupKey === f.group) &&
      (!f.org || r.assigneeOrg === f.org) &&
      (!f.district || r.assigneeDistrictCode === f.district || r.placeUnitCode === f.district) &&
      (!f.kind || r.kind === f.kind) &&
      (!f.overdue || r.overdue) &&
      (!f.dueThisWeek || r.dueThisWeek) &&
      matchesQuery(`${r.title} ${r.assigneeOrg} ${r.headName} ${r.placeLabel ?? ''} ${r.directiveCode ?? ''}`, f.query),
  );
}
