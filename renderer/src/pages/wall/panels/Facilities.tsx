import { useTranslation } from 'react-i18next';
import type { FacilityBoard } from '../../../../../shared/api/ops/boards';
import { formatNumber, type Lang } from '../../../../../shared/format';
import { Meter } from '../../../components/charts';

/** Load per treatment tier (boards.facilities: the facility board's own totals and alerts). */
export function FacilitiesPanel({ board }: { board: FacilityBoard }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const n = (v: number | null, d = 0) => formatNumber(v, lang, d);
  return (
    <div className="wall-facilities">
      {board.tiers.map((tier) => (
        <div key={tier.tier} className={`wall-tier ${tier.level ?? ''}`} data-testid={`wall-tier-${tier.tier}`}>
          <div className="wall-tier-name">
            <strong>{t('wall.tier', { tier: tier.tier })}</strong>
            <span>{t(`facilities.tierHint.${tier.tier}`)}</span>
          </div>
          <div className="wall-tier-pct" data-testid={`wall-tier-pct-${tier.tier}`}>
            {tier.occupancyPct === null ? '–' : `${n(tier.occupancyPct)} %`}
          </div>
          <div className="wall-tier-bar">
            <Meter pct={tier.occupancyPct} level={tier.level} marks={[board.settings.warnPct, board.settings.criticalPct]} label={t('wall.tier', { tier: tier.tier })} />
            <div className="wall-tier-detail">
              <span>{t('wall.beds', { occupied: n(tier.occupied), beds: n(tier.bedsReported) })}</span>
              <span>{t('wall.free', { free: n(tier.free) })}</span>
              {tier.icuBeds > 0 && <span>{t('wall.icu', { occupied: n(tier.icuOccupied), beds: n(tier.icuBeds) })}</span>}
              {tier.stale > 0 && <span className="warn">{t('wall.stale', { count: tier.stale })}</span>}
            </div>
          </div>
        </div>
      ))}
      <div className={`wall-alerts ${board.alerts.length ? 'has' : ''}`} data-testid="wall-alerts">
        {board.alerts.length === 0 ? (
          t('wall.noAlerts')
        ) : (
          <>
            <strong>{t('wall.alerts', { count: board.alerts.length })}:</strong>{' '}
            {board.alerts
              .slice(0, 3)
              .map((a) => `${a.name} ${n(a.pct)} %`)
              .join(' · ')}
          </>
        )}
      </div>
    </div>
  );
}
