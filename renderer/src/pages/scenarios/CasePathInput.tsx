import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, type Lang } from '../../../../shared/format';
import { MAX_HORIZON, parseCaseList, type CasePath } from '../../../../shared/scenarios';
import { useOp } from '../../api/hooks';
import { NumberField } from './NumberField';
import { issueAt, type Planner } from './usePlanner';

type Kind = 'constant' | 'ramp' | 'imported' | 'forecast';
type Band = 'point' | 'hi80' | 'hi95';

const kindOf = (p: CasePath): Kind => (p.kind === 'series' ? p.source : p.kind);

/**
 * The daily new-case path: a constant, a ramp, a pasted list / CSV column, or the city's
 * 14-day forecast (its values are copied into the scenario, so a saved scenario does not
 * change when the forecast does).
 */
export function CasePathInput({ planner }: { planner: Planner }) {
  const { t } = useTranslation();
  const path = planner.inputs.casePath;
  const kind = kindOf(path);
  const issue = issueAt(planner.issues, 'casePath');
  const setPath = (p: CasePath) => planner.update((d) => ({ ...d, casePath: p, preset: null }));

  const changeKind = (k: Kind) => {
    const current = path.kind === 'constant' ? path.perDay : path.kind === 'ramp' ? path.to : (path.values[path.values.length - 1] ?? 0);
    if (k === 'constant') setPath({ kind: 'constant', perDay: current });
    else if (k === 'ramp') setPath({ kind: 'ramp', from: current, to: current * 2, days: 30 });
    else setPath({ kind: 'series', source: k, values: [current], after: 'hold', note: '' });
  };

  return (
    <fieldset className="sc-fieldset" data-testid="case-path">
      <legend>{t('scenarios.path.title')}</legend>
      <div className="sc-row">
        <label>
          {t('scenarios.path.kind')}
          <select value={kind} onChange={(e) => changeKind(e.target.value as Kind)} data-testid="path-kind">
            {(['constant', 'ramp', 'imported', 'forecast'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`scenarios.path.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {path.kind === 'constant' && (
          <label>
            {t('scenarios.path.perDay')}
            <NumberField value={path.perDay} onChange={(v) => setPath({ ...path, perDay: v })} label={t('scenarios.path.perDay')} testId="path-perDay" />
          </label>
        )}
        {path.kind === 'ramp' && (
          <>
            <label>
              {t('scenarios.path.from')}
              <NumberField value={path.from} onChange={(v) => setPath({ ...path, from: v })} label={t('scenarios.path.from')} testId="path-from" />
            </label>
            <label>
              {t('scenarios.path.to')}
              <NumberField value={path.to} onChange={(v) => setPath({ ...path, to: v })} label={t('scenarios.path.to')} testId="path-to" />
            </label>
            <label>
              {t('scenarios.path.rampDays')}
              <NumberField value={path.days} integer onChange={(v) => setPath({ ...path, days: v })} label={t('scenarios.path.rampDays')} testId="path-days" />
            </label>
          </>
        )}
      </div>
      {path.kind === 'series' && path.source === 'imported' && <ImportedPath path={path} setPath={setPath} />}
      {path.kind === 'series' && path.source === 'forecast' && <ForecastPath path={path} setPath={setPath} />}
      {path.kind === 'series' && (
        <label className="sc-inline">
          {t('scenarios.path.after')}
          <select value={path.after} onChange={(e) => setPath({ ...path, after: e.target.value as 'hold' | 'zero' })} data-testid="path-after">
            <option value="hold">{t('scenarios.path.afterHold')}</option>
            <option value="zero">{t('scenarios.path.afterZero')}</option>
          </select>
        </label>
      )}
      {issue && <p className="error small">{issue}</p>}
    </fieldset>
  );
}

type SeriesPath = Extract<CasePath, { kind: 'series' }>;

function ImportedPath({ path, setPath }: { path: SeriesPath; setPath: (p: CasePath) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [text, setText] = useState(() => path.values.join('\n'));
  const [fileName, setFileName] = useState<string | null>(null);
  const [column, setColumn] = useState<number | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const parsed = useMemo(() => parseCaseList(text, column), [text, column]);

  // Apply a clean parse at once (the chart follows the paste); a list with problems is shown,
  // not used. Only after an edit: a loaded scenario keeps its stored values and note.
  useEffect(() => {
    if (!dirty || parsed.problems.length > 0) return;
    const col = parsed.columns[parsed.column];
    const note = [fileName, col].filter(Boolean).join(' · ');
    if (parsed.values.join(',') !== path.values.join(',') || note !== path.note) setPath({ ...path, values: parsed.values, note });
  }, [parsed, fileName, dirty]); // path/setPath are new on every render; the parse is the trigger

  const edit = (next: string) => {
    setDirty(true);
    setText(next);
  };
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setFileName(f.name);
    setColumn(undefined);
    edit(await f.text());
  };
  return (
    <div className="sc-import">
      <label>
        {t('scenarios.path.paste')}
        <textarea rows={4} value={text} onChange={(e) => edit(e.target.value)} placeholder={t('scenarios.path.pastePlaceholder')} data-testid="path-paste" />
      </label>
      <div className="sc-row">
        <label>
          {t('scenarios.path.file')}
          <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="path-file" />
        </label>
        {parsed.columns.length > 0 && (
          <label>
            {t('scenarios.path.column')}
            <select
              value={parsed.column}
              onChange={(e) => {
                setDirty(true);
                setColumn(Number(e.target.value));
              }}
              data-testid="path-column"
            >
              {parsed.columns.map((c, k) => (
                <option key={k} value={k}>
                  {c || `#${k + 1}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {parsed.problems.length > 0 ? (
        <ul className="error small sc-problems" data-testid="path-problems">
          {parsed.problems.slice(0, 5).map((p, k) => (
            <li key={k}>{t('scenarios.path.problem', { line: p.line, value: p.value, message: p.message })}</li>
          ))}
          {parsed.problems.length > 5 && <li>{t('scenarios.path.moreProblems', { n: parsed.problems.length - 5 })}</li>}
        </ul>
      ) : (
        <p className="muted small" data-testid="path-imported">
          {t('scenarios.path.imported', { n: parsed.values.length, max: MAX_HORIZON, first: formatNumber(parsed.values[0], lang), last: formatNumber(parsed.values[parsed.values.length - 1], lang) })}
        </p>
      )}
    </div>
  );
}

function ForecastPath({ path, setPath }: { path: SeriesPath; setPath: (p: CasePath) => void }) {
  const { t } = useTranslation();
  const [band, setBand] = useState<Band>('point');
  const fc = useOp('scenarios.forecast', { unitCode: '01' });
  const f = fc.data?.forecast;
  const apply = (b: Band) => {
    if (!f || !fc.data?.asOf) return;
    const values = f.days.map((d) => Math.round(d[b]));
    setPath({ ...path, values, note: t('scenarios.path.forecastNote', { date: formatDate(fc.data.asOf), band: t(`scenarios.path.bands.${b}`) }) });
  };
  // A path just switched to "forecast" (no note yet) takes the forecast when it arrives; a
  // loaded scenario keeps the values it was saved with until the band is changed.
  useEffect(() => {
    if (f && path.note === '') apply(band);
  }, [f]); // apply/path are new on every render; the arriving forecast is the trigger
  return (
    <div className="sc-row">
      <label>
        {t('scenarios.path.band')}
        <select
          value={band}
          onChange={(e) => {
            setBand(e.target.value as Band);
            apply(e.target.value as Band);
          }}
          data-testid="path-band"
        >
          {(['point', 'hi80', 'hi95'] as const).map((b) => (
            <option key={b} value={b}>
              {t(`scenarios.path.bands.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">
        {fc.error ? t('common.error', { message: fc.error.message }) : !fc.data ? t('common.loading') : f ? path.note : (fc.data.reason ?? '')}
      </p>
    </div>
  );
}
