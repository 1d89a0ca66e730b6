import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityBoardRow } from '../../../../shared/api/ops/boards';
import type { FacilityStatus } from '../../../../shared/domain';
import { useMutationOp } from '../../api/hooks';
import { instantFromLocal, localParts } from './format';

const COUNTS = ['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'admissions', 'discharges', 'transfersUp', 'transfersDown', 'deaths'] as const;
type CountField = (typeof COUNTS)[number] | 'homeF0Followed';

/**
 * Status update of one facility, made for the keyboard: fields in reading order, Enter
 * saves, errors name the field and focus it, and after saving the cursor returns to the
 * first number. Time defaults to the server's "now"; loads start from the last report
 * (stock figures) and flows (admissions…) from zero.
 */
export function StatusForm({ row, nowIso, latest }: { row: FacilityBoardRow; nowIso: string; latest: FacilityStatus | undefined }) {
  const { t } = useTranslation();
  const create = useMutationOp('facilityStatus.create');
  const isStation = row.kind === 'mobile_station';
  const fields: CountField[] = [...COUNTS, ...(isStation ? (['homeF0Followed'] as const) : [])];
  const initial = () => {
    const p = localParts(nowIso);
    const stock = (k: CountField) => (['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'homeF0Followed'].includes(k) ? String(latest?.[k] ?? 0) : '0');
    return { date: p.date, time: p.time, ...Object.fromEntries(fields.map((k) => [k, stock(k)])) } as Record<string, string>;
  };
  const [v, setV] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focus = (name: string) => formRef.current?.querySelector<HTMLInputElement>(`[name="${name}"]`)?.focus();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const errs: Record<string, string> = {};
    const reportedAt = instantFromLocal(v.date ?? '', v.time ?? '');
    if (!reportedAt) {
      // Blame the field that is wrong: the date when it is not a real day, else the time.
      errs[instantFromLocal(v.date ?? '', '00:00') ? 'time' : 'date'] = t('facilities.form.badDateTime');
    }
    const counts: Record<string, number> = {};
    for (const k of fields) {
      const s = (v[k] ?? '').replace(/\./g, '').trim();
      if (!/^\d+$/.test(s)) errs[k] = t('facilities.form.badCount');
      else counts[k] = Number(s);
    }
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) return focus(first);
    create.mutate(
      { facilityId: row.id, reportedAt: reportedAt!, ...(counts as Record<(typeof COUNTS)[number], number>), homeF0Followed: isStation ? counts.homeF0Followed! : null },
      {
        onSuccess: () => {
          setDone(true);
          focus('bedsOccupied');
        },
        onError: (err) => {
          const issues = (err as { issues?: { path: string; message: string }[] }).issues ?? [];
          setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
          if (issues[0]) focus(issues[0].path);
        },
      },
    );
  };

  const over = Number(v.bedsOccupied) > row.beds;
  const input = (k: string, label: string, wide = false) => (
    <label key={k} className={wide ? 'wide' : undefined}>
      {label}
      <input
        name={k}
        value={v[k] ?? ''}
        inputMode={k === 'date' || k === 'time' ? 'text' : 'numeric'}
        placeholder={k === 'date' ? 'dd/mm/yyyy' : k === 'time' ? 'hh:mm' : undefined}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={errors[k] ? `err-${k}` : undefined}
        data-testid={`status-${k}`}
      />
      {errors[k] && (
        <small id={`err-${k}`} className="error">
          {errors[k]}
        </small>
      )}
    </label>
  );

  return (
    <form ref={formRef} className="status-form" onSubmit={submit} data-testid="status-form" noValidate>
      <div className="form-grid">
        {input('date', t('facilities.form.date'))}
        {input('time', t('facilities.form.time'))}
        {fields.map((k) => input(k, t(`facilities.form.${k}`)))}
      </div>
      {over && <p className="warning">{t('facilities.form.overCapacity', { beds: row.beds })}</p>}
      <div className="button-row">
        <button type="submit" className="primary" disabled={create.isPending} data-testid="status-save">
          {t('facilities.form.save')}
        </button>
        {done && (
          <span role="status" data-testid="status-saved">
            {t('facilities.form.saved')}
          </span>
        )}
        {create.error && !Object.keys(errors).length && <span className="error">{create.error.message}</span>}
      </div>
    </form>
  );
}
