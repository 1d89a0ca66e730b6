import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioBaseline } from '../../../../shared/api/ops/scenarios';
import { addDays } from '../../../../shared/metrics';
import { formatDate, formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { CARE_TIERS, MAX_HORIZON, RESOURCES, type CareTier, type ScenarioInputs } from '../../../../shared/scenarios';
import { DayInput } from '../data/DayInput';
import { CasePathInput } from './CasePathInput';
import { NumberField } from './NumberField';
import { fromPercent, toPercent } from './numbers';
import { ReviewMark } from './ReviewMark';
import { issueAt, type Planner } from './usePlanner';

/** Every input of the planner; each change recomputes the result at once. */
export function PlannerForm({ planner, baseline }: { planner: Planner; baseline: ScenarioBaseline }) {
  const { t } = useTranslation();
  const { inputs, update } = planner;
  const set = (fn: (d: ScenarioInputs) => void) =>
    update((d) => {
      fn(d);
      return d;
    });
  const err = (path: string) => {
    const m = issueAt(planner.issues, path);
    return m ? <p className="error small">{m}</p> : null;
  };

  return (
    <div className="sc-form" data-testid="planner-form">
      <CasePathInput planner={planner} />
      <fieldset className="sc-fieldset">
        <legend>{t('scenarios.horizon.title')}</legend>
        <div className="sc-row">
          <label>
            {t('scenarios.horizon.start')}
            <DayInput value={inputs.startDate} onChange={(iso) => set((d) => void (d.startDate = iso))} testid="start-date" label={t('scenarios.horizon.start')} />
          </label>
          <label>
            {t('scenarios.horizon.days', { max: MAX_HORIZON })}
            <NumberField value={inputs.horizonDays} integer onChange={(v) => set((d) => void (d.horizonDays = v))} label={t('scenarios.horizon.daysLabel')} testId="horizon" />
          </label>
        </div>
        {err('horizonDays')}
        {err('startDate')}
      </fieldset>
      <TierParams planner={planner} set={set} err={err} />
      <Transfers planner={planner} set={set} err={err} />
      <StartAndCapacity planner={planner} baseline={baseline} set={set} err={err} />
      <Additions planner={planner} set={set} err={err} />
    </div>
  );
}

type Setter = (fn: (d: ScenarioInputs) => void) => void;
type Err = (path: string) => ReactNode;

function TierParams({ planner, set, err }: { planner: Planner; set: Setter; err: Err }) {
  const { t } = useTranslation();
  const p = planner.inputs.params;
  const total = CARE_TIERS.reduce((n, k) => n + p.split[k], 0);
  return (
    <fieldset className="sc-fieldset">
      <legend>{t('scenarios.tiers.title')}</legend>
      <table className="grid compact sc-params">
        <thead>
          <tr>
            <th>{t('scenarios.tiers.tier')}</th>
            <th className="num">{t('scenarios.tiers.split')}</th>
            <th className="num">{t('scenarios.tiers.los')}</th>
            <th className="num">{t('scenarios.tiers.oxygen')}</th>
          </tr>
        </thead>
        <tbody>
          {CARE_TIERS.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`scenarios.tier.${k}`)}</th>
              <td className="num">
                <NumberField value={toPercent(p.split[k])} digits={2} onChange={(v) => set((d) => void (d.params.split[k] = fromPercent(v)))} label={`${t('scenarios.tiers.split')} — ${t(`scenarios.tier.${k}`)}`} testId={`split-${k}`} invalid={!!issueAt(planner.issues, 'params.split')} />
                <ReviewMark id={`split.${k}`} />
              </td>
              <td className="num">
                <NumberField value={p.los[k]} integer onChange={(v) => set((d) => void (d.params.los[k] = v))} label={`${t('scenarios.tiers.los')} — ${t(`scenarios.tier.${k}`)}`} testId={`los-${k}`} />
                <ReviewMark id={`los.${k}`} />
              </td>
              <td className="num">
                <NumberField value={toPercent(p.oxygenShare[k])} digits={2} onChange={(v) => set((d) => void (d.params.oxygenShare[k] = fromPercent(v)))} label={`${t('scenarios.tiers.oxygen')} — ${t(`scenarios.tier.${k}`)}`} testId={`oxygen-${k}`} />
                <ReviewMark id={`oxygenShare.${k}`} />
              </td>
            </tr>
          ))}
          <tr className="sc-total">
            <th scope="row">{t('scenarios.tiers.total')}</th>
            <td className={`num ${Math.abs(total - 1) > 1e-6 ? 'error' : ''}`} data-testid="split-total">
              {formatNumber(toPercent(total), 'vi', 1)} %
            </td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
      {err('params.split')}
      {err('params.los')}
      {err('params.oxygenShare')}
      <label className="sc-inline">
        {t('scenarios.tiers.icu')}
        <NumberField value={toPercent(p.icuShare)} digits={2} onChange={(v) => set((d) => void (d.params.icuShare = fromPercent(v)))} label={t('scenarios.tiers.icu')} testId="icu-share" />
        %
        <ReviewMark id="icuShare" />
      </label>
      {err('params.icuShare')}
    </fieldset>
  );
}

