import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/api/contract';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useConnection, useApiClient } from '../api/hooks';
import { SyncIndicator } from '../sync/SyncIndicator';

/** Always visible: data freshness, sync state (once set up), connection state, transport and the DEMO label. */
export function StatusBar({ info }: { info: AppInfo | undefined }) {
  const { t } = useTranslation();
  const connected = useConnection();
  const client = useApiClient();
  const fresh = info?.freshness;
  return (
    <footer className="statusbar" role="contentinfo" data-testid="statusbar">
      <span data-testid="freshness">
        {fresh?.lastReportDate ? t('status.freshness', { date: formatDate(fresh.lastReportDate) }) : t('status.noData')}
      </span>
      {fresh?.lastChangeAt && <span>{t('status.lastChange', { time: formatDateTime(fresh.lastChangeAt) })}</span>}
      <SyncIndicator />
      <span className="spacer" />
      {info?.demo && <span className="demo-chip">{t('status.demo')}</span>}
      <span>{client.transport === 'ipc' ? t('status.desktop') : t('status.web')}</span>
      <span className={connected ? 'conn ok' : 'conn bad'} data-testid="connection">
        <span className="dot" aria-hidden /> {connected ? t('status.connected') : t('status.disconnected')}
      </span>
      {info && <span className="muted">v{info.version}</span>}
    </footer>
  );
}
