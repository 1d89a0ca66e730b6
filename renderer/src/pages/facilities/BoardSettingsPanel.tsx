import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSettings } from '../../../../shared/api/ops/boards';
import { useMutationOp, useOp } from '../../api/hooks';

const FIELDS = ['warnPct', 'criticalPct', 'staleAfterHours', 'mobileStationF0Benchmark', 'dueSoonDays'] as const;

/**
 * The shared board settings (thresholds, staleness, station benchmark, due-soon days).
 * Defaults that still need review say so, with where they come from.
 */
export function BoardSettingsPanel({ fields = FIELDS }: { fields?: ReadonlyArray<(typeof FIELDS)[number]> }) {
  const { t } = useTranslation();
  const settings = useOp('boards.settings', {});
  const save = useMutationOp('boards.updateSettings');
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings.data) setDraft(Object.fromEntries(FIELDS.map((k) => [k, String(settings.data.values[k])])));
  }, [settings.data]);

  if (!settings.data) return <p>{t('common.loading')}</p>;
  const { values, defaults, toReview, sources } = settings.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const patch: Partial<BoardSettings> = {};
    for (const k of fields) {
      const v = Number(draft[k]?.replace(',', '.'));
      if (draft[k] !== String(values[k])) patch[k] = v;
    }
    save.mutate(patch, { onSuccess: () => setSaved(true) });
  };

  const issue = (k: string) => (save.error as { issues?: { path: string; message: string }[] } | null)?.issues?.find((i) => i.path === k)?.message;
  return (
    <form className="board-settings" onSubmit={submit} data-testid="board-settings">
      {fields.map((k) => (
        <label key={k}>
          <span>
            {t(`facilities.settings.${k}`)}
            {toReview.includes(k) && (
              <span className="badge review" title={sources[k]}>
                {t('facilities.settings.toReview')}
              </span>
            )}
          </span>
          <input
            inputMode="numeric"
            value={draft[k] ?? ''}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            aria-invalid={issue(k) ? true : undefined}
            aria-describedby={`setting-src-${k}`}
            data-testid={`setting-${k}`}
          />
          <small id={`setting-src-${k}`} className="muted">
            {t('facilities.settings.default', { value: defaults[k] })} — {sources[k]}
          </small>
          {issue(k) && <small className="error">{issue(k)}</small>}
        </label>
      ))}
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('facilities.settings.save')}
        </button>
        {saved && <span role="status">{t('facilities.settings.saved')}</span>}
        {save.error && <span className="error" role="alert">{save.error.message}</span>}
      </div>
    </form>
  );
}
