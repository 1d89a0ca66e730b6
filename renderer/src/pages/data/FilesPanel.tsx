import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUnit } from '../../../../shared/domain';
import { IMPORT_KINDS, type ImportKind } from '../../../../shared/io';
import { useApiClient } from '../../api/hooks';
import { downloadBase64, readAsBase64 } from './files';
import { DayInput } from './DayInput';

/** Templates to send to districts, exports of any table, units as GeoJSON, ward boundaries. */
const TABLES = ['caseReports', 'vaccinations', 'facilities', 'facilityStatus', 'tasks'] as const;
type Table = (typeof TABLES)[number];

export function FilesPanel({ districts, today }: { districts: AdminUnit[]; today: string }) {
  const { t } = useTranslation();
  const client = useApiClient();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [tpl, setTpl] = useState<{ kind: ImportKind; district: string; date: string }>({ kind: 'caseReports', district: '', date: today });
  const [exp, setExp] = useState<{ table: Table; format: 'csv' | 'xlsx'; from: string; to: string; district: string }>({
    table: 'caseReports',
    format: 'xlsx',
    from: today,
    to: today,
    district: '',
  });
  const [geo, setGeo] = useState<{ level: 'district' | 'ward'; date: string }>({ level: 'district', date: today });
  const [boundary, setBoundary] = useState<Awaited<ReturnType<typeof client.call<'boundaries.preview'>>> | null>(null);

  const run = async (fn: () => Promise<{ fileName: string; mimeType: string; contentBase64: string; rows: number; metricsSource?: string }>) => {
    setBusy(true);
    setMsg(null);
    try {
      const f = await fn();
      downloadBase64(f);
      const extra = f.metricsSource ? ` — ${t(`data.files.geoSource.${f.metricsSource}`)}` : '';
      setMsg({ ok: true, text: t('data.files.downloaded', { file: f.fileName, rows: f.rows }) + extra });
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const districtSelect = (value: string, onChange: (v: string) => void, testid: string) => (
    <label>
      {t('data.entry.district')}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testid}>
        <option value="">{t('data.files.allDistricts')}</option>
        {districts.map((d) => (
          <option key={d.code} value={d.code}>
            {d.fullName}
          </option>
        ))}
      </select>
    </label>
  );

  const onBoundaryFile = async (file: File | undefined) => {
    setBoundary(null);
    if (!file) return;
    setBusy(true);
    setMsg(null);
    try {
      const contentBase64 = await readAsBase64(file, () => undefined);
      setBoundary(await client.call('boundaries.preview', { level: 'ward', fileName: file.name, contentBase64 }));
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="files">
      <section className="card">
        <h2>{t('data.files.templates')}</h2>
        <p className="muted">{t('data.files.templateHint')}</p>
        <div className="form-row">
          <label>
            {t('data.import.kind')}
            <select value={tpl.kind} onChange={(e) => setTpl({ ...tpl, kind: e.target.value as ImportKind })} data-testid="template-kind">
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`data.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {districtSelect(tpl.district, (district) => setTpl({ ...tpl, district }), 'template-district')}
          <label>
            {t('data.entry.date')}
            <DayInput value={tpl.date} onChange={(v) => setTpl({ ...tpl, date: v })} />
          </label>
          <button
            type="button"
            disabled={busy}
            data-testid="template-download"
            onClick={() => void run(() => client.call('templates.get', { kind: tpl.kind, ...(tpl.district ? { districtCode: tpl.district } : {}), ...(tpl.date ? { date: tpl.date } : {}) }))}
          >
            {t('data.files.download')}
          </button>
        </div>
      </section>

      <section className="card">
        <h2>{t('data.files.export')}</h2>
        <div className="form-row">
          <label>
            {t('data.files.table')}
            <select value={exp.table} onChange={(e) => setExp({ ...exp, table: e.target.value as Table })} data-testid="export-table">
              {TABLES.map((k) => (
                <option key={k} value={k}>
                  {t(`data.files.tables.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('data.files.format')}
            <select value={exp.format} onChange={(e) => setExp({ ...exp, format: e.target.value as 'csv' | 'xlsx' })} data-testid="export-format">
              <option value="xlsx">XLSX</option>
              <option value="csv">CSV</option>
            </select>
          </label>
          <label>
            {t('data.files.from')}
            <DayInput value={exp.from} onChange={(v) => setExp({ ...exp, from: v })} />
          </label>
          <label>
            {t('data.files.to')}
            <DayInput value={exp.to} onChange={(v) => setExp({ ...exp, to: v })} />
          </label>
          {districtSelect(exp.district, (district) => setExp({ ...exp, district }), 'export-district')}
          <button
            type="button"
            disabled={busy}
            data-testid="export-download"
            onClick={() =>
              void run(() =>
                client.call('export.table', {
                  table: exp.table,
                  format: exp.format,
                  ...(exp.from && exp.table !== 'facilities' ? { from: exp.from } : {}),
                  ...(exp.to && exp.table !== 'facilities' ? { to: exp.to } : {}),
                  ...(exp.district ? { districtCode: exp.district } : {}),
                }),
              )
            }
          >
            {t('data.files.download')}
          </button>
        </div>
      </section>

      <section className="card">
        <h2>{t('data.files.geojson')}</h2>
        <div className="form-row">
          <label>
            {t('data.files.level')}
            <select value={geo.level} onChange={(e) => setGeo({ ...geo, level: e.target.value as 'district' | 'ward' })}>
              <option value="district">{t('data.files.levels.district')}</option>
              <option value="ward">{t('data.files.levels.ward')}</option>
            </select>
          </label>
          <label>
            {t('data.entry.date')}
            <DayInput value={geo.date} onChange={(v) => setGeo({ ...geo, date: v })} />
          </label>
          <button type="button" disabled={busy} onClick={() => void run(() => client.call('export.geojson', { level: geo.level, ...(geo.date ? { date: geo.date } : {}) }))}>
            {t('data.files.download')}
          </button>
        </div>
      </section>

      <section className="card">
        <h2>{t('data.files.boundaries')}</h2>
        <p className="muted">{t('data.files.boundariesHint')}</p>
        <input type="file" accept=".geojson,.json" disabled={busy} onChange={(e) => void onBoundaryFile(e.target.files?.[0])} data-testid="boundary-file" />
        {boundary && (
          <div className="boundary-result">
            <p>{t('data.files.boundaryResult', { matched: boundary.matched, features: boundary.features, without: boundary.unitsWithout })}</p>
            {boundary.problems.length > 0 && (
              <ul>
                {boundary.problems.map((p, i) => (
                  <li key={i} className="error">
                    #{p.index}: {p.reason}
                  </li>
                ))}
              </ul>
            )}
            {boundary.unmatched.length > 0 && (
              <details>
                <summary>
                  {t('data.files.unmatched')} ({boundary.unmatched.length})
                </summary>
                <ul>
                  {boundary.unmatched.map((u) => (
                    <li key={u.index}>
                      #{u.index} {u.name ?? u.code ?? '?'}: {u.reason}
                      {u.suggestions.length ? ` — ${u.suggestions.join(', ')}` : ''}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <button
              type="button"
              className="primary"
              disabled={!boundary.token || busy}
              onClick={async () => {
                setBusy(true);
                try {
                  const r = await client.call('boundaries.apply', { token: boundary.token! });
                  setMsg({ ok: true, text: t('data.files.savedBoundaries', { features: r.features }) });
                  setBoundary(null);
                } catch (e) {
                  setMsg({ ok: false, text: (e as Error).message });
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('data.files.saveBoundaries')}
            </button>
          </div>
        )}
      </section>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role="status" data-testid="files-message">
          {msg.text}
        </p>
      )}
    </div>
  );
}
