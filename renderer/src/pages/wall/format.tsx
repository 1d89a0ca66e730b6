import { LEVEL_COLOURS, LEVEL_INFO, LEVEL_TEXT_COLOURS } from '../../../../shared/metrics';
import { formatNumber, type Lang } from '../../../../shared/format';
import type { Level } from './derive';

/** A signed change: "+1.234", "−5" (a real minus sign), "0". */
export function formatDelta(delta: number | null, digits: number, lang: Lang): string {
  if (delta === null) return '–';
  if (delta === 0) return formatNumber(0, lang, digits);
  return `${delta > 0 ? '+' : '−'}${formatNumber(Math.abs(delta), lang, digits)}`;
}

/** "Cấp 3 – nguy cơ cao" / "Level 3 – high risk". */
export function levelName(level: Level, lang: Lang): string {
  const i = LEVEL_INFO[level];
  return lang === 'vi' ? `Cấp ${level} – ${i.nameVi}` : `Level ${level} – ${i.nameEn}`;
}

/** The level number on its official colour (the number carries it for colour-blind readers). */
export function LevelChip({ level, label, testId }: { level: Level | null; label?: string; testId?: string }) {
  if (level === null) return <span className="level-chip none" data-testid={testId}>–</span>;
  return (
    <span className="level-chip" style={{ background: LEVEL_COLOURS[level], color: LEVEL_TEXT_COLOURS[level] }} data-testid={testId}>
      {label ?? level}
    </span>
  );
}
