import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import type { ThresholdRowOut } from '../../../../shared/api/ops/settings';
import { formatNumber, type Lang } from '../../../../shared/format';

const STATUS_CLASS: Record<ThresholdRowOut['status'], string> = {
  CONFIRMED: 'st-confirmed',
  REPORTED: 'st-reported',
  IMPLIED: 'st-implied',
  UNCONFIRMED: 'st-unconfirmed',
};

/**
 * The epidemic-level threshold table: every value with its source and confirmation
 * status. Values that are not confirmed by the official text are defaults to review;
 * an administrator can change them (validated by the core) or go back to the defaults.
 */
export function LevelThresholds() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const config = useOp('levels.config', {});
  const save = useMutationOp('levels.setOverrides');
  const [onlyReview, setOnlyReview] = useState(true);
  const [edits, setEdits] = useState<Record<string, string>>({});

  const rows = useMemo(() => (config.data?.rows ?? []).filter((r) => !onlyReview || r.reviewRequired), [config.data, onlyReview]);
  const toReview = config.data?.rows.filter((r) => r.reviewRequired).length ?? 0;

  const submit = () => {
    const thresholds: Record<string, { value: number }> = {};
    for (const [id, text] of Object.entries(edits)) thresholds[id] = { value: Number(text.replace(',', '.')) };
    // Keep earlier overrides: start from every overridden row's current value.
    for (const r of config.data?.rows ?? []) if (r.overridden && !(r.id in thresholds) && r.kind === 'number') thresholds[r.id] = { value: r.value as number };
    save.mutate({ overrides: { ruleSet: config.data?.ruleSet ?? 'auto', thresholds } }, { onSuccess: () => setEdits({}) });
  };

  return (
    <div className="card" data-testid="level-thresholds">
      <h2>{t('settings.levels.title')}</h2>
      <p className="muted">{t('settings.levels.intro', { count: toReview })}</p>
      <label className="inline">
        <input type="checkbox" checked={onlyReview} onChange={(e) => setOnlyReview(e.target.checked)} /> {t('settings.levels.onlyReview')}
      </label>
      <table className="grid thresholds">
        <thead>
          <tr>
            <th>{t('settings.levels.threshold')}</th>
            <th className="num">{t('settings.levels.value')}</th>
            <th>{t('settings.levels.status')}</th>
            <th>{t('settings.levels.sources')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`threshold-${r.id}`}>
              <td>
                <div>{lang === 'en' ? r.labelEn : r.labelVi}</div>
                {r.note && <div className="muted small">{r.note}</div>}
              </td>
              <td className="num">
                {r.kind === 'number' ? (
                  <input
                    className="num-input"
                    aria-label={r.id}
                    value={edits[r.id] ?? formatNumber(r.value as number, lang, Number.isInteger(r.value) ? 0 : 2)}
                    onChange={(e) => setEdits({ ...edits, [r.id]: e.target.value })}
                  />
                ) : (
                  String(r.value)
                )}
              </td>
              <td>
                <span className={`status ${STATUS_CLASS[r.status]}`}>{t(`settings.levels.st.${r.status}`)}</span>
                {r.overridden && <span className="status st-overridden">{t('settings.levels.overridden')}</span>}
              </td>
              <td className="small">{r.sources.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button className="primary" disabled={Object.keys(edits).length === 0 || save.isPending} onClick={submit}>
          {t('settings.levels.save')}
        </button>
        <button onClick={() => save.mutate({ overrides: {} })}>{t('settings.levels.reset')}</button>
      </div>
      {save.error && <p className="error">{t('common.error', { message: save.error.message })}</p>}
    </div>
  );
}
