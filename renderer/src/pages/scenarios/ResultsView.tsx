import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, type Lang } from '../../../../shared/format';
import { RESOURCES, type Resource, type ResourceSummary, type ScenarioResult } from '../../../../shared/scenarios';
import { LineChart, Meter } from '../../components/charts';

/** Card level of a resource: full within the horizon → critical; peak at or over the warning share → warn. */
export function summaryLevel(s: ResourceSummary, warnPct: number): 'ok' | 'warn' | 'critical' {
  if (s.firstFullDay !== null) return 'critical';
  const cap = Math.max(s.capacityStart, s.capacityEnd);
  return cap > 0 && (s.peakDemand / cap) * 100 >= warnPct ? 'warn' : 'ok';
}

/** One card per resource: peak need against capacity, the day it runs out, the shortfall. */
export function ResourceCards({ result, warnPct, horizon }: { result: ScenarioResult; warnPct: number; horizon: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="sc-cards" data-testid="resource-cards">
      {result.summary.map((s) => {
        const level = summaryLevel(s, warnPct);
        const cap = s.peakDay === 0 ? s.capacityStart : result.capacity[s.resource][s.peakDay]!;
        const pct = cap > 0 ? (s.peakDemand / cap) * 100 : null;
        return (
          <article key={s.resource} className={`card sc-card level-${level}`} data-testid={`card-${s.resource}`} data-level={level}>
            <h3>{t(`scenarios.resource.${s.resource}`)}</h3>
            <p className="sc-peak">
              <strong>{formatNumber(s.peakDemand, lang)}</strong>
              <span className="muted"> / {formatNumber(cap, lang)}</span>
            </p>
            <Meter pct={pct} level={level} label={t(`scenarios.resource.${s.resource}`)} />
            <p className="small muted">{t('scenarios.card.peakOn', { date: formatDate(s.peakDate), day: s.peakDay })}</p>
            {s.firstFullDay !== null ? (
              <p className="sc-full" data-testid={`full-${s.resource}`}>
                {t('scenarios.card.fullOn', { date: formatDate(s.firstFullDate), day: s.firstFullDay })}
              </p>
            ) : (
              <p className="sc-ok" data-testid={`full-${s.resource}`}>
                {t('scenarios.card.notFull', { days: horizon })}
              </p>
            )}
            {s.shortfall > 0 && (
              <p className="sc-short" data-testid={`short-${s.resource}`}>
                {t('scenarios.card.shortfall', { value: formatNumber(Math.ceil(s.shortfall), lang), days: s.daysOverCapacity })}
              </p>
            )}
          </article>
        );
      })}
    </div>
  );
}

const COLOURS: Record<Resource, string> = { t1: 'var(--chart-4)', t2: 'var(--chart-1)', t3: 'var(--chart-3)', icu: 'var(--chart-2)', oxygen: 'var(--chart-1)' };

/** Need against capacity per resource, with a rule on the day it runs out. */
export function ResourceCharts({ result }: { result: ScenarioResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="sc-charts">
      {RESOURCES.map((r) => {
        const s = result.summary.find((x) => x.resource === r)!;
        return (
          <div key={r} className="sc-chart">
            <h3>{t(`scenarios.resource.${r}`)}</h3>
            <LineChart
              testId={`chart-${r}`}
              dates={result.dates}
              width={440}
              height={210}
              title={t(`scenarios.resource.${r}`)}
              description={t('scenarios.chart.description', { resource: t(`scenarios.resource.${r}`) })}
              formatY={(v) => formatNumber(v, lang)}
              series={[
                { key: 'need', label: t('scenarios.chart.need', { resource: t(`scenarios.resource.${r}`) }), values: result.demand[r], colour: COLOURS[r] },
                { key: 'capacity', label: t('scenarios.chart.capacity'), values: result.capacity[r], colour: 'var(--muted)', dashed: true },
              ]}
              markers={s.firstFullDay !== null ? [{ index: s.firstFullDay, label: t('scenarios.chart.full', { date: formatDate(s.firstFullDate).slice(0, 5) }), colour: 'var(--level-critical)' }] : []}
            />
          </div>
        );
      })}
    </div>
  );
}

/** Day-by-day table: need and capacity of every resource; cells over capacity are marked. */
export function DailyTable({ result }: { result: ScenarioResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v), lang);
  return (
    <div className="table-scroll sc-daily" data-testid="daily-table">
      <table className="grid compact">
        <thead>
          <tr>
            <th>{t('scenarios.table.day')}</th>
            <th>{t('scenarios.table.date')}</th>
            <th className="num">{t('scenarios.table.newCases')}</th>
            <th className="num">{t('scenarios.tier.home')}</th>
            {RESOURCES.map((r) => (
              <th key={r} className="num" colSpan={2}>
                {t(`scenarios.resourceShort.${r}`)} <span className="muted">({t('scenarios.table.needOfCap')})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.dates.map((date, d) => (
            <tr key={date}>
              <td className="num">{d}</td>
              <td>{formatDate(date)}</td>
              <td className="num">{n(result.newCases[d] ?? null)}</td>
              <td className="num">{n(result.tiers.home.demand[d]!)}</td>
              {RESOURCES.map((r) => {
                const need = result.demand[r][d]!;
                const cap = result.capacity[r][d]!;
                const over = need > cap + 1e-9;
                return [
                  <td key={`${r}n`} className={`num ${over ? 'sc-over' : ''}`} data-over={over || undefined}>
                    {n(need)}
                  </td>,
                  <td key={`${r}c`} className="num muted">
                    {n(cap)}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
