import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, hanoiToday } from '../../../../shared/format';
import { columnSpec, facilityStatusIssues, isValueError, parseCount, problemText } from '../../../../shared/io';
import { useMutationOp, useOp } from '../../api/hooks';
import { DayInput } from './DayInput';

/**
 * Quick status update of one facility from the data desk: pick it by name, type the
 * figures (Enter moves on, the last Enter saves), checked with the same rules as the
 * status import. Stock figures start from the last report, flows from zero.
 */
const FIELDS = ['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'admissions', 'discharges', 'transfersUp', 'transfersDown', 'deaths'] as const;
const STOCK = new Set(['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse']);

/** Now in Hà Nội as "YYYY-MM-DDTHH:mm". */
const hanoiNowLocal = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 16);

export function FacilityQuickForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as 'vi' | 'en';
  const facilities = useOp('facilities.list', {});
  const [id, setId] = useState('');
  const facility = facilities.data?.find((f) => f.id === id);
  const history = useOp('facilityStatus.list', { facilityId: id || '00000000-0000-7000-8000-000000000000' }, { enabled: !!id });
  const latest = history.data?.[history.data.length - 1];
  const [at, setAt] = useState(hanoiNowLocal);
  const [v, setV] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useMutationOp('facilityStatus.create');
  const formRef = useRef<HTMLFormElement>(null);

  // Prefill once per chosen facility (not on the refetch after a save: it would wipe the
  // confirmation and what the operator typed next).
  const [filledFor, setFilledFor] = useState('');
  useEffect(() => {
    if (!id || !history.data || filledFor === id) return;
    setV(Object.fromEntries(FIELDS.map((f) => [f, STOCK.has(f) && latest ? String(latest[f]) : '0'])));
    setMsg(null);
    setFilledFor(id);
  }, [id, history.data, latest, filledFor]);

  const errors = useMemo(() => {
    const e: Record<string, string> = {};
    const n: Record<string, number> = {};
    for (const f of FIELDS) {
      const x = parseCount(v[f] ?? '');
      if (isValueError(x)) e[f] = problemText(x.code, { value: x.value }, lang);
      else n[f] = x ?? 0;
    }
    if (Object.keys(e).length === 0 && facility) {
      for (const i of facilityStatusIssues(n as never, facility)) if (i.severity === 'error') e[i.field] = problemText(i.code, i.params, lang);
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at.slice(11))) e.at = problemText('bad_date', { value: at.slice(11) }, lang);
    else if (at.slice(0, 10) > hanoiToday()) e.at = problemText('future_date', { value: at.slice(0, 10) }, lang);
    return e;
  }, [v, facility, lang, at]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!facility || Object.keys(errors).length) return;
    const reportedAt = new Date(Date.parse(`${at}:00+07:00`)).toISOString();
    const counts = Object.fromEntries(FIELDS.map((f) => [f, parseCount(v[f] ?? '') ?? 0])) as Record<(typeof FIELDS)[number], number>;
    create.mutate(
      { facilityId: facility.id, reportedAt, ...counts, homeF0Followed: facility.kind === 'mobile_station' ? (latest?.homeF0Followed ?? 0) : null },
      {
        onSuccess: () => setMsg({ ok: true, text: t('data.facility.saved', { at: formatDateTime(reportedAt) }) }),
        onError: (err) => setMsg({ ok: false, text: err.message }),
      },
    );
  };

  const next = (e: React.KeyboardEvent<HTMLInputElement>, i: number) => {
    if (e.key !== 'Enter' || i === FIELDS.length - 1) return;
    e.preventDefault();
    formRef.current?.querySelector<HTMLInputElement>(`input[name="${FIELDS[i + 1]}"]`)?.select();
  };

  return (
    <form className="quick-form" onSubmit={submit} ref={formRef} data-testid="facility-form">
      <label>
        {t('data.facility.pick')}
        <select value={id} onChange={(e) => setId(e.target.value)} data-testid="facility-select">
          <option value="">{t('data.facility.choose')}</option>
          {(facilities.data ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {facility && (
        <>
          <p className="muted">
            {t('data.facility.capacity', { beds: facility.beds, icu: facility.icuBeds, oxygen: facility.oxygenOutlets, vent: facility.ventilators })} ·{' '}
            {latest ? t('data.facility.latest', { at: formatDateTime(latest.reportedAt) }) : t('data.facility.none')}
          </p>
          <label>
            {t('data.facility.at')}
            <span className="at">
              <DayInput value={at.slice(0, 10)} onChange={(d) => setAt(`${d}T${at.slice(11)}`)} label={t('data.entry.date')} />
              <input value={at.slice(11)} onChange={(e) => setAt(`${at.slice(0, 10)}T${e.target.value}`)} placeholder="hh:mm" size={5} aria-invalid={errors.at ? true : undefined} />
            </span>
            {errors.at && <span className="error">{errors.at}</span>}
          </label>
          <div className="quick-grid">
            {FIELDS.map((f, i) => (
              <label key={f}>
                {columnSpec('facilityStatus', f)?.label[lang]}
                <input
                  name={f}
                  value={v[f] ?? ''}
                  inputMode="numeric"
                  autoComplete="off"
                  onChange={(e) => setV({ ...v, [f]: e.target.value })}
                  onKeyDown={(e) => next(e, i)}
                  aria-invalid={errors[f] ? true : undefined}
                  data-testid={`quick-${f}`}
                />
                {errors[f] && <span className="error">{errors[f]}</span>}
              </label>
            ))}
          </div>
          <div className="button-row">
            <button type="submit" className="primary" disabled={create.isPending || Object.keys(errors).length > 0} data-testid="facility-save">
              {t('data.facility.save')}
            </button>
            {msg && (
              <span className={msg.ok ? 'ok' : 'error'} role="status">
                {msg.text}
              </span>
            )}
          </div>
        </>
      )}
    </form>
  );
}
