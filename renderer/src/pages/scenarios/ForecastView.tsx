import { useTranslation } from 'react-i18next';
import type { BacktestOut, ForecastSummaryRow, UnitForecastOut } from '../../../../shared/api/ops/scenarios';
import { formatDate, formatNumber, formatPercent, type Lang } from '../../../../shared/format';
import { useOp } from '../../api/hooks';
import { LineChart } from '../../components/charts';

/** A growth share with its sign, rounded first so a tiny fall never reads "-0 %". */
export function signedPercent(share: number | null, lang: Lang): string {
  if (share === null || !Number.isFinite(share)) return '–';
  const pct = Math.round(share * 100);
  return `${pct > 0 ? '+' : ''}${formatNumber(pct === 0 ? 0 : pct, lang)} %`;
}

/**
 * Tab "Dự báo ca mắc": the 14-day forecast of the city or a district with its 80 % and
 * 95 % intervals, and — always next to it — how well the same method did on the past
 * (MAPE against the "last week repeats" baseline, and how often the intervals held).
 */
export function ForecastView({ unitCode, onUnit, onUse }: { unitCode: string; onUnit: (code: string) => void; onUse: () => void }) {
  const { t } = useTranslation();
  const summary = useOp('scenarios.forecastSummary', {});
  const fc = useOp('scenarios.forecast', { unitCode });
  const rows = summary.data?.rows ?? [];
  return (
    <div className="sc-forecast" data-testid="forecast-view">
      <div className="sc-row">
        <label>
          {t('scenarios.forecast.unit')}
          <select value={unitCode} onChange={(e) => onUnit(e.target.value)} data-testid="forecast-unit">
            {rows.length === 0 && <option value="01">Hà Nội</option>}
            {rows.map((r) => (
              <option key={r.unitCode} value={r.unitCode}>
                {r.level === 'province' ? t('scenarios.forecast.city', { name: r.name }) : r.name}
              </option>
            ))}
          </select>
        </label>
        {unitCode === '01' && fc.data?.forecast && (
          <button type="button" onClick={onUse} data-testid="forecast-use">
            {t('scenarios.forecast.use')}
          </button>
        )}
      </div>
      {fc.error && <p className="error">{t('common.error', { message: fc.error.message })}</p>}
      {!fc.data && !fc.error && <p>{t('common.loading')}</p>}
      {fc.data && <UnitForecast data={fc.data} />}
      <MethodNote />
      {summary.data && <SummaryTable rows={rows} selected={unitCode} onUnit={onUnit} />}
    </div>
  );
}

function UnitForecast({ data }: { data: UnitForecastOut }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const f = data.forecast;
  const h = data.history;
  const days = f?.days ?? [];
  const dates = [...h.dates, ...days.map((d) => d.date)];
  const pad = (xs: ReadonlyArray<number | null>, before: number, after: number) => [...Array(before).fill(null), ...xs, ...Array(after).fill(null)];
  // The forecast line starts at the last 7-day average so it joins the history.
  const joinAt = h.dates.length - 1;
  const lastAvg = h.avg7[joinAt] ?? null;
  const fcLine = (k: 'point' | 'lo80' | 'hi80' | 'lo95' | 'hi95') => [...Array(joinAt).fill(null), k === 'point' ? lastAvg : null, ...days.map((d) => d[k])];
  const day14 = days[days.length - 1];
  return (
    <section className="card" data-testid="forecast-unit-card">
      <h2>
        {t('scenarios.forecast.heading', { name: data.name, from: formatDate(days[0]?.date), to: formatDate(day14?.date) })}
      </h2>
      {!f ? (
        <p className="warning" data-testid="forecast-none">
          {data.reason}
        </p>
      ) : (
        <>
          <p className="lead" data-testid="forecast-lead">
            {t('scenarios.forecast.lead', {
              asOf: formatDate(data.asOf),
              growth: signedPercent(f.weeklyGrowth, lang),
              point: formatNumber(day14!.point, lang),
              lo: formatNumber(day14!.lo80, lang),
              hi: formatNumber(day14!.hi80, lang),
              lo95: formatNumber(day14!.lo95, lang),
              hi95: formatNumber(day14!.hi95, lang),
            })}
          </p>
          <LineChart
            testId="forecast-chart"
            dates={dates}
            height={260}
            title={t('scenarios.forecast.chartTitle', { name: data.name })}
            formatY={(v) => formatNumber(v, lang)}
            bands={[
              { key: 'pi95', label: t('scenarios.forecast.pi95'), lower: fcLine('lo95'), upper: fcLine('hi95'), colour: 'var(--chart-1)', opacity: 0.12 },
              { key: 'pi80', label: t('scenarios.forecast.pi80'), lower: fcLine('lo80'), upper: fcLine('hi80'), colour: 'var(--chart-1)', opacity: 0.22 },
            ]}
            series={[
              { key: 'daily', label: t('scenarios.forecast.daily'), values: pad(h.values, 0, days.length), colour: 'var(--muted)' },
              { key: 'avg7', label: t('scenarios.forecast.avg7'), values: pad(h.avg7, 0, days.length), colour: 'var(--chart-2)' },
              { key: 'forecast', label: t('scenarios.forecast.point'), values: fcLine('point'), colour: 'var(--chart-1)', dashed: true },
            ]}
            markers={[{ index: joinAt, label: t('scenarios.forecast.asOfMark', { date: formatDate(data.asOf).slice(0, 5) }) }]}
          />
        </>
      )}
      <BacktestPanel b={data.backtest} horizon={data.method.horizon} />
    </section>
  );
}

