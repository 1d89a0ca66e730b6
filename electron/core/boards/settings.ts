import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { boardSettings, boardSettingsFields, type BoardSettings, type BoardSettingsOut } from '../../../shared/api/ops/boards';
import type { Store, WriteContext, WriteOp } from '../store';

/**
 * Board settings are SHARED settings (entity `setting`: audited, synced), one key per
 * concept so two devices changing different ones do not overwrite each other. The two
 * thresholds share a key because they are only valid together (warn < critical).
 */
export const BOARD_SETTING_KEYS = {
  thresholds: 'boards.facilityThresholds',
  staleAfterHours: 'boards.staleAfterHours',
  mobileStationF0Benchmark: 'boards.mobileStationF0Benchmark',
  dueSoonDays: 'boards.dueSoonDays',
} as const;

export const DEFAULT_BOARD_SETTINGS: BoardSettings = {
  warnPct: 80,
  criticalPct: 95,
  staleAfterHours: 24,
  mobileStationF0Benchmark: 50,
  dueSoonDays: 3,
};

/** Defaults that are not from an official Hà Nội document: the UI marks them "cần rà soát". */
export const BOARD_SETTINGS_TO_REVIEW: BoardSettingsOut['toReview'] = ['warnPct', 'criticalPct', 'mobileStationF0Benchmark', 'dueSoonDays'];

export const BOARD_SETTING_SOURCES: Record<keyof BoardSettings, string> = {
  warnPct: 'Mặc định của ứng dụng theo yêu cầu nghiệp vụ (cảnh báo khi sử dụng từ 80 %); chưa có văn bản quy định, cần rà soát.',
  criticalPct: 'Mặc định của ứng dụng theo yêu cầu nghiệp vụ (nguy cấp khi sử dụng từ 95 %); chưa có văn bản quy định, cần rà soát.',
  staleAfterHours: 'Các cơ sở báo cáo hằng ngày: quá 24 giờ không có báo cáo mới là số liệu cũ.',
  mobileStationF0Benchmark:
    'Mức thấp của khuyến nghị "mỗi trạm chăm sóc tốt nhất từ 50–100 F0 tại nhà" (Sở Y tế TP. Hồ Chí Minh, 2022, Tạp chí Tài chính đưa tin); không phải quy định của Hà Nội, cần rà soát.',
  dueSoonDays: 'Mặc định của ứng dụng: nhắc trước 3 ngày; cần rà soát theo quy chế làm việc.',
};

const thresholds = z.object({ warnPct: boardSettingsFields.warnPct, criticalPct: boardSettingsFields.criticalPct });
const thresholdsValid = (t: { warnPct: number; criticalPct: number }) => t.warnPct < t.criticalPct;

/**
 * Current settings. A stored value that no longer parses (older version, a bad sync) falls
 * back to its default instead of breaking every board: settings never block the view.
 */
export function readBoardSettings(store: Store): BoardSettings {
  const read = <T>(key: string, schema: z.ZodType<T>, fallback: T): T => {
    const r = schema.safeParse(store.getSetting(key));
    return r.success ? r.data : fallback;
  };
  const d = DEFAULT_BOARD_SETTINGS;
  const t = read(BOARD_SETTING_KEYS.thresholds, thresholds, { warnPct: d.warnPct, criticalPct: d.criticalPct });
  const valid = thresholdsValid(t) ? t : { warnPct: d.warnPct, criticalPct: d.criticalPct };
  return {
    ...valid,
    staleAfterHours: read(BOARD_SETTING_KEYS.staleAfterHours, boardSettingsFields.staleAfterHours, d.staleAfterHours),
    mobileStationF0Benchmark: read(BOARD_SETTING_KEYS.mobileStationF0Benchmark, boardSettingsFields.mobileStationF0Benchmark, d.mobileStationF0Benchmark),
    dueSoonDays: read(BOARD_SETTING_KEYS.dueSoonDays, boardSettingsFields.dueSoonDays, d.dueSoonDays),
  };
}

export function boardSettingsOut(store: Store): BoardSettingsOut {
  return {
    values: readBoardSettings(store),
    defaults: { ...DEFAULT_BOARD_SETTINGS },
    toReview: [...BOARD_SETTINGS_TO_REVIEW],
    sources: { ...BOARD_SETTING_SOURCES },
  };
}

/** Applies a (validated) partial change in ONE write; warn must stay below critical. */
export function updateBoardSettings(store: Store, ctx: WriteContext, patch: Partial<BoardSettings>): BoardSettingsOut {
  const next = boardSettings.parse({ ...readBoardSettings(store), ...patch });
  if (!thresholdsValid(next)) {
    throw new ApiError('invalid_input', `Ngưỡng cảnh báo (${next.warnPct} %) phải nhỏ hơn ngưỡng nguy cấp (${next.criticalPct} %)`, [
      { path: patch.criticalPct !== undefined ? 'criticalPct' : 'warnPct', message: 'warnPct phải nhỏ hơn criticalPct' },
    ]);
  }
  const values: Record<string, unknown> = {};
  if (patch.warnPct !== undefined || patch.criticalPct !== undefined) {
    values[BOARD_SETTING_KEYS.thresholds] = { warnPct: next.warnPct, criticalPct: next.criticalPct };
  }
  if (patch.staleAfterHours !== undefined) values[BOARD_SETTING_KEYS.staleAfterHours] = next.staleAfterHours;
  if (patch.mobileStationF0Benchmark !== undefined) values[BOARD_SETTING_KEYS.mobileStationF0Benchmark] = next.mobileStationF0Benchmark;
  if (patch.dueSoonDays !== undefined) values[BOARD_SETTING_KEYS.dueSoonDays] = next.dueSoonDays;
  const ops: WriteOp[] = Object.entries(values).map(([key, value]) => ({ op: 'upsert', entity: 'setting', id: key, fields: { key, value } }));
  if (ops.length > 0) store.write(ctx, ops);
  return boardSettingsOut(store);
}
