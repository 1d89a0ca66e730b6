/** Shared small types of the epidemic-level engine. */

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

export function clampLevel(n: number): Level {
  return Math.min(4, Math.max(1, Math.round(n))) as Level;
}

/** QĐ 4800/QĐ-BYT (12/10/2021 → 26/01/2022) or QĐ 218/QĐ-BYT (from 27/01/2022). */
export type RuleSetId = '4800' | '218';

/** Evidence mark of a threshold (see epidemic-levels.md, "Status marks"). */
export type ThresholdStatus = 'CONFIRMED' | 'REPORTED' | 'IMPLIED' | 'UNCONFIRMED';

/** QĐ 218 response capacity (khả năng đáp ứng): Cao / Trung bình / Thấp [S24, S25]. */
export type CapacityClass = 'cao' | 'trungBinh' | 'thap';
export const CAPACITY_CLASSES: readonly CapacityClass[] = ['cao', 'trungBinh', 'thap'];
export const CAPACITY_NAMES: Record<CapacityClass, { vi: string; en: string }> = {
  cao: { vi: 'Cao', en: 'high' },
  trungBinh: { vi: 'Trung bình', en: 'medium' },
  thap: { vi: 'Thấp', en: 'low' },
};

/** Administrative tier of the unit being assessed. */
export type Tier = 'ward' | 'district' | 'province';

/** A bilingual text. */
export interface Text2 {
  vi: string;
  en: string;
}
