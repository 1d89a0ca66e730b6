import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiClient, useMutationOp, useOp } from '../../api/hooks';
import { Link } from '../../router';
import { DEFAULT_WALL_SETTINGS, WALL_METRICS, WALL_PANELS, type WallPanel, type WallSettings as Values } from '../../../../shared/api/ops/wall';
import { formatDateTime } from '../../../../shared/format';
import '../wall/wall-settings.css';

/**
 * Settings → Màn hình lớn: the rotation (shared setting, wall.settings.*), the monitor of the
 * desktop wall window (device-local), and the read-only view tokens for a browser on the
 * wall screen (administrators only; the token is shown once, with a ready-to-copy address).
 * Strings live in the wall area (t('wall.setup.*')).
 */
export function WallSettings() {
  const { t } = useTranslation();
  const current = useOp('wall.settings.get', {});
  const save = useMutationOp('wall.settings.set');
  const [draft, setDraft] = useState<Values | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data.values);
  }, [current.data]);
  const v = draft ?? DEFAULT_WALL_SETTINGS;

  const enabled = new Set(v.panels);
  const rows: WallPanel[] = [...v.panels, ...WALL_PANELS.filter((p) => !enabled.has(p))];
  const set = (patch: Partial<Values>) => setDraft({ ...v, ...patch });
  const toggle = (p: WallPanel, on: boolean) => set({ panels: on ? [...v.panels, p] : v.panels.filter((x) => x !== p) });
  const move = (p: WallPanel, by: -1 | 1) => {
    const i = v.panels.indexOf(p);
    const j = i + by;
    if (i < 0 || j < 0 || j >= v.panels.length) return;
    const next = [...v.panels];
    [next[i], next[j]] = [next[j]!, next[i]!];
    set({ panels: next });
  };

  return (
    <div className="card" data-testid="wall-settings">
      <h2>{t('wall.setup.title')}</h2>
      <p className="muted">{t('wall.setup.intro')}</p>
      <div className="button-row wall-setup-links">
        <Link to="/wall">{t('wall.setup.open')}</Link>
        <Link to="/briefing">{t('wall.setup.briefing')}</Link>
      </div>
      <fieldset className="wall-setup-panels">
        <legend>{t('wall.setup.panels')}</legend>
        <ul>
          {rows.map((p) => {
            const i = v.panels.indexOf(p);
            const name = t(`wall.panels.${p}`);
            return (
              <li key={p} className={i < 0 ? 'off' : undefined}>
                <span className="pos">{i >= 0 ? `${i + 1}.` : ''}</span>
                <label>
                  <input type="checkbox" checked={i >= 0} onChange={(e) => toggle(p, e.target.checked)} data-testid={`wall-panel-toggle-${p}`} />
                  {name}
                </label>
                <button type="button" className="small" disabled={i <= 0} onClick={() => move(p, -1)} aria-label={`${t('wall.setup.up')}: ${name}`}>
                  ▲
                </button>
                <button type="button" className="small" disabled={i < 0 || i === v.panels.length - 1} onClick={() => move(p, 1)} aria-label={`${t('wall.setup.down')}: ${name}`}>
                  ▼
                </button>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="form">
        <label>
          {t('wall.setup.interval')}
          <input type="number" min={5} max={600} value={v.intervalSec} onChange={(e) => set({ intervalSec: Number(e.target.value) })} data-testid="wall-interval" />
        </label>
        <label>
          {t('wall.setup.metric')}
          <select value={v.metric} onChange={(e) => set({ metric: e.target.value as Values['metric'] })} data-testid="wall-metric">
            {WALL_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`map.metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="button-row">
          <button className="primary" disabled={!draft || save.isPending} onClick={() => draft && save.mutate(draft)} data-testid="wall-save">
            {t('wall.setup.save')}
          </button>
          {save.isSuccess && <span className="muted">{t('wall.setup.saved')}</span>}
        </div>
        {save.error && <p className="error">{t('common.error', { message: save.error.message })}</p>}
      </div>
      <DisplayChoice />
      <WallTokens />
    </div>
  );
}

/** Electron: which monitor the wall window opens on (the list comes from the desktop shell). */
function DisplayChoice() {
  const { t } = useTranslation();
  const q = useOp('wall.display.get', {});
  const choose = useMutationOp('wall.display.set');
  if (!q.data || q.data.displays.length === 0) return null;
  return (
    <div className="form wall-setup-display">
      <label>
        {t('wall.setup.display')}
        <select
          value={q.data.chosenId ?? ''}
          onChange={(e) => choose.mutate({ displayId: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="wall-display"
        >
          <option value="">{t('wall.setup.displayAuto')}</option>
          {q.data.displays.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label} ({d.width}×{d.height}
              {d.primary ? `, ${t('wall.setup.primary')}` : ''})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** Administrators: create, list and revoke read-only wall tokens. */
function WallTokens() {
  const { t } = useTranslation();
  const client = useApiClient();
  const list = useOp('wall.tokens.list', {});
  const create = useMutationOp('wall.tokens.create');
  const revoke = useMutationOp('wall.tokens.revoke');
  const [label, setLabel] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  // Not an administrator (or not allowed here): the section is not shown.
  if (list.error || !list.data) return null;
  // In web mode the page's own origin is the server's; over app:// (desktop) there is no URL.
  const baseUrl = client.transport === 'http' && /^https?:$/.test(location.protocol) ? location.origin : undefined;
  const made = create.data;
  const copy = (text: string) => void navigator.clipboard?.writeText(text).then(() => setCopied(text));

  return (
    <div className="wall-setup-tokens" data-testid="wall-tokens">
      <h3>{t('wall.setup.tokens')}</h3>
      <p className="muted">{t('wall.setup.tokensIntro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ label, baseUrl }, { onSuccess: () => setLabel('') });
        }}
      >
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('wall.setup.labelPlaceholder')} aria-label={t('wall.setup.label')} data-testid="wall-token-label" />
        <button className="primary" disabled={!label.trim() || create.isPending} data-testid="wall-token-create">
          {t('wall.setup.create')}
        </button>
      </form>
      {create.error && <p className="error">{t('common.error', { message: create.error.message })}</p>}
      {made && (
        <div className="wall-token-once" role="status" data-testid="wall-token-once">
          <strong>{t('wall.setup.onlyOnce')}</strong>
          {[made.url, ...made.lanUrls].filter((u): u is string => !!u).map((u, i) => (
            <div key={u}>
              {i === 1 && <span className="muted">{t('wall.setup.lan')}</span>}
              <code data-testid="wall-token-url">
                {u}
              </code>
              <button type="button" className="small" onClick={() => copy(u)}>
                {copied === u ? t('wall.setup.copied') : t('wall.setup.copy')}
              </button>
            </div>
          ))}
          {!made.url && (
            <div>
              <code data-testid="wall-token-value">
                {made.token}
              </code>{' '}
              <span className="muted">{t('wall.setup.noBase')}</span>
            </div>
          )}
        </div>
      )}
      {list.data.length === 0 ? (
        <p className="muted">{t('wall.setup.none')}</p>
      ) : (
        <ul className="plain">
          {list.data.map((tok) => (
            <li key={tok.id} data-testid="wall-token-row">
              <strong>{tok.label}</strong> <code className="muted">#{tok.fingerprint}</code>{' '}
              <span className="muted">{t('wall.setup.createdAt', { time: formatDateTime(tok.createdAt), by: tok.createdBy })}</span> ·{' '}
              {tok.revokedAt ? (
                <span className="muted">{t('wall.setup.revokedAt', { time: formatDateTime(tok.revokedAt) })}</span>
              ) : (
                <>
                  <span>{t('wall.setup.active')}</span>{' '}
                  <button type="button" className="small" onClick={() => revoke.mutate({ id: tok.id })}>
                    {t('wall.setup.revoke')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
