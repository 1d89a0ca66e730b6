import { useCallback, useMemo, useRef, useState } from 'react';
import type { ScenarioBaseline } from '../../../../shared/api/ops/scenarios';
import { PRESETS, presetInputs, runScenario, scenarioInputs, type PresetId, type ScenarioInputs, type ScenarioResult } from '../../../../shared/scenarios';

/** Who the scenario on the planner is (a saved one keeps its id so "Lưu" replaces it). */
export interface PlannerMeta {
  id: string | null;
  name: string;
  note: string;
  taskId: string | null;
}

export interface Planner {
  inputs: ScenarioInputs;
  meta: PlannerMeta;
  /** Problems of the current inputs, by dotted path ("params.split", "casePath.perDay"). */
  issues: Map<string, string>;
  /** The result of the current inputs, or of the last valid ones while the form has a problem. */
  result: ScenarioResult;
  stale: boolean;
  update(fn: (draft: ScenarioInputs) => ScenarioInputs): void;
  setMeta(patch: Partial<PlannerMeta>): void;
  loadPreset(id: PresetId, lang: 'vi' | 'en'): void;
  load(inputs: ScenarioInputs, meta: PlannerMeta): void;
}

/**
 * The planner's state: the inputs as edited (possibly invalid) and the result, recomputed
 * by the shared planner on every change (it takes well under a millisecond for 180 days,
 * see bench/scenarios), only from inputs that pass the same zod schema the core uses.
 */
export function usePlanner(baseline: ScenarioBaseline): Planner {
  const [inputs, setInputs] = useState<ScenarioInputs>(() => presetInputs('p2000', baseline));
  const [meta, setMetaState] = useState<PlannerMeta>({ id: null, name: PRESETS.p2000.nameVi, note: '', taskId: null });
  const lastGood = useRef<ScenarioResult | null>(null);

  const { issues, result, stale } = useMemo(() => {
    const parsed = scenarioInputs.safeParse(inputs);
    if (parsed.success) {
      const r = runScenario(parsed.data);
      lastGood.current = r;
      return { issues: new Map<string, string>(), result: r, stale: false };
    }
    const map = new Map<string, string>();
    for (const i of parsed.error.issues) {
      const key = i.path.map(String).join('.');
      if (!map.has(key)) map.set(key, i.message);
    }
    return { issues: map, result: lastGood.current ?? runScenario(presetInputs('p2000', baseline)), stale: true };
  }, [inputs, baseline]);

  const update = useCallback((fn: (d: ScenarioInputs) => ScenarioInputs) => setInputs((cur) => fn(structuredClone(cur))), []);
  const setMeta = useCallback((patch: Partial<PlannerMeta>) => setMetaState((m) => ({ ...m, ...patch })), []);
  const loadPreset = useCallback(
    (id: PresetId, lang: 'vi' | 'en') => {
      setInputs(presetInputs(id, baseline));
      setMetaState({ id: null, name: lang === 'en' ? PRESETS[id].nameEn : PRESETS[id].nameVi, note: '', taskId: null });
    },
    [baseline],
  );
  const load = useCallback((i: ScenarioInputs, m: PlannerMeta) => {
    setInputs(structuredClone(i));
    setMetaState(m);
  }, []);

  return { inputs, meta, issues, result, stale, update, setMeta, loadPreset, load };
}

/** The first problem at or under a path ("params.split" matches "params.split.t1"). */
export function issueAt(issues: ReadonlyMap<string, string>, path: string): string | undefined {
  for (const [k, v] of issues) if (k === path || k.startsWith(`${path}.`)) return v;
  return undefined;
}
