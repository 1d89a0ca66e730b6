import { useMemo, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SavedScenarioOut } from '../../../../shared/api/ops/scenarios';
import { formatDate, formatDateTime, formatNumber, type Lang } from '../../../../shared/format';
import { expandCasePath, RESOURCES, runScenario, type CasePath } from '../../../../shared/scenarios';
import { useApiClient, useMutationOp, useOp } from '../../api/hooks';
import { LineChart } from '../../components/charts';
import { Link } from '../../router';
import { downloadText } from './download';

const COMPARE_COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];
export const MAX_COMPARE = 4;

/** "3.000 ca/ngày", "tăng dần 1.000 → 4.000 trong 30 ngày", "nhập 45 ngày", "dự báo …". */
export function pathLabel(p: CasePath, t: TFunction, lang: Lang): string {
  const n = (v: number) => formatNumber(v, lang);
  if (p.kind === 'constant') return t('scenarios.path.label.constant', { value: n(p.perDay) });
  if (p.kind === 'ramp') return t('scenarios.path.label.ramp', { from: n(p.from), to: n(p.to), days: p.days });
  return t(`scenarios.path.label.${p.source}`, { n: p.values.length, note: p.note });
}

/** Tab "Kịch bản đã lưu": the list (open, export, delete, pick for comparison) and the comparison. */
export function SavedView({ compare, onCompare, onOpen }: { compare: string[]; onCompare: (ids: string[]) => void; onOpen: (s: SavedScenarioOut) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const list = useOp('scenarios.list', {});
  const del = useMutationOp('scenarios.delete');
  const client = useApiClient();
  const [picked, setPicked] = useState<string[]>(compare);
  const rows = list.data ?? [];
  const chosen = compare.map((id) => rows.find((r) => r.id === id)).filter((r): r is SavedScenarioOut => r !== undefined);

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= MAX_COMPARE ? p : [...p, id]));
  const exportCsv = async (s: SavedScenarioOut) => {
    const f = await client.call('scenarios.exportCsv', { id: s.id, lang });
    downloadText(f.fileName, f.csv);
  };

  if (list.error) return <p className="error">{t('common.error', { message: list.error.message })}</p>;
  if (!list.data) return <p>{t('common.loading')}</p>;
  return (
    <div className="sc-saved-view">
      {rows.length === 0 ? (
        <p className="muted" data-testid="saved-empty">
          {t('scenarios.saved.empty')}
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="grid compact sc-saved-table" data-testid="saved-table">
              <thead>
                <tr>
                  <th>{t('scenarios.saved.compare')}</th>
                  <th>{t('scenarios.saved.name')}</th>
                  <th>{t('scenarios.saved.path')}</th>
                  <th>{t('scenarios.saved.start')}</th>
                  <th>{t('scenarios.saved.firstFull')}</th>
                  <th>{t('scenarios.saved.task')}</th>
                  <th>{t('scenarios.saved.updated')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  const full = s.summary.filter((x) => x.firstFullDay !== null).sort((a, b) => a.firstFullDay! - b.firstFullDay!)[0];
                  return (
                    <tr key={s.id} data-testid="saved-row" data-id={s.id}>
                      <td>
                        <input type="checkbox" checked={picked.includes(s.id)} onChange={() => toggle(s.id)} aria-label={t('scenarios.saved.pick', { name: s.name })} data-testid="compare-check" />
                      </td>
                      <td>
                        <strong>{s.name}</strong>
                        {s.note && <div className="small muted">{s.note}</div>}
                      </td>
                      <td>{pathLabel(s.inputs.casePath, t, lang)}</td>
                      <td>{formatDate(s.inputs.startDate)}</td>
                      <td className={full ? 'level-text-critical' : ''}>
                        {full ? t('scenarios.saved.fullText', { resource: t(`scenarios.resourceShort.${full.resource}`), date: formatDate(full.firstFullDate) }) : t('scenarios.saved.notFull')}
                      </td>
                      <td>{s.task ? <Link to={`/tasks?task=${s.task.id}`}>{[s.task.directiveCode, s.task.title].filter(Boolean).join(' · ')}</Link> : <span className="muted">–</span>}</td>
                      <td className="small">
                        {formatDateTime(s.updatedAt)}
                        <div className="muted">{s.author}</div>
                      </td>
                      <td className="sc-actions">
                        <button type="button" className="small" onClick={() => onOpen(s)} data-testid="saved-open">
                          {t('scenarios.saved.open')}
                        </button>
                        <button type="button" className="small" onClick={() => void exportCsv(s)} data-testid="saved-export">
                          {t('scenarios.saved.export')}
                        </button>
                        <button
                          type="button"
                          className="small"
                          onClick={() => {
                            if (window.confirm(t('scenarios.saved.confirmDelete', { name: s.name }))) del.mutate({ id: s.id });
                          }}
                          data-testid="saved-delete"
                        >
                          {t('scenarios.saved.delete')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="button-row sc-compare-bar">
            <button type="button" className="primary" disabled={picked.length < 2} onClick={() => onCompare(picked)} data-testid="compare-button">
              {t('scenarios.saved.compareButton', { n: picked.length })}
            </button>
            <span className="muted small">{t('scenarios.saved.compareHelp', { max: MAX_COMPARE })}</span>
          </div>
        </>
      )}
      {chosen.length >= 2 && <CompareView scenarios={chosen} />}
    </div>
  );
}

/** Two to four saved scenarios side by side: their inputs and outcomes in columns, and overlaid charts. */
function CompareView({ scenarios }: { scenarios: SavedScenarioOut[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const results = useMemo(() => scenarios.map((s) => runScenario(s.inputs)), [scenarios]);
  const n = (v: number) => formatNumber(v, lang);
  const longest = results.reduce((a, r) => (r.dates.length > a.dates.length ? r : a), results[0]!);
  return (
    <section className="card sc-compare" data-testid="compare-view">
      <h2>{t('scenarios.compare.title')}</h2>
      <div className="sc-compare-cols" style={{ gridTemplateColumns: `minmax(11rem, auto) repeat(${scenarios.length}, minmax(0, 1fr))` }}>
        <div className="sc-compare-head" />
        {scenarios.map((s, k) => (
          <div key={s.id} className="sc-compare-head" data-testid="compare-col" style={{ borderTopColor: COMPARE_COLOURS[k] }}>
            <strong>{s.name}</strong>
            {s.task && <div className="small muted">{t('scenarios.compare.task', { title: s.task.title })}</div>}
          </div>
        ))}
        <Row label={t('scenarios.saved.path')} cells={scenarios.map((s) => pathLabel(s.inputs.casePath, t, lang))} />
        <Row label={t('scenarios.compare.avgCases')} cells={scenarios.map((s) => n(expandCasePath(s.inputs.casePath, s.inputs.horizonDays).reduce((a, b) => a + b, 0) / s.inputs.horizonDays))} />
        <Row label={t('scenarios.compare.period')} cells={scenarios.map((s) => `${formatDate(s.inputs.startDate)} · ${s.inputs.horizonDays} ${t('scenarios.compare.days')}`)} />
        <Row label={t('scenarios.compare.split')} cells={scenarios.map((s) => (['home', 't1', 't2', 't3'] as const).map((k) => formatNumber(s.inputs.params.split[k] * 100, lang, 1)).join(' / ') + ' %')} />
        {RESOURCES.map((r) => (
          <Row
            key={r}
            label={t(`scenarios.resource.${r}`)}
            testId={`compare-row-${r}`}
            cells={results.map((res) => {
              const s = res.summary.find((x) => x.resource === r)!;
              return (
                <>
                  <div>
                    {t('scenarios.compare.peak', { peak: n(s.peakDemand), cap: n(s.capacityEnd) })}
                  </div>
                  <div className={s.firstFullDay !== null ? 'level-text-critical' : 'muted'}>
                    {s.firstFullDay !== null ? t('scenarios.card.fullOn', { date: formatDate(s.firstFullDate), day: s.firstFullDay }) : t('scenarios.saved.notFull')}
                  </div>
                  {s.shortfall > 0 && <div className="small">{t('scenarios.compare.short', { value: n(Math.ceil(s.shortfall)) })}</div>}
                </>
              );
            })}
          />
        ))}
      </div>
      <div className="sc-charts">
        {(['t2', 't3', 'icu', 'oxygen'] as const).map((r) => (
          <div key={r} className="sc-chart">
            <h3>{t(`scenarios.resource.${r}`)}</h3>
            <LineChart
              testId={`compare-chart-${r}`}
              dates={longest.dates}
              width={440}
              height={210}
              title={t(`scenarios.resource.${r}`)}
              formatY={(v) => formatNumber(v, lang)}
              series={[
                ...results.map((res, k) => ({ key: scenarios[k]!.id, label: scenarios[k]!.name, values: longest.dates.map((d) => res.demand[r][res.dates.indexOf(d)] ?? null), colour: COMPARE_COLOURS[k]! })),
                { key: 'capacity', label: t('scenarios.compare.capacityOf', { name: scenarios[0]!.name }), values: longest.dates.map((d) => results[0]!.capacity[r][results[0]!.dates.indexOf(d)] ?? null), colour: 'var(--muted)', dashed: true },
              ]}
            />
          </div>
        ))}
      </div>
    </section>
  );
}

function Row({ label, cells, testId }: { label: string; cells: ReactNode[]; testId?: string }) {
  return (
    <>
      <div className="sc-compare-label">{label}</div>
      {cells.map((c, k) => (
        <div key={k} className="sc-compare-cell" data-testid={testId}>
          {c}
        </div>
      ))}
    </>
  );
}
