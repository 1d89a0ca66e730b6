import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardAlert } from '../../../../shared/api/ops/boards';
import { formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { Link } from '../../router';
import { pctText } from './format';

/** The raised alerts, critical first. Each names what crossed which mark and links to the facility. */
export function AlertList({ alerts, warnPct, criticalPct }: { alerts: BoardAlert[]; warnPct: number; criticalPct: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [all, setAll] = useState(false);
  const critical = alerts.filter((a) => a.level === 'critical').length;
  const shown = all ? alerts : alerts.slice(0, 4);
  return (
    <section className="card alert-list" aria-labelledby="alerts-title" data-testid="alert-list">
      <header>
        <h2 id="alerts-title">
          {t('facilities.alertsTitle')}{' '}
          <span className={`count ${alerts.length ? (critical ? 'critical' : 'warn') : 'ok'}`} data-testid="alert-count">
            {alerts.length}
          </span>
        </h2>
        <span className="muted">{t('facilities.alertsHint', { warn: formatNumber(warnPct, lang), critical: formatNumber(criticalPct, lang) })}</span>
      </header>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="no-alerts">
          {t('facilities.noAlerts')}
        </p>
      ) : (
        <ul>
          {shown.map((a) => (
            <li key={a.id} className={`alert ${a.level}`} data-testid="alert" data-alert-id={a.id}>
              <span className={`badge ${a.level}`}>{t(`facilities.level.${a.level}`)}</span>
              <span className="what">
                {a.facilityId ? (
                  <Link to={`/facilities?facility=${a.facilityId}`}>{a.name}</Link>
                ) : (
                  <strong>{t('facilities.tierN', { tier: a.tier })}</strong>
                )}{' '}
                — {t(`facilities.metric.${a.metric}`)} <strong>{pctText(a.pct, lang)}</strong>{' '}
                <span className="muted">
                  ({formatNumber(a.used, lang)}/{formatNumber(a.capacity, lang)})
                </span>
              </span>
              <span className="muted when">
                {a.reportedAt ? formatDateTime(a.reportedAt) : t('facilities.tierWide')}
                {a.stale && <span className="badge stale">{t('facilities.stale')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {alerts.length > 4 && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? t('facilities.showFewer') : t('facilities.showAll', { count: alerts.length })}
        </button>
      )}
    </section>
  );
}