function Transfers({ planner, set, err }: { planner: Planner; set: Setter; err: Err }) {
  const { t } = useTranslation();
  const routes = planner.inputs.params.transfers;
  return (
    <fieldset className="sc-fieldset">
      <legend>{t('scenarios.transfers.title')}</legend>
      <p className="muted small">
        {t('scenarios.transfers.help')} <ReviewMark id="transfers.0" />
      </p>
      <table className="grid compact sc-params">
        <thead>
          <tr>
            <th>{t('scenarios.transfers.from')}</th>
            <th>{t('scenarios.transfers.to')}</th>
            <th className="num">{t('scenarios.transfers.share')}</th>
            <th className="num">{t('scenarios.transfers.after')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {routes.map((r, k) => (
            <tr key={k} data-testid="transfer-row">
              {(['from', 'to'] as const).map((side) => (
                <td key={side}>
                  <select value={r[side]} onChange={(e) => set((d) => void (d.params.transfers[k]![side] = e.target.value as CareTier))} aria-label={t(`scenarios.transfers.${side}`)}>
                    {CARE_TIERS.map((c) => (
                      <option key={c} value={c}>
                        {t(`scenarios.tier.${c}`)}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
              <td className="num">
                <NumberField value={toPercent(r.share)} digits={2} onChange={(v) => set((d) => void (d.params.transfers[k]!.share = fromPercent(v)))} label={t('scenarios.transfers.share')} className="narrow" />
              </td>
              <td className="num">
                <NumberField value={r.afterDays} integer onChange={(v) => set((d) => void (d.params.transfers[k]!.afterDays = v))} label={t('scenarios.transfers.after')} className="narrow" />
              </td>
              <td>
                <button type="button" className="small" onClick={() => set((d) => void d.params.transfers.splice(k, 1))} aria-label={t('scenarios.remove')}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => set((d) => void d.params.transfers.push({ from: 't2', to: 't3', share: 0, afterDays: 3 }))}>
        {t('scenarios.transfers.add')}
      </button>
      {err('params.transfers')}
    </fieldset>
  );
}

function StartAndCapacity({ planner, baseline, set, err }: { planner: Planner; baseline: ScenarioBaseline; set: Setter; err: Err }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { start, capacity } = planner.inputs;
  const notReporting = baseline.tiers.filter((x) => x.reporting < x.facilities);
  const day0 = { icu: planner.result.demand.icu[0]!, oxygen: planner.result.demand.oxygen[0]! };
  return (
    <fieldset className="sc-fieldset">
      <legend>{t('scenarios.start.title')}</legend>
      <p className="muted small" data-testid="baseline-source">
        {t('scenarios.start.source', {
          status: baseline.statusAsOf ? formatDateTime(baseline.statusAsOf) : '–',
          home: formatDate(baseline.homeAsOf),
        })}
        {notReporting.map((x) => (
          <span key={x.tier} className="warning">
            {' '}
            {t('scenarios.start.notReporting', { tier: x.tier, reporting: x.reporting, facilities: x.facilities })}
          </span>
        ))}
      </p>
      {baseline.tiers.every((x) => x.facilities === 0) && (
        <p className="warning" data-testid="no-registry">
          {t('scenarios.start.noRegistry')}
        </p>
      )}
      <p className="small" data-testid="day0-check">
        {t('scenarios.start.day0', {
          icu: formatNumber(day0.icu, lang),
          oxygen: formatNumber(day0.oxygen, lang),
          icuNow: formatNumber(baseline.inUse.icu, lang),
          oxygenNow: formatNumber(baseline.inUse.oxygen, lang),
        })}
      </p>
      <div className="sc-grid-2">
        <div>
          <h4>{t('scenarios.start.occupied')}</h4>
          {CARE_TIERS.map((k) => (
            <label key={k} className="sc-inline">
              <span>{t(`scenarios.tier.${k}`)}</span>
              <NumberField value={start[k]} onChange={(v) => set((d) => void (d.start[k] = v))} label={`${t('scenarios.start.occupied')} — ${t(`scenarios.tier.${k}`)}`} testId={`start-${k}`} />
            </label>
          ))}
        </div>
        <div>
          <h4>{t('scenarios.start.capacity')}</h4>
          {RESOURCES.map((r) => (
            <label key={r} className="sc-inline">
              <span>{t(`scenarios.resource.${r}`)}</span>
              <NumberField value={capacity[r]} onChange={(v) => set((d) => void (d.capacity[r] = v))} label={`${t('scenarios.start.capacity')} — ${t(`scenarios.resource.${r}`)}`} testId={`capacity-${r}`} />
            </label>
          ))}
        </div>
      </div>
      <button
        type="button"
        className="small"
        onClick={() =>
          set((d) => {
            d.start = { ...baseline.start };
            d.capacity = { ...baseline.capacity };
            d.startDate = baseline.startDate;
          })
        }
        data-testid="reset-baseline"
      >
        {t('scenarios.start.reset')}
      </button>
      {err('start')}
      {err('capacity')}
    </fieldset>
  );
}

function Additions({ planner, set, err }: { planner: Planner; set: Setter; err: Err }) {
  const { t } = useTranslation();
  const { additions, startDate } = planner.inputs;
  return (
    <fieldset className="sc-fieldset">
      <legend>{t('scenarios.additions.title')}</legend>
      {additions.length === 0 && <p className="muted small">{t('scenarios.additions.none')}</p>}
      {additions.length > 0 && (
        <div className="table-scroll">
          <table className="grid compact sc-params">
            <thead>
              <tr>
                <th>{t('scenarios.additions.date')}</th>
                <th>{t('scenarios.additions.label')}</th>
                {RESOURCES.map((r) => (
                  <th key={r} className="num">
                    {t(`scenarios.resourceShort.${r}`)}
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {additions.map((a, k) => (
                <tr key={k} data-testid="addition-row">
                  <td>
                    <DayInput value={a.date} onChange={(iso) => set((d) => void (d.additions[k]!.date = iso))} label={t('scenarios.additions.date')} testid={`addition-date-${k}`} />
                  </td>
                  <td>
                    <input value={a.label} onChange={(e) => set((d) => void (d.additions[k]!.label = e.target.value))} aria-label={t('scenarios.additions.label')} data-testid={`addition-label-${k}`} />
                  </td>
                  {RESOURCES.map((r) => (
                    <td key={r} className="num">
                      <NumberField value={a[r]} onChange={(v) => set((d) => void (d.additions[k]![r] = v))} label={`${t('scenarios.additions.title')} — ${t(`scenarios.resource.${r}`)}`} testId={`addition-${r}-${k}`} className="narrow" />
                    </td>
                  ))}
                  <td>
                    <button type="button" className="small" onClick={() => set((d) => void d.additions.splice(k, 1))} aria-label={t('scenarios.remove')}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button
        type="button"
        className="small"
        onClick={() => set((d) => void d.additions.push({ date: addDays(startDate, 7), label: t('scenarios.additions.newLabel'), t1: 0, t2: 0, t3: 0, icu: 0, oxygen: 0 }))}
        data-testid="addition-add"
      >
        {t('scenarios.additions.add')}
      </button>
      {err('additions')}
    </fieldset>
  );
}
