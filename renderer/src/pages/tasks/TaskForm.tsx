import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BLANK_TASK, type Task } from '../../../../shared/domain';
import { formatDate, parseDisplayDate } from '../../../../shared/format';
import { useMutationOp, useOp } from '../../api/hooks';

type Editable = Omit<Task, 'id' | 'status' | 'createdAt'>;
export type TaskPreset = Partial<Editable>;

const { status: _status, ...blank }: Omit<Task, 'id' | 'createdAt'> = BLANK_TASK;

/**
 * Create a task from a directive (or edit / assign one). Keyboard-first: plain inputs in
 * reading order, dates typed dd/mm/yyyy, Enter saves; an error names its field and
 * focuses it. The status is not edited here: it moves through the follow-up log.
 */
export function TaskForm({
  task,
  preset,
  orgs,
  onDone,
  onCancel,
}: {
  task?: Task;
  preset?: TaskPreset;
  orgs: string[];
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const directives = useOp('directives.list', {});
  const districts = useOp('units.list', { level: 'district' });
  const facilities = useOp('facilities.list', {});
  const create = useMutationOp('tasks.create');
  const update = useMutationOp('tasks.update');
  // Only the editable fields (a board row carries computed ones the contract would refuse).
  const pick = (x: Partial<Editable> | undefined) =>
    Object.fromEntries(Object.keys(blank).filter((k) => x && k in x).map((k) => [k, x![k as keyof Editable]])) as Partial<Editable>;
  const start: Editable = { ...blank, ...pick(task), ...pick(preset) };
  if (!task && !start.directiveId && directives.data?.[0]) start.directiveId = directives.data[0].id;
  const [v, setV] = useState<Editable>(start);
  const [due, setDue] = useState(start.dueDate ? formatDate(start.dueDate) : '');
  const [point, setPoint] = useState({ lat: start.placeLat?.toString() ?? '', lon: start.placeLon?.toString() ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);

  // The default directive arrives after the first render when the list loads.
  const directiveId = v.directiveId ?? (!task ? (directives.data?.[0]?.id ?? null) : null);
  const directive = directives.data?.find((d) => d.id === directiveId);
  const wards = useOp('units.list', { level: 'ward' });
  const parentOf = useMemo(() => new Map((wards.data ?? []).map((w) => [w.code, w.parentCode ?? ''])), [wards.data]);
  const aDistrict = v.assigneeUnitCode ? (v.assigneeUnitCode.length === 3 ? v.assigneeUnitCode : (parentOf.get(v.assigneeUnitCode) ?? '')) : '';
  const wardsOfDistrict = (wards.data ?? []).filter((w) => w.parentCode === aDistrict);
  // The organisation name follows the chosen unit until the user types their own.
  const [autoOrg, setAutoOrg] = useState(start.assigneeOrg);
  const orgFor = (fullName: string) => `UBND ${fullName.charAt(0).toLowerCase()}${fullName.slice(1)}`;
  const chooseUnit = (code: string | null, fullName: string | undefined) =>
    setV((x) => {
      const follow = !x.assigneeOrg || x.assigneeOrg === autoOrg;
      const org = follow && fullName ? orgFor(fullName) : x.assigneeOrg;
      if (follow && fullName) setAutoOrg(org);
      return { ...x, assigneeUnitCode: code, assigneeOrg: org };
    });
  const placeDistrict = v.placeUnitCode?.length === 3 ? v.placeUnitCode : null;
  const districtByCode = useMemo(() => new Map((districts.data ?? []).map((d) => [d.code, d])), [districts.data]);

  const set = <K extends keyof Editable>(k: K, value: Editable[K]) => setV((x) => ({ ...x, [k]: value }));
  const focus = (name: string) => form.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!v.title.trim()) errs.title = t('tasks.form.required');
    if (!v.assigneeOrg.trim()) errs.assigneeOrg = t('tasks.form.required');
    const dueDate = due.trim() ? parseDisplayDate(due) : null;
    if (due.trim() && !dueDate) errs.dueDate = t('tasks.form.badDate');
    let placeLat: number | null = null;
    let placeLon: number | null = null;
    if (v.placeType === 'point') {
      placeLat = Number(point.lat.replace(',', '.'));
      placeLon = Number(point.lon.replace(',', '.'));
      if (!point.lat.trim() || !Number.isFinite(placeLat) || Math.abs(placeLat) > 90) errs.placeLat = t('tasks.form.badCoord');
      if (!point.lon.trim() || !Number.isFinite(placeLon) || Math.abs(placeLon) > 180) errs.placeLon = t('tasks.form.badCoord');
    }
    if (v.placeType === 'unit' && !v.placeUnitCode) errs.placeUnitCode = t('tasks.form.required');
    if (v.placeType === 'facility' && !v.placeFacilityId) errs.placeFacilityId = t('tasks.form.required');
    setErrors(errs);
    if (Object.keys(errs)[0]) return focus(Object.keys(errs)[0]!);

    const fields: Editable = {
      ...v,
      directiveId,
      groupKey: directiveId ? v.groupKey : null,
      dueDate,
      placeUnitCode: v.placeType === 'unit' ? v.placeUnitCode : null,
      placeFacilityId: v.placeType === 'facility' ? v.placeFacilityId : null,
      placeLat,
      placeLon,
    };
    const onError = (err: unknown) => {
      const issues = (err as { issues?: { path: string; message: string }[] }).issues ?? [];
      setErrors(Object.fromEntries(issues.map((i) => [i.path.replace(/^patch\./, ''), i.message])));
    };
    if (task) update.mutate({ id: task.id, patch: fields }, { onSuccess: (r) => onDone(r.id), onError });
    else create.mutate({ ...fields, status: 'open' }, { onSuccess: (r) => onDone(r.id), onError });
  };

  const err = (k: string) =>
    errors[k] ? (
      <small id={`task-err-${k}`} className="error">
        {errors[k]}
      </small>
    ) : null;
  const aria = (k: string) => (errors[k] ? { 'aria-invalid': true, 'aria-describedby': `task-err-${k}` } : {});
  const failed = create.error ?? update.error;

  return (
    <form ref={form} className="task-form" onSubmit={submit} data-testid="task-form" noValidate>
      <div className="form-grid">
        <label>
          {t('tasks.form.directive')}
          <select name="directiveId" value={directiveId ?? ''} onChange={(e) => setV((x) => ({ ...x, directiveId: e.target.value || null, groupKey: null }))} data-testid="task-directive">
            <option value="">{t('tasks.noDirective')}</option>
            {directives.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.code} — {d.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tasks.form.group')}
          <select name="groupKey" value={v.groupKey ?? ''} onChange={(e) => set('groupKey', e.target.value || null)} disabled={!directive} data-testid="task-group">
            <option value="">{t('tasks.noGroup')}</option>
            {directive?.groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.key}: {g.title.length > 80 ? `${g.title.slice(0, 80)}…` : g.title}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('tasks.form.title')}
          <input name="title" value={v.title} onChange={(e) => set('title', e.target.value)} {...aria('title')} data-testid="task-title" />
          {err('title')}
        </label>
        <label className="wide">
          {t('tasks.form.description')}
          <textarea name="description" rows={3} value={v.description} onChange={(e) => set('description', e.target.value)} data-testid="task-description" />
        </label>
        <label>
          {t('tasks.form.kind')}
          <select name="kind" value={v.kind} onChange={(e) => set('kind', e.target.value as Editable['kind'])} data-testid="task-kind">
            <option value="task">{t('tasks.kind.task')}</option>
            <option value="inspection">{t('tasks.kind.inspection')}</option>
          </select>
        </label>
        <label>
          {t('tasks.form.priority')}
          <select name="priority" value={v.priority} onChange={(e) => set('priority', e.target.value as Editable['priority'])} data-testid="task-priority">
            {(['low', 'normal', 'high', 'urgent'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`tasks.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="wide">
          <legend>{t('tasks.form.assignee')}</legend>
          <label>
            {t('tasks.form.assigneeUnit')}
            <select
              name="assigneeDistrict"
              value={aDistrict}
              onChange={(e) => chooseUnit(e.target.value || null, districtByCode.get(e.target.value)?.fullName)}
              data-testid="task-assignee-district"
            >
              <option value="">{t('tasks.form.notAUnit')}</option>
              {districts.data?.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.fullName}
                </option>
              ))}
            </select>
          </label>
          {aDistrict && (
            <label>
              {t('tasks.form.ward')}
              <select
                name="assigneeWard"
                value={v.assigneeUnitCode?.length === 5 ? v.assigneeUnitCode : ''}
                onChange={(e) => {
                  const w = wardsOfDistrict.find((x) => x.code === e.target.value);
                  chooseUnit(w ? w.code : aDistrict, w ? w.fullName : districtByCode.get(aDistrict)?.fullName);
                }}
                data-testid="task-assignee-ward"
              >
                <option value="">{t('tasks.form.wholeDistrict')}</option>
                {wardsOfDistrict.map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.fullName}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('tasks.form.assigneeOrg')}
            <input name="assigneeOrg" list="task-orgs" value={v.assigneeOrg} onChange={(e) => set('assigneeOrg', e.target.value)} {...aria('assigneeOrg')} data-testid="task-assignee-org" />
            <datalist id="task-orgs">
              {orgs.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
            {err('assigneeOrg')}
          </label>
          <label>
            {t('tasks.form.headName')}
            <input name="headName" value={v.headName} onChange={(e) => set('headName', e.target.value)} data-testid="task-head-name" />
          </label>
          <label>
            {t('tasks.form.headPosition')}
            <input name="headPosition" value={v.headPosition} onChange={(e) => set('headPosition', e.target.value)} data-testid="task-head-position" />
          </label>
          <label>
            {t('tasks.form.dueDate')}
            <input name="dueDate" placeholder="dd/mm/yyyy" value={due} onChange={(e) => setDue(e.target.value)} {...aria('dueDate')} data-testid="task-due" />
            {err('dueDate')}
          </label>
        </fieldset>

        <fieldset className="wide">
          <legend>{t('tasks.form.place')}</legend>
          <label>
            {t('tasks.form.placeType')}
            <select name="placeType" value={v.placeType} onChange={(e) => set('placeType', e.target.value as Editable['placeType'])} data-testid="task-place-type">
              {(['none', 'unit', 'facility', 'point'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`tasks.placeType.${p}`)}
                </option>
              ))}
            </select>
          </label>
          {v.placeType === 'unit' && (
            <label>
              {t('tasks.placeType.unit')}
              <select name="placeUnitCode" value={placeDistrict ?? v.placeUnitCode ?? ''} onChange={(e) => set('placeUnitCode', e.target.value || null)} {...aria('placeUnitCode')} data-testid="task-place-unit">
                <option value="">—</option>
                {districts.data?.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.fullName}
                  </option>
                ))}
                {v.placeUnitCode && v.placeUnitCode.length === 5 && <option value={v.placeUnitCode}>{v.placeUnitCode}</option>}
              </select>
              {err('placeUnitCode')}
            </label>
          )}
          {v.placeType === 'facility' && (
            <label>
              {t('tasks.placeType.facility')}
              <select name="placeFacilityId" value={v.placeFacilityId ?? ''} onChange={(e) => set('placeFacilityId', e.target.value || null)} {...aria('placeFacilityId')} data-testid="task-place-facility">
                <option value="">—</option>
                {facilities.data?.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
              {err('placeFacilityId')}
            </label>
          )}
          {v.placeType === 'point' && (
            <>
              <label>
                {t('tasks.form.lat')}
                <input name="placeLat" inputMode="decimal" value={point.lat} onChange={(e) => setPoint({ ...point, lat: e.target.value })} {...aria('placeLat')} />
                {err('placeLat')}
              </label>
              <label>
                {t('tasks.form.lon')}
                <input name="placeLon" inputMode="decimal" value={point.lon} onChange={(e) => setPoint({ ...point, lon: e.target.value })} {...aria('placeLon')} />
                {err('placeLon')}
              </label>
            </>
          )}
        </fieldset>
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={create.isPending || update.isPending} data-testid="task-save">
          {task ? t('tasks.form.saveEdit') : t('tasks.form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('tasks.form.cancel')}
        </button>
        {failed && !Object.keys(errors).length && (
          <span className="error" role="alert">
            {failed.message}
          </span>
        )}
      </div>
    </form>
  );
}
