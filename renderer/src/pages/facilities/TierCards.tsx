import { useTranslation } from 'react-i18next';
import type { FacilityBoard } from '../../../../shared/api/ops/boards';
import { formatNumber, type Lang } from '../../../../shared/format';
import { Meter, Sparkline } from '../../components/charts';
import { daysText } from './FacilityTable';
import { pctText, usedOf } from './format';

/** City totals per treatment tier: how many places are free right now, and where the tier is heading. */
export function TierCards({ board }: { board: FacilityBoard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { warnPct, criticalPct } = board.settings;
  return (
    <section className="tier-cards" aria-label={t('facilities.tiersTitle')}>
      {board.tiers.map((tier) => (
        <article key={tier.tier} className={`card tier-card level-${tier.level ?? 'none'}`} data-testid={`tier-${tier.tier}`}>
          <header>
            <h2>{t('facilities.tierN', { tier: tier.tier })}</h2>
            <span className="muted">{t(`facilities.tierHint.${tier.tier}`)}</span>
          </header>
          <div className="free">
            <strong data-testid={`tier-${tier.tier}-free`}>{formatNumber(tier.free, lang)}</strong> {t('facilities.freePlaces')}
          </div>
          <div className="pct-line">
            <Meter pct={tier.occupancyPct} level={tier.level} marks={[warnPct, criticalPct]} label={t('facilities.tierOccupancy', { tier: tier.tier })} />
            <span className={`pct level-text-${tier.level ?? 'none'}`}>{pctText(tier.occupancyPct, lang)}</span>
          </div>
          <dl className="facts">
            <div>
              <dt>{t('facilities.col.occupied')}</dt>
              <dd>{usedOf(tier.occupied, tier.bedsReported, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.icu')}</dt>
              <dd>{usedOf(tier.icuOccupied, tier.icuBeds, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.oxygen')}</dt>
              <dd>{usedOf(tier.oxygenInUse, tier.oxygenOutlets, lang)}</dd>
            </div>
            <div>
              <dt>{t('facilities.col.daysUntilFull')}</dt>
              <dd>{daysText(tier.daysUntilFull, t)}</dd>
            </div>
          </dl>
          <footer className="muted">
            <Sparkline values={tier.trend} max={100} width={120} label={t('facilities.tierTrend', { tier: tier.tier })} />
            <span>
              {t('facilities.reporting', { reporting: tier.reporting, total: tier.facilities })}
              {tier.stale > 0 && ` · ${t('facilities.staleCount', { count: tier.stale })}`}
            </span>
          </footer>
        </article>
      ))}
      <article className="card tier-card stations-card" data-testid="stations-card">
        <header>
          <h2>{t('facilities.stationsTitle')}</h2>
          <span className="muted">{t('facilities.stationsHint', { count: board.stations.atIndustrialPark })}</span>
        </header>
        <div className="free">
          <strong>{formatNumber(board.stations.followed, lang)}</strong> {t('facilities.f0Followed')}
        </div>
        <dl className="facts">
          <div>
            <dt>{t('facilities.stationsCount')}</dt>
            <dd>{t('facilities.reporting', { reporting: board.stations.reporting, total: board.stations.stations })}</dd>
          </div>
          <div>
            <dt>{t('facilities.benchmark')}</dt>
            <dd>{t('facilities.perStation', { count: board.stations.benchmark })}</dd>
          </div>
          <div>
            <dt>{t('facilities.stationsNeeded')}</dt>
            <dd>{formatNumber(board.stations.stationsNeeded, lang)}</dd>
          </div>
          <div>
            <dt>{t('facilities.overBenchmark')}</dt>
            <dd>{formatNumber(board.stations.overBenchmark, lang)}</dd>
          </div>
        </dl>
      </article>
    </section>
  );
}
