import { BLANK_TASK, type Task } from '../../../../shared/domain';
import { columnSpec, fold, isValueError, matchChoice, parseDate, type Problem } from '../../../../shared/io';
import { fieldProblem, missingColumn, planFromRows, rowReader, skipOf, type ImportEnv, type Importer, type PlannedRow } from './types';

/**
 * Tasks (a directive's task list as a spreadsheet). A row updates the task with the same
 * id (our exports carry it) or, without one, the task with the same title and assignee;
 * otherwise creates one. The directive is found by its code ("101/KH-UBND"); the
 * assignee unit by its code column or, failing that, from the assignee's name
 * ("UBND quận Đống Đa" → 006).
 */
type Fields = Partial<Omit<Task, 'id' | 'createdAt'>>;
export interface TaskRecord {
  row: number;
  id: string | null;
  fields: Fields;
}

const TEXTS = ['title', 'description', 'groupKey', 'assigneeOrg', 'headName', 'headPosition', 'findings'] as const;
const CHOICES = ['kind', 'priority', 'status'] as const;

export function tasksImporter(): Importer<TaskRecord> {
  let cache: { tasks: Task[]; directives: Map<string, string> } | null = null;
  const data = (env: ImportEnv) =>
    (cache ??= {
      tasks: env.store.list('task', {}),
      directives: new Map(env.store.list('directive', {}).map((d) => [fold(d.code), d.id])),
    });

  const orgUnit = (env: ImportEnv, org: string): string | null => {
    // "UBND quận Đống Đa", "Trung tâm Y tế huyện Ba Vì": the unit named at the end.
    const f = fold(org);
    const m = /(quan|huyen|thi xa|phuong|xa|thi tran) (.+)$/.exec(f);
    if (!m) return null;
    const d = env.units.district(`${m[1]} ${m[2]}`);
    return d.ok ? d.unit.code : null;
  };

  return {
    checkColumns(env) {
      const out: Problem[] = [];
      if (env.col('title') === null && env.col('id') === null) out.push(missingColumn(env, 'title'));
      return out;
    },

    rowParser(env) {
      const { directives } = data(env);
      const c = (k: string) => env.col(k);
      return (cells, row, problems) => {
        const fields: Fields = {};
        const r = rowReader(env, cells, row, problems);
        const { text, fail } = r;
        const idText = text('id');
        const title = text('title');
        if (!idText && !title) return skipOf(cells);
        for (const k of TEXTS) {
          const t = text(k);
          if (t === undefined) continue;
          const max = columnSpec('tasks', k)!.maxLength!;
          if (t.length > max) fail(k, { code: 'too_long', params: { max } });
          else if (k === 'groupKey') fields.groupKey = t || null;
          else (fields as Record<string, unknown>)[k] = t.normalize('NFC');
        }
        if (fields.title === '') fail('title', { code: 'required' });
        if (fields.assigneeOrg === '') fail('assigneeOrg', { code: 'required' });
        for (const k of CHOICES) {
          const t = text(k);
          if (!t) continue;
          const choices = columnSpec('tasks', k)!.choices!;
          const v = matchChoice(choices, t);
          if (v === undefined) fail(k, { code: 'bad_choice', params: { value: t, choices: choices.map((x) => x.label) } });
          else (fields as Record<string, unknown>)[k] = v;
        }
        if (c('dueDate') !== null) {
          const d = parseDate(cells[c('dueDate')!]);
          if (isValueError(d)) fail('dueDate', d);
          else fields.dueDate = d;
        }
        const dir = text('directive');
        if (dir) {
          const id = directives.get(fold(dir));
          if (id) fields.directiveId = id;
          else fail('directive', { code: 'unknown_directive', params: { value: dir } });
        } else if (dir === '') fields.directiveId = null;
        const codeText = text('assigneeUnitCode');
        if (codeText) {
          const u = env.units.code(codeText, codeText.length > 3 ? 'ward' : 'district');
          if (u) fields.assigneeUnitCode = u.code;
          else fail('assigneeUnitCode', { code: 'unknown_unit', params: { value: codeText } });
        } else if (fields.assigneeOrg) fields.assigneeUnitCode = orgUnit(env, fields.assigneeOrg);
        if (env.ctx.role === 'district_reporter') {
          const district = fields.assigneeUnitCode ? (fields.assigneeUnitCode.length === 5 ? env.units.byCode.get(fields.assigneeUnitCode)?.parentCode : fields.assigneeUnitCode) : null;
          if (!district || !(env.ctx.districtCodes ?? []).includes(district)) fail('assigneeOrg', { code: 'out_of_scope', params: { value: fields.assigneeOrg ?? '' } });
        }
        let id: string | null = null;
        if (idText) {
          if (data(env).tasks.some((t) => t.id === idText)) id = idText;
          else fail('id', { code: 'unknown_id', params: { value: idText } });
        }
        if (r.bad) return null;
        return { row, id, fields };
      };
    },

    key: (r) => r.id ?? `${fold(r.fields.title ?? '')}|${fold(r.fields.assigneeOrg ?? '')}`,
    same: (a, b) => JSON.stringify(a.fields) === JSON.stringify(b.fields),

    plan(records, env) {
      const { tasks } = data(env);
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const byKey = new Map(tasks.map((t) => [`${fold(t.title)}|${fold(t.assigneeOrg)}`, t]));
      const problems: Problem[] = [];
      const rows: PlannedRow[] = [];
      for (const rec of records) {
        const existing = rec.id ? byId.get(rec.id) : byKey.get(`${fold(rec.fields.title ?? '')}|${fold(rec.fields.assigneeOrg ?? '')}`);
        if (!existing) {
          const missing = (['title', 'assigneeOrg'] as const).filter((k) => !rec.fields[k]);
          for (const k of missing) problems.push(fieldProblem(env, rec.row, k, { code: 'required' }));
          if (missing.length) continue;
          const full: Omit<Task, 'id'> = {
            ...BLANK_TASK,
            createdAt: env.nowIso,
            ...(rec.fields as Pick<Task, 'title' | 'assigneeOrg'>),
          };
          rows.push({ row: rec.row, action: 'create', label: full.title, changed: [], op: { op: 'create', entity: 'task', fields: full } });
          continue;
        }
        const changed: PlannedRow['changed'] = [];
        for (const [k, v] of Object.entries(rec.fields)) {
          const old = (existing as Record<string, unknown>)[k];
          if (old !== v) changed.push({ field: k, from: old, to: v });
        }
        rows.push({
          row: rec.row,
          action: changed.length ? 'update' : 'unchanged',
          label: existing.title,
          changed,
          op: changed.length ? { op: 'update', entity: 'task', id: existing.id, fields: Object.fromEntries(changed.map((x) => [x.field, x.to])) } : null,
        });
      }
      return planFromRows(rows, problems);
    },
  };
}
