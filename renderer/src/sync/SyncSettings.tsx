import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../api/hooks';
import { formatDateTime, formatNumber } from '../../../shared/format';
import type { SyncStatusOut } from '../../../shared/api/ops/sync';
import { downloadBase64, readAsBase64 } from '../pages/data/files';
import { ConflictList } from './ConflictNotice';
import './sync.css';

/**
 * Cài đặt → Đồng bộ: enrol this device at a hub (address + one-time code), then its status
 * (last success, pending, last error), "sync now", the interval, the log of rounds, open
 * conflicts, and changes on a file for a USB stick.
 */
export function SyncSettings() {
  const { t } = useTranslation();
  const status = useOp('sync.status', {});
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The status-bar indicator links here (/settings#sync).
    if (location.hash === '#sync' && status.data) ref.current?.scrollIntoView({ block: 'start' });
  }, [status.data]);
  const s = status.data;
  return (
    <div className="card sync-settings" id="sync" ref={ref} data-testid="sync-settings">
      <h2>{t('sync.settings.title')}</h2>
      <p className="muted">{t('sync.settings.intro')}</p>
      {s && (s.configured ? <Connected s={s} /> : <EnrolForm />)}
      {s && <Conflicts />}
      {s && <SyncLog />}
      {s && <FileTransfer />}
    </div>
  );
}

function EnrolForm() {
  const { t } = useTranslation();
  const enrol = useMutationOp('sync.enrol');
  const [form, setForm] = useState({ hubUrl: '', code: '', deviceName: '', intervalSec: 60, ca: '', allowPlainHttp: false });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    enrol.mutate({ ...form, ca: form.ca.trim() || undefined });
  };
  return (
    <form className="form" onSubmit={submit} data-testid="sync-enrol">
      <p>{t('sync.settings.off')}</p>
      <label>
        {t('sync.settings.hubUrl')}
        <input value={form.hubUrl} onChange={(e) => set({ hubUrl: e.target.value })} placeholder="https://…" required data-testid="sync-hub-url" />
        <span className="muted small">{t('sync.settings.hubUrlHint')}</span>
      </label>
      <label>
        {t('sync.settings.code')}
        <input value={form.code} onChange={(e) => set({ code: e.target.value })} autoComplete="off" required data-testid="sync-code" />
      </label>
      <label>
        {t('sync.settings.deviceName')}
        <input value={form.deviceName} onChange={(e) => set({ deviceName: e.target.value })} required data-testid="sync-device-name" />
      </label>
      <label>
        {t('sync.settings.interval')}
        <input type="number" min={0} max={86400} value={form.intervalSec} onChange={(e) => set({ intervalSec: Number(e.target.value) })} data-testid="sync-interval" />
      </label>
      <details>
        <summary>{t('sync.settings.advanced')}</summary>
        <label>
          {t('sync.settings.ca')}
          <textarea value={form.ca} onChange={(e) => set({ ca: e.target.value })} placeholder="-----BEGIN CERTIFICATE-----" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.allowPlainHttp} onChange={(e) => set({ allowPlainHttp: e.target.checked })} />
          {t('sync.settings.allowPlain')}
        </label>
      </details>
      {enrol.error && (
        <p className="error" role="alert" data-testid="sync-enrol-error">
          {enrol.error.message}
        </p>
      )}
      <div className="button-row">
        <button type="submit" disabled={enrol.isPending} data-testid="sync-enrol-submit">
          {t('sync.settings.enrol')}
        </button>
      </div>
    </form>
  );
}

function Connected({ s }: { s: SyncStatusOut }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const now = useMutationOp('sync.now');
  const setInterval = useMutationOp('sync.settings.set');
  const disconnect = useMutationOp('sync.disconnect');
  const [interval, setIntervalDraft] = useState(s.intervalSec);
  useEffect(() => setIntervalDraft(s.intervalSec), [s.intervalSec]);
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('sync.settings.never'));
  return (
    <div data-testid="sync-connected">
      <dl className="sync-facts">
        <dt>{t('sync.settings.hub')}</dt>
        <dd data-testid="sync-hub">{s.hubUrl}</dd>
        <dt>{t('sync.settings.device')}</dt>
        <dd>
          {s.deviceName} <span className="muted">({t('sync.settings.site')} {s.siteId})</span>
        </dd>
        {s.role && (
          <>
            <dt>{t('sync.settings.role')}</dt>
            <dd>
              {t(`sync.settings.roles.${s.role}`)}
              {s.districts.length > 0 && ` — ${t('sync.settings.districts')}: ${s.districts.join(', ')}`}
            </dd>
          </>
        )}
        <dt>{t('sync.settings.lastSuccess')}</dt>
        <dd data-testid="sync-last-success">{when(s.lastSuccessAt)}</dd>
        <dt>{t('sync.settings.lastAttempt')}</dt>
        <dd>{when(s.lastAttemptAt)}</dd>
        <dt>{t('sync.settings.pending')}</dt>
        <dd data-testid="sync-pending">{formatNumber(s.pending, lang)}</dd>
        {s.lastError && (
          <>
            <dt>{t('sync.settings.lastError')}</dt>
            <dd className="error" data-testid="sync-last-error">
              {s.lastError}
            </dd>
          </>
        )}
      </dl>
      <div className="button-row">
        <button type="button" onClick={() => now.mutate({})} disabled={now.isPending || s.running} data-testid="sync-now">
          {t('sync.settings.now')}
        </button>
        <span className="inline">
          <label>
            {t('sync.settings.interval')}{' '}
            <input className="num-input" type="number" min={0} max={86400} value={interval} onChange={(e) => setIntervalDraft(Number(e.target.value))} data-testid="sync-interval" />
          </label>
          <button type="button" className="small" onClick={() => setInterval.mutate({ intervalSec: interval })} disabled={interval === s.intervalSec}>
            {t('sync.settings.saveInterval')}
          </button>
        </span>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (confirm(t('sync.settings.disconnectConfirm'))) disconnect.mutate({});
          }}
          data-testid="sync-disconnect"
        >
          {t('sync.settings.disconnect')}
        </button>
      </div>
      {now.data && <p data-testid="sync-now-result">{t('sync.settings.nowDone', now.data)}</p>}
      {(now.error ?? setInterval.error) && (
        <p className="error" role="alert" data-testid="sync-now-error">
          {(now.error ?? setInterval.error)!.message}
        </p>
      )}
    </div>
  );
}

