import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../../shared/api/ops/metrics';
import { formatDate } from '../../../../../shared/format';
import { LEVEL_COLOURS, LEVEL_TEXT_COLOURS } from '../../../../../shared/metrics';
import type { Lang } from '../../../../../shared/format';
import { levelChanges, levelCounts, levelOf } from '../derive';
import { LevelChip, levelName } from '../format';

const SHOWN = 7;
const NAMES_SHOWN = 6;

/** How many districts are at each level, and which changed level in a week. */
export function LevelsPanel({ units, before, compareDate }: { units: UnitMetrics[]; before: UnitMetrics[]; compareDate: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const changes = levelChanges(units, before);
  const counts = new Map(levelCounts(units).map((c) => [c.level, c.count]));
  return (
    <div className="wall-levels">
      <div className="wall-level-blocks">
        {([4, 3, 2, 1] as const).map((l) => {
          const names = units.filter((u) => levelOf(u) === l).map((u) => u.name);
          return (
            <div key={l} className="wall-level-block" style={{ background: LEVEL_COLOURS[l], color: LEVEL_TEXT_COLOURS[l] }} data-testid={`wall-level-count-${l}`}>
              <span className="wall-level-n">{counts.get(l) ?? 0}</span>
              <span className="wall-level-what">
                <strong>{levelName(l, lang)}</strong>
                {/* Names when they fit on a line: the few districts at a level matter most. */}
                {names.length > 0 && names.length <= NAMES_SHOWN && <span className="wall-level-names">{names.sort((a, b) => a.localeCompare(b, 'vi')).join(', ')}</span>}
              </span>
            </div>
          );
        })}
      </div>
      <div className="wall-changes" data-testid="wall-level-changes">
        {changes.length === 0 ? (
          <p className="wall-count good">{t('wall.noChanges', { date: formatDate(compareDate) })}</p>
        ) : (
          <>
            <p className="wall-sub">{t('wall.changesSince', { date: formatDate(compareDate) })}</p>
            <ul>
              {changes.slice(0, SHOWN).map((c) => (
                <li key={c.code} className={c.direction} data-testid="wall-level-change">
                  <span className="wall-change-name">{c.name}</span>
                  <LevelChip level={c.from} /> <span aria-hidden>→</span> <LevelChip level={c.to} />
                  <span className="wall-change-dir">
                    {c.direction === 'up' ? '▲' : '▼'} {t(c.direction === 'up' ? 'wall.up' : 'wall.down')}
                  </span>
                </li>
              ))}
            </ul>
            {changes.length > SHOWN && <div className="wall-more">{t('wall.moreDistricts', { count: changes.length - SHOWN })}</div>}
          </>
        )}
      </div>
    </div>
  );
}
