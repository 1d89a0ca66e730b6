import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../../shared/api/ops/metrics';
import { formatNumber, type Lang } from '../../../../../shared/format';
import { headlineNumbers, levelCounts, levelOf } from '../derive';
import { formatDelta, LevelChip, levelName } from '../format';

/** City headline figures with the change since the previous day, and the city's level. */
export function HeadlinePanel({ city, previous, units }: { city: UnitMetrics; previous: UnitMetrics | undefined; units: UnitMetrics[] }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const level = levelOf(city);
  return (
    <div className="wall-headline">
      {headlineNumbers(city, previous).map((h) => (
        <div key={h.id} className="wall-tile" data-testid={`wall-headline-${h.id}`}>
          <div className="wall-tile-label">{t(`wall.headline.${h.id}`)}</div>
          <div className="wall-big" data-testid={`wall-value-${h.id}`}>
            {formatNumber(h.value, lang, h.digits)}
          </div>
          <div className={`wall-delta ${h.delta === null || h.delta === 0 ? 'flat' : h.delta > 0 ? 'worse' : 'better'}`}>
            {h.delta === null ? (
              t('wall.headline.noPrevious')
            ) : h.delta === 0 ? (
              t('wall.headline.same')
            ) : (
              <>
                <span aria-hidden>{h.delta > 0 ? '▲' : '▼'}</span> {formatDelta(h.delta, h.digits, lang)} {t('wall.headline.vsYesterday')}
              </>
            )}
          </div>
        </div>
      ))}
      <div className="wall-tile wall-level-tile" data-testid="wall-city-level">
        <div className="wall-tile-label">{t('wall.headline.cityLevel')}</div>
        <div className="wall-level-line">
          <LevelChip level={level} />
          <span>{level ? levelName(level, lang) : t('wall.levelNone')}</span>
        </div>
        {city.epidemicLevel && <div className="wall-driver">{city.epidemicLevel.driverText[lang]}</div>}
        <ul className="wall-level-counts">
          {levelCounts(units).map((c) => (
            <li key={String(c.level)}>
              <LevelChip level={c.level} /> {t('wall.levelCount', { count: c.count })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
