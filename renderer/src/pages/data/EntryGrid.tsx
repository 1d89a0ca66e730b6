import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Papa from 'papaparse';
import { caseReportFields, vaccinationFields, type CaseReport, type Vaccination } from '../../../../shared/domain';
import { formatNumber, type Lang } from '../../../../shared/format';
import { addDays } from '../../../../shared/metrics';
import {
  caseReportIssues,
  columnSpec,
  isValueError,
  parseCount,
  problemText,
  vaccinationIssues,
  type CaseValues,
  type RuleIssue,
  type VaccinationValues,
} from '../../../../shared/io';
import { useMutationOp, useOp } from '../../api/hooks';

/**
 * Keyboard-first daily entry for one district: its wards as rows, the report fields as
 * columns, the previous report shown small in each cell. Cell checks and the
 * "parts ≤ totals" rules are the import's own (shared/io), so a row the grid accepts is
 * a row the import would accept. Save sends every row that has figures in ONE upsert
 * (one transaction: all rows or none).
 */
export type GridKind = 'caseReports' | 'vaccinations';
const FIELDS: Record<GridKind, string[]> = {
  caseReports: Object.keys(caseReportFields),
  vaccinations: Object.keys(vaccinationFields),
};

type Report = CaseReport | Vaccination;
type Cells = Record<string, string[]>;

