import { LEVEL_COLOURS, LEVEL_TEXT_COLOURS } from '../palettes';
import type { Level } from './types';

/**
 * Names and colours of the four levels, NQ 128/NQ-CP (11/10/2021), CONFIRMED [S1].
 * The hex values are our rendering of the official colour names (see palettes.ts).
 */
export interface LevelInfo {
  level: Level;
  nameVi: string;
  nameEn: string;
  colourNameVi: string;
  colourNameEn: string;
  colour: string;
  textColour: string;
}

export const LEVEL_INFO: Readonly<Record<Level, LevelInfo>> = Object.freeze({
  1: info(1, 'nguy cơ thấp ("bình thường mới")', 'low risk ("new normal")', 'xanh', 'green'),
  2: info(2, 'nguy cơ trung bình', 'medium risk', 'vàng', 'yellow'),
  3: info(3, 'nguy cơ cao', 'high risk', 'cam', 'orange'),
  4: info(4, 'nguy cơ rất cao', 'very high risk', 'đỏ', 'red'),
});

function info(level: Level, nameVi: string, nameEn: string, colourNameVi: string, colourNameEn: string): LevelInfo {
  return {
    level,
    nameVi,
    nameEn,
    colourNameVi,
    colourNameEn,
    colour: LEVEL_COLOURS[level],
    textColour: LEVEL_TEXT_COLOURS[level],
  };
}

/** "Cấp 2 – nguy cơ trung bình (vàng)" / "Level 2 – medium risk (yellow)". */
export function levelLabel(level: Level, lang: 'vi' | 'en'): string {
  const i = LEVEL_INFO[level];
  return lang === 'vi'
    ? `Cấp ${level} – ${i.nameVi} (${i.colourNameVi})`
    : `Level ${level} – ${i.nameEn} (${i.colourNameEn})`;
}
