import { ApiError } from '../../../../shared/api/errors';
import type { ThresholdRowOut } from '../../../../shared/api/ops/settings';
import { configToOverrides, resolveLevelConfig, safeResolveLevelConfig, THRESHOLD_IDS, type LevelConfig } from '../../../../shared/metrics';
import type { Store } from '../../store';
import type { CallContext } from '../context';

/** Shared setting key of the level-threshold overrides (read by the metrics service too). */
export const LEVEL_CONFIG_SETTING = 'levels.config';

export function currentLevelConfig(store: Store): LevelConfig {
  return resolveLevelConfig(store.getSetting(LEVEL_CONFIG_SETTING) ?? {});
}

function toOut(config: LevelConfig) {
  const rows: ThresholdRowOut[] = THRESHOLD_IDS.map((id) => {
    const r = config.thresholds[id] as unknown as Record<string, unknown>;
    return {
      id,
      kind: r.kind as ThresholdRowOut['kind'],
      labelVi: String(r.labelVi),
      labelEn: String(r.labelEn),
      value: r.value as ThresholdRowOut['value'],
      unit: (r.unit as string | undefined) ?? null,
      options: (r.options as string[] | undefined) ? [...(r.options as string[])] : null,
      status: r.status as ThresholdRowOut['status'],
      sources: [...(r.sources as string[])],
      reviewRequired: Boolean(r.reviewRequired),
      note: String(r.note ?? ''),
      overridden: Boolean(r.overridden),
    };
  });
  return { ruleSet: config.ruleSet, rows };
}

export function settingsHandlers(store: Store) {
  return {
    'levels.config': () => toOut(currentLevelConfig(store)),
    'levels.setOverrides': ({ overrides }: { overrides: Record<string, unknown> }, ctx: CallContext) => {
      const result = safeResolveLevelConfig(overrides);
      if (!result.success) {
        throw new ApiError(
          'invalid_input',
          result.error.message,
          result.error.issues.map((i) => ({ path: `overrides.${i.path}`, message: i.message })),
        );
      }
      // Persist only what differs from the defaults, so a future release's corrected
      // default is picked up wherever nobody chose a value on purpose.
      store.setSetting({ userId: ctx.userId }, LEVEL_CONFIG_SETTING, configToOverrides(result.config));
      return toOut(result.config);
    },
  };
}