export function EntryGrid({ kind, districtCode, date, today }: { kind: GridKind; districtCode: string; date: string; today: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const fields = FIELDS[kind];
  const wardsQ = useOp('units.list', { parentCode: districtCode });
  const isCases = kind === 'caseReports';
  const curCases = useOp('caseReports.list', { date }, { enabled: isCases });
  const curVax = useOp('vaccinations.list', { date }, { enabled: !isCases });
  // The day before for daily cases; the latest report of the previous month for cumulative doses.
  const prevCases = useOp('caseReports.list', { date: addDays(date, -1) }, { enabled: isCases });
  const prevVax = useOp('vaccinations.list', { from: addDays(date, -31), to: addDays(date, -1) }, { enabled: !isCases });
  const current = (isCases ? curCases.data : curVax.data) as Report[] | undefined;
  const previous = (isCases ? prevCases.data : prevVax.data) as Report[] | undefined;
  const wards = useMemo(() => (wardsQ.data ?? []).filter((u) => u.level === 'ward'), [wardsQ.data]);

  const [cells, setCells] = useState<Cells | null>(null);
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const save = useMutationOp(isCases ? 'caseReports.upsert' : 'vaccinations.upsert');

  // Fill the grid from the store once the day's reports have arrived (not on later refreshes:
  // they would overwrite what the operator is typing).
  useEffect(() => {
    if (cells || !current || !wardsQ.data) return;
    const byUnit = new Map(current.map((r) => [r.unitCode, r as unknown as Record<string, number>]));
    setCells(Object.fromEntries(wards.map((w) => [w.code, fields.map((f) => (byUnit.has(w.code) ? String(byUnit.get(w.code)![f]) : ''))])));
  }, [cells, current, wardsQ.data, wards, fields]);

  const prevByUnit = useMemo(() => {
    const m = new Map<string, Record<string, number>>();
    for (const r of previous ?? []) m.set(r.unitCode, r as unknown as Record<string, number>); // ascending dates: the latest wins
    return m;
  }, [previous]);

  const check = useMemo(() => {
    const cellErrors = new Map<string, string>();
    const rowIssues = new Map<string, RuleIssue[]>();
    const rows: Record<string, number | string>[] = [];
    if (!cells) return { cellErrors, rowIssues, rows };
    for (const w of wards) {
      const texts = cells[w.code] ?? [];
      if (texts.every((s) => s.trim() === '')) continue;
      const values: Record<string, number> = {};
      let ok = true;
      fields.forEach((f, i) => {
        const v = parseCount(texts[i] ?? '');
        if (isValueError(v)) {
          ok = false;
          cellErrors.set(`${w.code}:${f}`, problemText(v.code, { value: v.value }, lang));
        } else values[f] = v ?? 0;
      });
      if (!ok) continue;
      const issues = isCases ? caseReportIssues(values as CaseValues) : vaccinationIssues(values as VaccinationValues);
      if (issues.length) rowIssues.set(w.code, issues);
      for (const i of issues) if (i.severity === 'error') cellErrors.set(`${w.code}:${i.field}`, problemText(i.code, i.params, lang));
      rows.push({ unitCode: w.code, date, ...values });
    }
    return { cellErrors, rowIssues, rows };
  }, [cells, wards, fields, isCases, date, lang]);

  const future = date > today;
  const focusCell = (r: number, c: number) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-r="${r}"][data-c="${c}"]`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  const setCell = (code: string, i: number, value: string) => {
    setCells((prev) => (prev ? { ...prev, [code]: Object.assign([...(prev[code] ?? [])], { [i]: value }) } : prev));
    setDirty((d) => new Set(d).add(code));
    setMessage(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const up = e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey);
      focusCell(Math.max(0, Math.min(wards.length - 1, r + (up ? -1 : 1))), c);
    }
  };

  // A block copied from Excel arrives as tab-separated lines: spread it from this cell.
  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const block = Papa.parse<string[]>(text.replace(/\r?\n$/, ''), { delimiter: '\t' }).data;
    let cut = false;
    setCells((prev) => {
      if (!prev) return prev;
      const next = { ...prev };
      block.forEach((line, i) => {
        const w = wards[r + i];
        if (!w) return void (cut = true);
        const row = [...(next[w.code] ?? [])];
        line.forEach((v, j) => {
          if (c + j < fields.length) row[c + j] = v.trim();
          else cut = true;
        });
        next[w.code] = row;
      });
      return next;
    });
    setDirty((d) => {
      const n = new Set(d);
      block.forEach((_, i) => wards[r + i] && n.add(wards[r + i]!.code));
      return n;
    });
    const cols = Math.max(...block.map((l) => l.length));
    setMessage({ kind: cut ? 'error' : 'info', text: `${t('data.entry.pasted', { rows: block.length, cols })}${cut ? ` ${t('data.entry.pasteCut')}` : ''}` });
  };

  const doSave = () => {
    if (future) return setMessage({ kind: 'error', text: t('data.entry.futureDate') });
    if (check.cellErrors.size > 0) {
      setMessage({ kind: 'error', text: t('data.entry.errors', { count: check.cellErrors.size }) });
      const [first] = check.cellErrors.keys();
      const [code, f] = first!.split(':');
      focusCell(wards.findIndex((w) => w.code === code), fields.indexOf(f!));
      return;
    }
    if (check.rows.length === 0) return setMessage({ kind: 'info', text: t('data.entry.nothingToSave') });
    save.mutate({ rows: check.rows } as never, {
      onSuccess: (r) => {
        setDirty(new Set());
        setMessage({ kind: 'ok', text: t('data.entry.saved', { rows: check.rows.length, ...r }) });
      },
      onError: (err) => setMessage({ kind: 'error', text: err.message }),
    });
  };

  if (!cells || !wardsQ.data) return <p className="muted">{t('data.entry.loading')}</p>;

  const totals = fields.map((_, i) =>
    wards.reduce((sum, w) => {
      const v = parseCount(cells[w.code]?.[i] ?? '');
      return sum + (typeof v === 'number' ? v : 0);
    }, 0),
  );
  const issueList = [...check.rowIssues.entries()].flatMap(([code, issues]) =>
    issues.map((i) => ({ code, name: wards.find((w) => w.code === code)?.name ?? code, text: problemText(i.code, i.params, lang), severity: i.severity })),
  );

  return (
    <div
      className="entry"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          doSave();
        }
      }}
    >
      <p className="muted entry-help">{t('data.entry.help')}</p>
      {future && <p className="error">{t('data.entry.futureDate')}</p>}
      <div className="button-row entry-actions">
        <button type="button" className="primary" onClick={doSave} disabled={save.isPending || future} data-testid="entry-save">
          {save.isPending ? t('data.entry.saving') : t('data.entry.save')}
        </button>
        {dirty.size > 0 && <span className="muted">{t('data.entry.dirty', { count: dirty.size })}</span>}
        {message && (
          <span className={message.kind === 'error' ? 'error' : message.kind === 'ok' ? 'ok' : 'muted'} role="status" data-testid="entry-message">
            {message.text}
          </span>
        )}
      </div>
      {(check.cellErrors.size > 0 || issueList.length > 0) && (
        <ul className="entry-issues" data-testid="entry-errors" role="alert">
          {[...check.cellErrors.entries()]
            .filter(([k]) => !check.rowIssues.get(k.split(':')[0]!)?.some((i) => `${k.split(':')[0]}:${i.field}` === k))
            .map(([k, text]) => {
              const [code, f] = k.split(':');
              return (
                <li key={k} className="error">
                  {wards.find((w) => w.code === code)?.name} · {t(`data.entry.short.${f}`)}: {text}
                </li>
              );
            })}
          {issueList.map((i, n) => (
            <li key={n} className={i.severity === 'error' ? 'error' : 'warning'}>
              {i.name}: {i.text}
            </li>
          ))}
        </ul>
      )}
      <div className="entry-scroll">
        <table className="entry-grid" ref={tableRef} data-testid="entry-grid">
          <thead>
            <tr>
              <th className="ward">{t('data.entry.ward')}</th>
              {fields.map((f) => (
                <th key={f} title={columnSpec(kind, f)?.label[lang]}>
                  {t(`data.entry.short.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {wards.map((w, r) => {
              const texts = cells[w.code] ?? [];
              const filled = texts.some((s) => s.trim() !== '');
              const prev = prevByUnit.get(w.code);
              return (
                <tr key={w.code} className={dirty.has(w.code) ? 'dirty' : undefined} data-ward={w.code}>
                  <th scope="row" className="ward">
                    {w.name}
                    <span className="code">{w.code}</span>
                  </th>
                  {fields.map((f, c) => {
                    const err = check.cellErrors.get(`${w.code}:${f}`);
                    return (
                      <td key={f} className={err ? 'invalid' : undefined}>
                        <input
                          value={texts[c] ?? ''}
                          data-r={r}
                          data-c={c}
                          data-testid={`cell-${w.code}-${f}`}
                          inputMode="numeric"
                          autoComplete="off"
                          placeholder={filled ? '0' : ''}
                          aria-label={`${w.name} — ${t(`data.entry.short.${f}`)}`}
                          aria-invalid={err ? true : undefined}
                          title={err}
                          onChange={(e) => setCell(w.code, c, e.target.value)}
                          onKeyDown={(e) => onKeyDown(e, r, c)}
                          onPaste={(e) => onPaste(e, r, c)}
                        />
                        {prev && (
                          <span className="prev" title={t(isCases ? 'data.entry.prevDay' : 'data.entry.prevReport')}>
                            {formatNumber(prev[f], lang)}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th className="ward">{t('data.entry.total')}</th>
              {totals.map((v, i) => (
                <td key={fields[i]} className="num">
                  {formatNumber(v, lang)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