function BacktestPanel({ b, horizon }: { b: BacktestOut; horizon: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (b.origins === 0) return <p className="muted" data-testid="backtest">{t('scenarios.forecast.noBacktest')}</p>;
  const naiveBetter = b.mape !== null && b.mapeNaive !== null && b.mapeNaive < b.mape;
  const pct = (x: number | null) => (x === null ? '–' : `${formatNumber(x, lang, 0)} %`);
  return (
    <div className="sc-backtest" data-testid="backtest">
      <h3>{t('scenarios.forecast.backtestTitle', { origins: b.origins, horizon })}</h3>
      <dl className="sc-facts">
        <dt>{t('scenarios.forecast.mape')}</dt>
        <dd data-testid="mape">{pct(b.mape)}</dd>
        <dt>{t('scenarios.forecast.mapeNaive')}</dt>
        <dd data-testid="mape-naive">{pct(b.mapeNaive)}</dd>
        <dt>{t('scenarios.forecast.coverage80')}</dt>
        <dd data-testid="coverage80" className={b.coverage80 !== null && b.coverage80 < 0.7 ? 'warning' : ''}>
          {formatPercent(b.coverage80, lang, 0)}
        </dd>
        <dt>{t('scenarios.forecast.coverage95')}</dt>
        <dd data-testid="coverage95" className={b.coverage95 !== null && b.coverage95 < 0.85 ? 'warning' : ''}>
          {formatPercent(b.coverage95, lang, 0)}
        </dd>
      </dl>
      <p className="small muted">{t('scenarios.forecast.backtestNote', { pairs: formatNumber(b.pairs, lang), zeros: b.zeroActuals })}</p>
      {naiveBetter && (
        <p className="warning" data-testid="naive-better">
          {t('scenarios.forecast.naiveBetter')}
        </p>
      )}
    </div>
  );
}

function MethodNote() {
  const { t } = useTranslation();
  return (
    <details className="sc-method" data-testid="forecast-method">
      <summary>{t('scenarios.forecast.methodTitle')}</summary>
      <ul>
        {(['fit', 'damped', 'intervals', 'backtest', 'baseline', 'limits'] as const).map((k) => (
          <li key={k}>{t(`scenarios.forecast.method.${k}`)}</li>
        ))}
      </ul>
    </details>
  );
}

function SummaryTable({ rows, selected, onUnit }: { rows: ForecastSummaryRow[]; selected: string; onUnit: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const n = (v: number | null | undefined) => formatNumber(v ?? null, lang);
  const range = (x: { lo80: number; hi80: number } | null) => (x ? `${n(x.lo80)}–${n(x.hi80)}` : '–');
  const pct = (x: number | null) => (x === null ? '–' : `${formatNumber(x, lang, 0)} %`);
  return (
    <section className="card" aria-label={t('scenarios.forecast.tableTitle')}>
      <h2>{t('scenarios.forecast.tableTitle')}</h2>
      <div className="table-scroll">
        <table className="grid compact sc-fc-table" data-testid="forecast-table">
          <thead>
            <tr>
              <th>{t('scenarios.forecast.col.unit')}</th>
              <th className="num">{t('scenarios.forecast.col.avg7')}</th>
              <th className="num">{t('scenarios.forecast.col.day7')}</th>
              <th className="num">{t('scenarios.forecast.col.day14')}</th>
              <th className="num">{t('scenarios.forecast.col.range14')}</th>
              <th className="num">{t('scenarios.forecast.col.total14')}</th>
              <th className="num">{t('scenarios.forecast.col.growth')}</th>
              <th className="num">{t('scenarios.forecast.col.mape')}</th>
              <th className="num">{t('scenarios.forecast.col.mapeNaive')}</th>
              <th className="num">{t('scenarios.forecast.col.coverage80')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitCode} className={r.unitCode === selected ? 'sc-selected' : ''}>
                <td>
                  <button type="button" className="link-button" onClick={() => onUnit(r.unitCode)}>
                    {r.level === 'province' ? t('scenarios.forecast.city', { name: r.name }) : r.name}
                  </button>
                </td>
                <td className="num">{n(r.last7Avg)}</td>
                <td className="num">{n(r.day7?.point)}</td>
                <td className="num">{n(r.day14?.point)}</td>
                <td className="num muted">{range(r.day14)}</td>
                <td className="num">{n(r.total14)}</td>
                <td className="num">{signedPercent(r.weeklyGrowth, lang)}</td>
                <td className={`num ${r.mape !== null && r.mapeNaive !== null && r.mapeNaive < r.mape ? 'muted' : ''}`}>{pct(r.mape)}</td>
                <td className="num">{pct(r.mapeNaive)}</td>
                <td className="num">{formatPercent(r.coverage80, lang, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
