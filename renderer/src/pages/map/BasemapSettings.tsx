import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp } from '../../api/hooks';
import { mapSettings, type MapSettings } from '../../../../shared/api/ops/map';

/**
 * The optional online basemap, a SHARED setting (map.settings.set, admin only). Validated
 * here with the contract's own schema so the operator sees the field error before saving.
 */
export function BasemapSettings({ settings }: { settings: MapSettings }) {
  const { t } = useTranslation();
  const save = useMutationOp('map.settings.set');
  const [draft, setDraft] = useState(settings.basemap);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(settings.basemap), [settings]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = mapSettings.safeParse({ basemap: draft });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setError(`${issue.path.at(-1) === 'url' ? t('map.basemap.url') : String(issue.path.at(-1) ?? '')}: ${issue.message}`);
      return;
    }
    setError(null);
    save.mutate(parsed.data, { onError: (err) => setError((err as Error).message) });
  };

  return (
    <details className="basemap-settings" data-testid="basemap-settings">
      <summary>{t('map.basemap.title')}</summary>
      <p className="muted">{t('map.basemap.intro')}</p>
      <form className="form" onSubmit={submit}>
        <label className="inline">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
          {t('map.basemap.enabled')}
        </label>
        <label>
          {t('map.basemap.url')}
          <input type="url" value={draft.url} placeholder="https://…/{z}/{x}/{y}.png" onChange={(e) => setDraft({ ...draft, url: e.target.value })} />
        </label>
        <label>
          {t('map.basemap.attribution')}
          <input type="text" value={draft.attribution} onChange={(e) => setDraft({ ...draft, attribution: e.target.value })} />
        </label>
        <label>
          {t('map.basemap.maxZoom')}
          <input type="number" min={1} max={22} value={draft.maxZoom} onChange={(e) => setDraft({ ...draft, maxZoom: Number(e.target.value) })} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {save.isSuccess && !error && <p role="status">{t('map.basemap.saved')}</p>}
        <p className="muted">{t('map.basemap.restartNote')}</p>
        <div className="button-row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('map.basemap.save')}
          </button>
        </div>
      </form>
    </details>
  );
}
