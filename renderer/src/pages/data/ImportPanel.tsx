import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreviewOut } from '../../../../shared/api/ops/io';
import { formatNumber, type Lang } from '../../../../shared/format';
import { IMPORT_KINDS, KIND_COLUMNS, problemText, type ImportKind, type ProblemCode } from '../../../../shared/io';
import { useApiClient, useOp } from '../../api/hooks';
import { readAsBase64 } from './files';

/**
 * File import with a dry run: choose the kind and the source, pick a file, read it
 * (progress = FileReader's real progress), the core checks everything and answers with
 * every problem and what would change; the operator may re-map columns and run again,
 * and applies only a clean preview (one transaction).
 */
type Stage = { step: 'idle' } | { step: 'reading'; fraction: number } | { step: 'previewing'; since: number } | { step: 'applying'; since: number };

const sizeText = (bytes: number, lang: Lang) =>
  bytes >= 1024 * 1024 ? `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB` : `${formatNumber(Math.ceil(bytes / 1024), lang)} KB`;

export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const client = useApiClient();
  const config = useOp('import.config', {});
  const [kind, setKind] = useState<ImportKind>('caseReports');
  const [source, setSource] = useState('');
  const [file, setFile] = useState<{ name: string; base64: string; size: number } | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [preview, setPreview] = useState<ImportPreviewOut | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const inputRef = useRef<HTMLInputElement>(null);

  const busy = stage.step !== 'idle';
  useEffect(() => {
    if (stage.step !== 'previewing' && stage.step !== 'applying') return;
    const h = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(h);
  }, [stage.step]);

  const runPreview = async (f: { name: string; base64: string }, manual: Record<string, number | null>) => {
    setStage({ step: 'previewing', since: Date.now() });
    setError(null);
    setDone(null);
    try {
      const p = await client.call('import.preview', {
        kind,
        fileName: f.name,
        contentBase64: f.base64,
        ...(Object.keys(manual).length ? { mapping: manual } : {}),
        ...(source.trim() ? { sourceName: source.trim() } : {}),
      });
      setPreview(p);
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    } finally {
      setStage({ step: 'idle' });
    }
  };

  const onFile = async (f: File | undefined) => {
    setPreview(null);
    setDone(null);
    setMapping({});
    if (!f) return;
    const max = config.data?.maxBytes ?? 20 * 1024 * 1024;
    if (f.size > max) {
      setError(t('data.import.tooLarge', { size: sizeText(f.size, lang), max: sizeText(max, lang) }));
      return;
    }
    setError(null);
    setStage({ step: 'reading', fraction: 0 });
    try {
      const base64 = await readAsBase64(f, (fraction) => setStage({ step: 'reading', fraction }));
      const loaded = { name: f.name, base64, size: f.size };
      setFile(loaded);
      await runPreview(loaded, {});
    } catch (e) {
      setStage({ step: 'idle' });
      setError((e as Error).message);
    }
  };

  const remap = (field: string, value: string) => {
    const next = { ...mapping, [field]: value === '' ? null : Number(value) };
    setMapping(next);
    if (file) void runPreview(file, next);
  };

  const apply = async () => {
    if (!preview?.token) return;
    setStage({ step: 'applying', since: Date.now() });
    setError(null);
    try {
      const r = await client.call('import.apply', { token: preview.token });
      setDone(t('data.import.applied', { created: r.created, updated: r.updated, unchanged: r.unchanged, changes: r.changeCount }));
      setPreview(null);
      setFile(null);
      setMapping({});
      if (inputRef.current) inputRef.current.value = '';
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStage({ step: 'idle' });
    }
  };

  const cancel = () => {
    setPreview(null);
    setFile(null);
    setMapping({});
    setError(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  const labelOf = (field: string) => KIND_COLUMNS[preview?.kind ?? kind].find((c) => c.key === field)?.label[lang] ?? field;
  const reason = (p: ImportPreviewOut['problems'][number]) => (lang === 'vi' ? p.reason : problemText(p.code as ProblemCode, (p.params ?? {}) as never, 'en'));
  const skippedSummary = preview
    ? Object.entries(
        preview.skipped.reduce<Record<string, number[]>>((acc, s) => {
          (acc[s.reason] ??= []).push(s.row);
          return acc;
        }, {}),
      )
    : [];

  return (
    <div className="import" data-testid="import-panel">
      <div className="form-row">
        <label>
          {t('data.import.kind')}
          <select value={kind} onChange={(e) => (setKind(e.target.value as ImportKind), cancel())} disabled={busy} data-testid="import-kind">
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`data.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('data.import.source')}
          <input value={source} onChange={(e) => setSource(e.target.value)} list="import-sources" placeholder="TTYT quận …" disabled={busy} data-testid="import-source" />
          <datalist id="import-sources">
            {(config.data?.sources ?? [])
              .filter((s) => s.kind === kind)
              .map((s) => (
                <option key={s.sourceName} value={s.sourceName} />
              ))}
          </datalist>
        </label>
        <div className="grow file-field">
          <span className="field-label">
            {t('data.import.file')} <span className="muted">({t('data.import.limit', { size: sizeText(config.data?.maxBytes ?? 20 * 1024 * 1024, lang) })})</span>
          </span>
          {/* The browser's own file button speaks the OS language; this one speaks ours. */}
          <label className="file-pick">
            <span className="pick-button">{t('data.import.choose')}</span>
            <span className="file-name">{file?.name ?? t('data.import.noFile')}</span>
            <input
              ref={inputRef}
              className="visually-hidden"
              type="file"
              accept=".csv,.txt,.tsv,.xlsx,.xlsm"
              onChange={(e) => void onFile(e.target.files?.[0])}
              disabled={busy}
              data-testid="import-file"
            />
          </label>
        </div>
      </div>
      <p className="muted">{t('data.import.sourceHint')}</p>

      {stage.step !== 'idle' && (
        <div className="progress" role="status" data-testid="import-progress">
          {stage.step === 'reading' ? (
            <>
              <span>{t('data.import.reading')}</span>
              <progress max={1} value={stage.fraction} />
              <span>{Math.round(stage.fraction * 100)} %</span>
            </>
          ) : (
            <>
              <span>{t(stage.step === 'previewing' ? 'data.import.previewing' : 'data.import.applying')}</span>
              {/* No fake percentage: the core answers once; show that it is working and for how long. */}
              <progress />
              <span>{t('data.import.elapsed', { s: formatNumber((now - stage.since) / 1000, lang, 1) })}</span>
            </>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {done && (
        <p className="ok" role="status" data-testid="import-done">
          {done}
        </p>
      )}

      {preview && (
        <div className="preview" data-testid="import-preview">
          <h3>
            {t('data.import.summary')}: {preview.fileName}
          </h3>
          <dl className="facts">
            <div>
              <dt>{t('data.import.format')}</dt>
              <dd>{preview.format.toUpperCase()}</dd>
            </div>
            {preview.detectedEncoding && (
              <div>
                <dt>{t('data.import.encoding')}</dt>
                <dd data-testid="import-encoding">
                  {preview.detectedEncoding}
                  {preview.encodingConfidence === 'low' ? ` (${t('data.import.confidenceLow')})` : ''}
                </dd>
              </div>
            )}
            {preview.delimiter && (
              <div>
                <dt>{t('data.import.delimiter')}</dt>
                <dd>{preview.delimiter === '\t' ? 'Tab' : `"${preview.delimiter}"`}</dd>
              </div>
            )}
            {preview.headerRow !== null && (
              <div>
                <dt>{t('data.import.headerRow')}</dt>
                <dd>{preview.headerRow}</dd>
              </div>
            )}
          </dl>
          <div className="counts" data-testid="import-counts">
            <Count label={t('data.import.rowsTotal')} value={preview.rows.total} lang={lang} testid="count-total" />
            <Count label={t('data.import.rowsValid')} value={preview.rows.valid} lang={lang} testid="count-valid" />
            <Count label={t('data.import.rowsErrors')} value={preview.rows.withErrors} lang={lang} tone={preview.rows.withErrors ? 'bad' : undefined} testid="count-errors" />
            <Count label={t('data.import.rowsSkipped')} value={preview.rows.skipped} lang={lang} testid="count-skipped" />
            <span className="sep" />
            <Count label={t('data.import.created')} value={preview.actions.created} lang={lang} tone="new" testid="count-created" />
            <Count label={t('data.import.updated')} value={preview.actions.updated} lang={lang} tone="upd" testid="count-updated" />
            <Count label={t('data.import.unchanged')} value={preview.actions.unchanged} lang={lang} testid="count-unchanged" />
          </div>

          <section>
            <h4>{t('data.import.problems', { count: preview.problemCount })}</h4>
            {preview.problems.length === 0 ? (
              <p className="ok">{t('data.import.noProblems')}</p>
            ) : (
              <table className="grid problems" data-testid="import-problems">
                <thead>
                  <tr>
                    <th className="num">{t('data.import.row')}</th>
                    <th>{t('data.import.column')}</th>
                    <th>{t('data.import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.map((p, i) => (
                    <tr key={i} className={p.severity}>
                      <td className="num">{p.row ?? '–'}</td>
                      <td>{p.column ?? '–'}</td>
                      <td>
                        <span className={`sev ${p.severity}`}>{t(`data.import.severity.${p.severity}`)}</span> {reason(p)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {preview.problemCount > preview.problems.length && <p className="muted">{t('data.import.moreProblems', { count: preview.problemCount - preview.problems.length })}</p>}
          </section>

          {skippedSummary.length > 0 && (
            <p className="muted" data-testid="import-skipped">
              {t('data.import.skipped')}:{' '}
              {skippedSummary
                .map(([r, rows]) => `${t(`data.import.skip.${r}`, { other: preview.skipped.find((s) => s.reason === r)?.other })} (${t('data.import.row').toLowerCase()} ${rows.slice(0, 8).join(', ')}${rows.length > 8 ? '…' : ''})`)
                .join('; ')}
            </p>
          )}

          {preview.headers.length > 0 && (
            <details className="mapping" open={preview.errorCount > 0 || Object.keys(mapping).length > 0}>
              <summary>
                {t('data.import.mapping')}
                {preview.rememberedFrom && <span className="muted"> — {t('data.import.remembered', { source: preview.rememberedFrom })}</span>}
              </summary>
              <table className="grid" data-testid="import-mapping">
                <thead>
                  <tr>
                    <th>{t('data.import.field')}</th>
                    <th>{t('data.import.column')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {preview.mapping.map((m) => (
                    <tr key={m.field}>
                      <td>{labelOf(m.field)}</td>
                      <td>
                        <select value={m.column ?? ''} onChange={(e) => remap(m.field, e.target.value)} disabled={busy} aria-label={labelOf(m.field)} data-testid={`map-${m.field}`}>
                          <option value="">{t('data.import.notInFile')}</option>
                          {preview.headers.map((h, i) => (
                            <option key={i} value={i}>
                              {String.fromCharCode(65 + (i % 26))}
                              {i >= 26 ? Math.floor(i / 26) : ''}: {h || '…'}
                              {preview.samples[0]?.[i] ? ` (${t('data.import.sample')} ${preview.samples[0][i]})` : ''}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="muted">{m.via ? t(`data.import.via.${m.via}`) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}

          {preview.changes.length > 0 && (
            <section>
              <h4>{t('data.import.changes')}</h4>
              <table className="grid changes" data-testid="import-changes">
                <tbody>
                  {preview.changes.slice(0, 30).map((ch) => (
                    <tr key={ch.row}>
                      <td className="num">{ch.row}</td>
                      <td>
                        <span className={`act ${ch.action}`}>{t(`data.import.action.${ch.action}`)}</span>
                      </td>
                      <td>{ch.label}</td>
                      <td className="muted">{ch.changed.map((x) => `${labelOf(x.field)}: ${String(x.from ?? '–')} → ${String(x.to ?? '–')}`).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <div className="button-row">
            <button type="button" className="primary" onClick={() => void apply()} disabled={!preview.token || busy} data-testid="import-apply">
              {t('data.import.apply')}
            </button>
            <button type="button" onClick={() => file && void runPreview(file, mapping)} disabled={!file || busy}>
              {t('data.import.rerun')}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              {t('data.import.cancel')}
            </button>
            {!preview.token && preview.errorCount > 0 && <span className="error">{t('data.import.applyBlocked')}</span>}
          </div>
        </div>
      )}
    </div>
  );
}

function Count({ label, value, lang, tone, testid }: { label: string; value: number; lang: Lang; tone?: 'bad' | 'new' | 'upd'; testid: string }) {
  return (
    <div className={`count ${tone ?? ''}`} data-testid={testid}>
      <span className="value">{formatNumber(value, lang)}</span>
      <span className="label">{label}</span>
    </div>
  );
}
