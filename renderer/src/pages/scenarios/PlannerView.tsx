import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioBaseline } from '../../../../shared/api/ops/scenarios';
import { formatDate, formatNumber, type Lang } from '../../../../shared/format';
import { csvFileName, PRESETS, scenarioCsv, scenarioInputs, type PresetId } from '../../../../shared/scenarios';
import { useMutationOp, useOp } from '../../api/hooks';
import { Link } from '../../router';
import { downloadText } from './download';
import { PlannerForm } from './PlannerForm';
import { DailyTable, ResourceCards, ResourceCharts } from './ResultsView';
import type { Planner } from './usePlanner';

/** Tab "Lập kịch bản": presets, the inputs, the live result, save and export. */
export function PlannerView({ planner, baseline, warnPct }: { planner: Planner; baseline: ScenarioBaseline; warnPct: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { result, inputs } = planner;
  const [showTable, setShowTable] = useState(false);
  const full = result.summary.filter((s) => s.firstFullDay !== null).sort((a, b) => a.firstFullDay! - b.firstFullDay!);

  return (
    <div className="sc-planner">
      <div className="sc-presets" role="group" aria-label={t('scenarios.presets')}>
        <span className="muted">{t('scenarios.presets')}:</span>
        {(Object.keys(PRESETS) as PresetId[]).map((id) => (
          <button key={id} type="button" className={inputs.preset === id ? 'primary' : ''} aria-pressed={inputs.preset === id} onClick={() => planner.loadPreset(id, lang)} data-testid={`preset-${id}`}>
            {lang === 'en' ? PRESETS[id].nameEn : PRESETS[id].nameVi}
          </button>
        ))}
        <span className="muted small">{t('scenarios.presetNote')}</span>
      </div>
      <div className="sc-layout">
        <PlannerForm planner={planner} baseline={baseline} />
        <div className="sc-results" data-testid="planner-results">
          <p className="sc-headline" data-testid="headline">
            {full.length === 0
              ? t('scenarios.headline.none', { cases: formatNumber(result.totalCases / inputs.horizonDays, lang), days: inputs.horizonDays })
              : t('scenarios.headline.first', {
                  resource: t(`scenarios.resource.${full[0]!.resource}`),
                  date: formatDate(full[0]!.firstFullDate),
                  day: full[0]!.firstFullDay,
                })}
          </p>
          {planner.stale && (
            <p className="warning" data-testid="stale-result">
              {t('scenarios.stale')}
            </p>
          )}
          <ResourceCards result={result} warnPct={warnPct} horizon={inputs.horizonDays} />
          <p className="small muted">{t('scenarios.homeNote', { peak: formatNumber(result.homePeak, lang) })}</p>
          <ResourceCharts result={result} />
          <SaveBar planner={planner} />
          <button type="button" className="small" onClick={() => setShowTable((s) => !s)} aria-expanded={showTable} data-testid="toggle-table">
            {showTable ? t('scenarios.table.hide') : t('scenarios.table.show', { days: inputs.horizonDays + 1 })}
          </button>
          {showTable && <DailyTable result={result} />}
          <ModelNote />
        </div>
      </div>
    </div>
  );
}

function SaveBar({ planner }: { planner: Planner }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { meta } = planner;
  const tasks = useOp('tasks.list', {});
  const directives = useOp('directives.list', {});
  const save = useMutationOp('scenarios.save');
  const [saved, setSaved] = useState<string | null>(null);
  const codeOf = new Map((directives.data ?? []).map((d) => [d.id, d.code]));
  const taskOptions = [...(tasks.data ?? [])]
    .filter((x) => x.status !== 'cancelled')
    .sort((a, b) => (codeOf.get(a.directiveId ?? '') ?? '').localeCompare(codeOf.get(b.directiveId ?? '') ?? '') || a.title.localeCompare(b.title, 'vi'));
  const linked = meta.taskId ? tasks.data?.find((x) => x.id === meta.taskId) : undefined;

  const doSave = (asNew: boolean) => {
    const parsed = scenarioInputs.safeParse(planner.inputs);
    if (!parsed.success) return;
    save.mutate(
      { id: asNew ? undefined : (meta.id ?? undefined), name: meta.name, note: meta.note, taskId: meta.taskId, inputs: parsed.data },
      {
        onSuccess: (s) => {
          planner.setMeta({ id: s.id });
          setSaved(s.name);
        },
      },
    );
  };
  const exportCsv = () => downloadText(csvFileName(meta.name, planner.inputs.startDate), scenarioCsv(planner.result, lang, meta.name));

  return (
    <section className="card sc-save" aria-label={t('scenarios.save.title')} data-testid="save-bar">
      <div className="sc-row">
        <label className="grow">
          {t('scenarios.save.name')}
          <input value={meta.name} onChange={(e) => planner.setMeta({ name: e.target.value })} data-testid="scenario-name" maxLength={200} />
        </label>
        <label className="grow">
          {t('scenarios.save.task')}
          <select value={meta.taskId ?? ''} onChange={(e) => planner.setMeta({ taskId: e.target.value || null })} data-testid="scenario-task">
            <option value="">{t('scenarios.save.noTask')}</option>
            {taskOptions.map((x) => (
              <option key={x.id} value={x.id}>
                {[codeOf.get(x.directiveId ?? ''), x.title].filter(Boolean).join(' · ')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('scenarios.save.note')}
        <input value={meta.note} onChange={(e) => planner.setMeta({ note: e.target.value })} data-testid="scenario-note" maxLength={2000} />
      </label>
      <div className="button-row">
        <button type="button" className="primary" disabled={planner.stale || save.isPending || meta.name.trim() === ''} onClick={() => doSave(false)} data-testid="scenario-save">
          {meta.id ? t('scenarios.save.update') : t('scenarios.save.save')}
        </button>
        {meta.id && (
          <button type="button" disabled={planner.stale || save.isPending} onClick={() => doSave(true)} data-testid="scenario-save-new">
            {t('scenarios.save.saveNew')}
          </button>
        )}
        <button type="button" onClick={exportCsv} disabled={planner.stale} data-testid="scenario-export">
          {t('scenarios.save.export')}
        </button>
        {linked && (
          <Link to={`/tasks?task=${linked.id}`} className="sc-task-link" data-testid="scenario-task-link">
            {t('scenarios.save.openTask', { title: linked.title })}
          </Link>
        )}
      </div>
      {save.error && <p className="error">{t('common.error', { message: save.error.message })}</p>}
      {saved && !save.isPending && !save.error && (
        <p className="sc-saved" role="status" data-testid="saved-message">
          {t('scenarios.save.done', { name: saved })}
        </p>
      )}
    </section>
  );
}

function ModelNote() {
  const { t } = useTranslation();
  return (
    <details className="sc-method" data-testid="model-note">
      <summary>{t('scenarios.model.title')}</summary>
      <ul>
        {(['flow', 'los', 'start', 'derived', 'unconstrained', 'defaults'] as const).map((k) => (
          <li key={k}>{t(`scenarios.model.${k}`)}</li>
        ))}
      </ul>
    </details>
  );
}