function Conflicts() {
  const { t } = useTranslation();
  const list = useOp('sync.conflicts.list', {});
  return (
    <section data-testid="sync-conflicts">
      <h3>{t('sync.conflicts.title')}</h3>
      {list.data && list.data.length > 0 ? <ConflictList rows={list.data} showRow /> : <p className="muted">{t('sync.conflicts.none')}</p>}
    </section>
  );
}

function SyncLog() {
  const { t } = useTranslation();
  const log = useOp('sync.log', { limit: 20 });
  return (
    <section>
      <h3>{t('sync.log.title')}</h3>
      {!log.data?.length ? (
        <p className="muted">{t('sync.log.empty')}</p>
      ) : (
        <table className="grid sync-log" data-testid="sync-log">
          <thead>
            <tr>
              <th>{t('sync.log.at')}</th>
              <th>{t('sync.log.trigger')}</th>
              <th>{t('sync.log.result')}</th>
              <th className="num">{t('sync.log.pulled')}</th>
              <th className="num">{t('sync.log.pushed')}</th>
              <th className="num">{t('sync.log.conflicts')}</th>
              <th className="num">{t('sync.log.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{formatDateTime(e.at)}</td>
                <td>{t(`sync.log.triggers.${e.trigger}`)}</td>
                <td className={e.ok ? undefined : 'failed'} title={e.error ?? undefined}>
                  {e.ok ? t('sync.log.ok') : `${t('sync.log.failed')}: ${e.error ?? ''}`}
                </td>
                <td className="num">{formatNumber(e.pulled)}</td>
                <td className="num">{formatNumber(e.pushed)}</td>
                <td className="num">{formatNumber(e.conflicts)}</td>
                <td className="num">{formatNumber(e.durationMs)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FileTransfer() {
  const { t } = useTranslation();
  const exportFile = useMutationOp('sync.file.export');
  const importFile = useMutationOp('sync.file.import');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const preview = useOp('sync.file.preview', { fileName: file?.name ?? '', contentBase64: file?.base64 ?? '' }, { enabled: !!file });
  const [message, setMessage] = useState<string | null>(null);
  const run = async (scope: 'pending' | 'all') => {
    const r = await exportFile.mutateAsync({ scope });
    downloadBase64({ fileName: r.fileName, mimeType: 'application/gzip', contentBase64: r.contentBase64 });
    setMessage(t('sync.file.exported', { count: r.count, file: r.fileName }));
  };
  const error = exportFile.error ?? preview.error ?? importFile.error;
  return (
    <section data-testid="sync-file">
      <h3>{t('sync.file.title')}</h3>
      <p className="muted">{t('sync.file.intro')}</p>
      <div className="button-row">
        <button type="button" onClick={() => void run('pending').catch(() => undefined)} data-testid="sync-export-pending">
          {t('sync.file.exportPending')}
        </button>
        <button type="button" className="secondary" onClick={() => void run('all').catch(() => undefined)} data-testid="sync-export-all">
          {t('sync.file.exportAll')}
        </button>
      </div>
      <label className="inline">
        {t('sync.file.choose')}
        <input
          type="file"
          accept=".sabanchanges,application/gzip"
          data-testid="sync-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            setMessage(null);
            importFile.reset();
            if (f) void readAsBase64(f, () => undefined).then((base64) => setFile({ name: f.name, base64 }));
            else setFile(null);
          }}
        />
      </label>
      {file && preview.data && !importFile.data && (
        <div data-testid="sync-file-preview">
          <p>
            {t('sync.file.preview', {
              site: preview.data.siteId,
              time: formatDateTime(preview.data.createdAt),
              count: preview.data.count,
              toApply: preview.data.toApply,
              alreadyHave: preview.data.alreadyHave,
            })}
          </p>
          <button type="button" disabled={importFile.isPending} onClick={() => importFile.mutate({ fileName: file.name, contentBase64: file.base64 })} data-testid="sync-file-apply">
            {t('sync.file.apply', { count: preview.data.toApply })}
          </button>
        </div>
      )}
      {importFile.data && <p data-testid="sync-file-result">{t('sync.file.imported', importFile.data)}</p>}
      {message && <p data-testid="sync-export-result">{message}</p>}
      {error && (
        <p className="error" role="alert" data-testid="sync-file-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
