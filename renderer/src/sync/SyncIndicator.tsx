import { useTranslation } from 'react-i18next';
import { useOp } from '../api/hooks';
import { Link } from '../router';
import { formatDateTime } from '../../../shared/format';
import './sync.css';

/** A sync older than this is shown amber: the picture may be behind the other sites. */
const STALE_MS = 15 * 60_000;

/**
 * Status-bar sync state, always visible once sync is set up: last successful sync,
 * changes waiting to be sent, an error, open conflicts. Links to Cài đặt → Đồng bộ.
 * Shows nothing while sync is not set up (the app then looks exactly as without sync).
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const s = useOp('sync.status', {}).data;
  if (!s?.configured) return null;
  const stale = !s.lastSuccessAt || Date.now() - Date.parse(s.lastSuccessAt) > STALE_MS;
  const state = s.running ? 'running' : s.lastError ? 'failed' : stale ? 'stale' : 'ok';
  const parts = [
    s.running ? t('sync.indicator.running') : s.lastSuccessAt ? t('sync.indicator.last', { time: formatDateTime(s.lastSuccessAt) }) : t('sync.indicator.never'),
    s.pending > 0 ? t('sync.indicator.pending', { count: s.pending }) : null,
    s.lastError && !s.running ? t('sync.indicator.error') : null,
  ].filter(Boolean);
  return (
    <Link to="/settings#sync" className={`sync-indicator ${state}`} data-testid="sync-indicator" title={s.lastError ?? t('sync.indicator.open')}>
      <span className="dot" aria-hidden />
      {t('sync.indicator.label')}: {parts.join(' · ')}
      {s.openConflicts > 0 && <span className="conflicts"> · {t('sync.indicator.conflicts', { count: s.openConflicts })}</span>}
    </Link>
  );
}
