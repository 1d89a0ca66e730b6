import { ApiError } from '../../../shared/api/errors';
import type { SavedScenarioOut } from '../../../shared/api/ops/scenarios';
import { csvFileName, runScenario, savedScenario, scenarioCsv, type SavedScenario, type ScenarioInputs, type ScenarioResult } from '../../../shared/scenarios';
import type { CallContext } from '../api/context';
import { newId, type Store } from '../store';

/**
 * Saved scenarios live in the shared settings table, one row per scenario under the key
 * `scenario.<uuid>` (the setting key rule allows letters, digits and `_ . -` only, so not
 * `scenario:`), value = the SavedScenario JSON. Why not a table of their own: the store's
 * migrations are owned elsewhere right now; a setting is already audited, synced and written
 * in one op, and a scenario is one document that is always read and written whole.
 * Delete = a tombstone of that setting row (the write path's delete).
 */
export const SCENARIO_KEY_PREFIX = 'scenario.';
export const scenarioKey = (id: string) => `${SCENARIO_KEY_PREFIX}${id}`;

function readAll(store: Store): SavedScenario[] {
  const rows = store.db.prepare(`SELECT key, value FROM settings WHERE key LIKE 'scenario.%' AND _deleted = 0`).all() as Array<{
    key: string;
    value: string | null;
  }>;
  const out: SavedScenario[] = [];
  for (const r of rows) {
    if (r.value === null) continue;
    // A row that no longer parses (written by a newer version, or damaged in sync) is left
    // out rather than breaking the whole list; it stays in the store and its change log.
    const parsed = savedScenario.safeParse(JSON.parse(r.value));
    if (parsed.success && r.key === scenarioKey(parsed.data.id)) out.push(parsed.data);
  }
  return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1));
}

function readOne(store: Store, id: string): SavedScenario {
  const parsed = savedScenario.safeParse(store.getSetting(scenarioKey(id)));
  if (!parsed.success) throw new ApiError('not_found', `Không tìm thấy kịch bản "${id}" (not found)`);
  return parsed.data;
}

function withTask(store: Store, s: SavedScenario, result: ScenarioResult = runScenario(s.inputs)): SavedScenarioOut {
  const task = s.taskId ? store.get('task', s.taskId) : undefined;
  const directive = task?.directiveId ? store.get('directive', task.directiveId) : undefined;
  return {
    ...s,
    task: task ? { id: task.id, title: task.title, status: task.status, directiveCode: directive?.code ?? null } : null,
    summary: result.summary,
  };
}

export function listScenarios(store: Store, taskId?: string): SavedScenarioOut[] {
  return readAll(store)
    .filter((s) => taskId === undefined || s.taskId === taskId)
    .map((s) => withTask(store, s));
}

export function getScenario(store: Store, id: string): SavedScenarioOut & { result: ScenarioResult } {
  const s = readOne(store, id);
  const result = runScenario(s.inputs);
  return { ...withTask(store, s, result), result };
}

export interface SaveInput {
  id?: string;
  name: string;
  note: string;
  taskId: string | null;
  inputs: ScenarioInputs;
}

export function saveScenario(store: Store, ctx: CallContext, input: SaveInput): SavedScenarioOut {
  if (input.taskId && !store.get('task', input.taskId)) {
    throw new ApiError('not_found', `Không tìm thấy nhiệm vụ "${input.taskId}" để gắn kịch bản`, [{ path: 'taskId', message: 'task not found' }]);
  }
  const now = new Date(store.clock()).toISOString();
  const prior = input.id ? readOne(store, input.id) : null;
  const doc = savedScenario.parse({
    id: prior?.id ?? newId(store.clock()),
    name: input.name,
    note: input.note,
    taskId: input.taskId,
    inputs: input.inputs,
    createdAt: prior?.createdAt ?? now,
    updatedAt: now,
    author: ctx.userName.slice(0, 120),
  });
  store.setSetting({ userId: ctx.userId }, scenarioKey(doc.id), doc);
  return withTask(store, doc);
}

export function deleteScenario(store: Store, ctx: CallContext, id: string): { ok: true } {
  readOne(store, id);
  store.write({ userId: ctx.userId }, [{ op: 'delete', entity: 'setting', id: scenarioKey(id) }]);
  return { ok: true };
}

export function exportScenarioCsv(store: Store, id: string, lang: 'vi' | 'en') {
  const s = readOne(store, id);
  return { fileName: csvFileName(s.name, s.inputs.startDate), csv: scenarioCsv(runScenario(s.inputs), lang, s.name) };
}
