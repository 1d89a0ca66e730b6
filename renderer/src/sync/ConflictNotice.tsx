import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../api/hooks';
import { formatDateTime } from '../../../shared/format';
import type { SyncConflict } from '../../../shared/api/ops/sync';
import type { EntityName } from '../../../shared/domain';
import { displayValue, fieldLabel } from './format';
import './sync.css';

/** Who made an edit, as this machine's operator reads it. */
function useWho() {
  const { t } = useTranslation();
  const site = useOp('app.info', {}).data?.siteId;
  return (name: string | null, siteId: string) => name ?? (siteId === site ? t('sync.conflicts.thisMachine') : t('sync.conflicts.someone'));
}

/**
 * "Changed at the same time by …" on a task or a zone: each field that two sites edited
 * before syncing, the value kept next to the one that lost, and restore / keep. Names the
 * OTHER site's operator (whichever side won). Renders nothing when the row has no open
 * conflict (always the case without sync).
 */
export function ConflictNotice({ entity, entityId }: { entity: EntityName; entityId: string }) {
  const { t } = useTranslation();
  const list = useOp('sync.conflicts.list', { entity, entityId });
  const site = useOp('app.info', {}).data?.siteId;
  const who = useWho();
  if (!list.data || list.data.length === 0) return null;
  const others = list.data.map((c) => (c.winningSiteId === site ? who(c.losingUserName, c.losingSiteId) : who(c.winningUserName, c.winningSiteId)));
  return (
    <div className="conflict-notice" role="alert" data-testid="conflict-notice">
      <strong>⚠ {t('sync.conflicts.notice', { who: [...new Set(others)].join(', ') })}</strong>
      <p className="muted">{t('sync.conflicts.noticeHelp')}</p>
      <ConflictList rows={list.data} showRow={false} />
    </div>
  );
}

/** The conflicts themselves (also the list in Cài đặt → Đồng bộ, there with the record named). */
export function ConflictList({ rows, showRow }: { rows: SyncConflict[]; showRow: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const who = useWho();
  const restore = useMutationOp('sync.conflicts.restore');
  const dismiss = useMutationOp('sync.conflicts.dismiss');
  const [error, setError] = useState<string | null>(null);
  const by = (name: string | null, site: string, at: string) => t('sync.conflicts.by', { who: who(name, site), site, time: formatDateTime(at) });
  const act = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e: Error) => setError(e.message));
  };
  return (
    <>
      <ul className="conflict-list">
        {rows.map((c) => (
          <li key={c.id} data-testid={`conflict-${c.id}`}>
            <div className="conflict-field">
              {showRow && (
                <>
                  {t(`sync.conflicts.entities.${c.entity}`, { defaultValue: c.entity })} <span className="muted">{c.entityId.slice(0, 13)}</span> ·{' '}
                </>
              )}
              {fieldLabel(t, c.field)}
            </div>
            <div className="conflict-sides">
              <Side label={t('sync.conflicts.kept')} value={displayValue(t, c.entity, c.field, c.currentValue, lang)} by={by(c.winningUserName, c.winningSiteId, c.winningAt)} testId="conflict-kept" />
              <Side label={t('sync.conflicts.lost')} value={displayValue(t, c.entity, c.field, c.losingValue, lang)} by={by(c.losingUserName, c.losingSiteId, c.losingAt)} testId="conflict-lost" lost />
            </div>
            <div className="conflict-actions">
              {c.restorable && (
                <button type="button" className="small" onClick={() => act(restore.mutateAsync({ id: c.id }))} data-testid="conflict-restore">
                  {t('sync.conflicts.restore')}
                </button>
              )}
              <button type="button" className="small secondary" onClick={() => act(dismiss.mutateAsync({ id: c.id }))} data-testid="conflict-keep">
                {t('sync.conflicts.keep')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** One side of a conflict: the value, and who set it when. */
function Side({ label, value, by, testId, lost = false }: { label: string; value: string; by: string; testId: string; lost?: boolean }) {
  return (
    <div>
      <div className="muted small">{label}</div>
      <div className={lost ? 'conflict-value lost' : 'conflict-value'} data-testid={testId}>
        {value}
      </div>
      <div className="muted small">{by}</div>
    </div>
  );
}
