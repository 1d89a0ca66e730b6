import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../../router';
import { isoDate } from '../../../../shared/domain';
import { addDays } from '../../../../shared/metrics';
import { formatDate, formatDateTime, formatNumber, parseDisplayDate, type Lang } from '../../../../shared/format';
import { useSituation, useStableOp } from '../wall/data';
import { districtRows, headlineNumbers, levelChanges, levelCounts, levelOf, overdueTasks } from '../wall/derive';
import { formatDelta, LevelChip, levelName } from '../wall/format';
import { DistrictMap } from '../wall/DistrictMap';
import { metricLegend } from '../../map/format';
import './briefing.css';

declare global {
  interface Window {
    /** Set by the Electron preload: prints this page to a PDF file with webContents.printToPDF. */
    sabanPrint?: { toPDF(suggestedName: string): Promise<{ ok: boolean; path?: string; canceled?: boolean; error?: string }> };
  }
}

/** The briefing's map shows the epidemic level (the table's last column), as on the wall. */
const MAP_METRIC = 'level' as const;
/**
 * Canvas resolution of the map image: 1.5 × 700 CSS px ≈ 144 dpi across the A4 text width.
 * Reading a WebGL canvas back costs time (most with software GL), so not more.
 */
const PRINT_PIXEL_RATIO = 1.5;

/**
 * Báo cáo nhanh: an A4 report of one day (`/briefing?date=YYYY-MM-DD`, default the latest
 * report date), from the same operations as the map, the wall and the boards.
 *
 * The map is the map screen's own canvas (DistrictMap → MapCanvas), drawn off screen at 1.5×
 * and copied into an <img> with `canvas.toDataURL()` (the map keeps its drawing buffer):
 * a WebGL canvas is not reliably rasterised by the print pipeline (window.print, page.pdf,
 * Electron printToPDF), an image always is — and it is the same map, colours and labels.
 * `data-ready="true"` on the sheet marks that every figure and the map image are in.
 */
export function BriefingPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const { search } = useLocation();
  const range = useStableOp('metrics.range', {});
  const info = useStableOp('app.info', {});
  const requested = search.get('date');
  const validRequest = requested !== null && isoDate.safeParse(requested).success ? requested : null;
  const date = validRequest ?? range.data?.lastDate ?? null;
  const s = useSituation(date);

  const mapKey = useMemo(() => (s.today ? `${s.today.date}:${s.today.units.map((u) => levelOf(u) ?? 0).join('')}` : null), [s.today]);
  const [mapImage, setMapImage] = useState<{ key: string; url: string } | null>(null);
  const onRendered = useCallback(
    (canvas: HTMLCanvasElement) => {
      if (mapKey) setMapImage((prev) => (prev?.key === mapKey ? prev : { key: mapKey, url: canvas.toDataURL('image/png') }));
    },
    [mapKey],
  );
  // The PDF needs the shipped font in place too (Vietnamese diacritics), not a fallback.
  const [fontsReady, setFontsReady] = useState(false);
  useEffect(() => void document.fonts.ready.then(() => setFontsReady(true)), []);
  const ready = fontsReady && s.complete && !!info.data && !!mapKey && mapImage?.key === mapKey;

  useEffect(() => {
    document.title = date ? `${t('briefing.pageTitle')} ${formatDate(date)} — Sa Bàn` : `${t('briefing.pageTitle')} — Sa Bàn`;
  }, [date, t]);

  // When this copy was made (the print time, not a data judgement: the renderer's clock is fine).
  const [generatedAt] = useState(() => new Date().toISOString());
  const [printState, setPrintState] = useState<string | null>(null);
  const print = async () => {
    if (!window.sabanPrint) return window.print();
    setPrintState(t('briefing.printing'));
    try {
      const r = await window.sabanPrint.toPDF(`bao-cao-nhanh-${date}.pdf`);
      setPrintState(r.ok ? t('briefing.saved', { path: r.path }) : r.canceled ? null : t('briefing.electronGap', { message: r.error ?? '?' }));
    } catch (err) {
      setPrintState(t('briefing.electronGap', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  const n = (v: number | null | undefined, d = 0) => formatNumber(v, lang, d);
  const outOfRange = !!(date && range.data?.firstDate && range.data.lastDate && (date < range.data.firstDate || date > range.data.lastDate));
  const city = s.today?.city;
  const cityLevel = levelOf(city);
  const legend = metricLegend(MAP_METRIC, lang);
  const changes = s.today && s.compare ? levelChanges(s.today.units, s.compare.units) : [];
  const overdue = s.tasks ? overdueTasks(s.tasks) : [];

  return (
    <section className="page briefing-page" data-testid="page-briefing">
      <div className="briefing-toolbar">
        <h1>{t('briefing.pageTitle')}</h1>
        {date && (
          <DateField
            date={date}
            first={range.data?.firstDate ?? null}
            last={range.data?.lastDate ?? null}
            onDate={(d) => navigate(`/briefing?date=${d}`, { replace: true })}
          />
        )}
        {validRequest && range.data?.lastDate && validRequest !== range.data.lastDate && (
          <button onClick={() => navigate('/briefing', { replace: true })}>{t('briefing.latest')}</button>
        )}
        <button className="primary" onClick={() => void print()} disabled={!ready} data-testid="briefing-print">
          {t('briefing.print')}
        </button>
        <span className="muted" role="status">
          {printState ?? (ready ? t('briefing.ready') : date ? t('briefing.preparing') : '')}
        </span>
      </div>
      {range.data && !range.data.lastDate && <p className="notice">{t('briefing.noData')}</p>}
      {outOfRange && (
        <p className="notice">
          {t('briefing.outOfRange', { date: formatDate(date), from: formatDate(range.data?.firstDate), to: formatDate(range.data?.lastDate) })}
        </p>
      )}

      {date && (
        <article className="briefing-sheet" data-testid="briefing-sheet" data-ready={ready ? 'true' : 'false'} data-date={date}>
          <header className="briefing-head">
            <h2 className="briefing-title">{t('briefing.title')}</h2>
            <p className="briefing-subtitle">{t('briefing.subtitle', { date: formatDate(date) })}</p>
            <p className="briefing-generated">{t('briefing.generated', { time: formatDateTime(generatedAt) })}</p>
            {info.data?.demo && (
              <p className="briefing-demo" data-testid="briefing-demo">
                {t('briefing.demo')}
              </p>
            )}
          </header>

          <section className="briefing-section">
            <h3>{t('briefing.s1')}</h3>
            {city && (
              <>
                <div className="briefing-figures">
                  {headlineNumbers(city, s.previous?.city).map((h) => (
                    <div key={h.id} className="briefing-figure" data-testid={`briefing-headline-${h.id}`}>
                      <div className="label">{t(`wall.headline.${h.id}`)}</div>
                      <div className="value">{n(h.value, h.digits)}</div>
                      <div className="delta">
                        {h.delta === null ? t('wall.headline.noPrevious') : t('briefing.vsYesterday', { delta: formatDelta(h.delta, h.digits, lang), date: formatDate(s.previous?.date) })}
                      </div>
                    </div>
                  ))}
                </div>
                <p className="briefing-level" data-testid="briefing-city-level">
                  <LevelChip level={cityLevel} /> {cityLevel ? t('briefing.cityLevel', { level: levelName(cityLevel, lang) }) : t('briefing.cityLevelNone')}
                  {city.epidemicLevel && <span className="muted"> — {city.epidemicLevel.driverText[lang]}</span>}
                </p>
              </>
            )}
          </section>

          <section className="briefing-section briefing-map-section">
            <h3>{t('briefing.s2')}</h3>
            <div className="briefing-map-row">
              <figure className="briefing-map">
                {mapImage?.key === mapKey ? (
                  <img src={mapImage.url} alt={t('briefing.mapAlt', { date: formatDate(date) })} data-testid="briefing-map-image" />
                ) : (
                  <div className="briefing-map-wait">{t('briefing.mapLoading')}</div>
                )}
              </figure>
              <div className="briefing-map-side">
                <p className="legend-title">{legend.title}</p>
                <ul className="briefing-legend">
                  {s.today &&
                    levelCounts(s.today.units).map((c) => (
                      <li key={String(c.level)}>
                        <LevelChip level={c.level} /> {c.level ? levelName(c.level, lang) : t('wall.levelNone')}: <strong>{n(c.count)}</strong>
                      </li>
                    ))}
                </ul>
              </div>
            </div>
            {/* The live map, off screen: its frames become the image above. */}
            <div className="briefing-map-live" aria-hidden>
              <DistrictMap theme="light" metric={MAP_METRIC} snapshot={s.today} labelScale={1.15} padding={8} pixelRatio={PRINT_PIXEL_RATIO} onRendered={onRendered} />
            </div>
          </section>

          <section className="briefing-section">
            <h3>{t('briefing.s3')}</h3>
            <table className="briefing-table districts" data-testid="briefing-districts">
              <thead>
                <tr>
                  <th>{t('briefing.col.no')}</th>
                  <th>{t('briefing.col.district')}</th>
                  <th className="num">{t('briefing.col.new7d')}</th>
                  <th className="num">{t('briefing.col.community7d')}</th>
                  <th className="num">{t('briefing.col.incidence')}</th>
                  <th className="num">{t('briefing.col.activeF0')}</th>
                  <th>{t('briefing.col.level')}</th>
                </tr>
              </thead>
              <tbody>
                {s.today &&
                  districtRows(s.today.units).map((u, i) => (
                    <tr key={u.code} data-code={u.code}>
                      <td className="num">{i + 1}</td>
                      <td>{u.name}</td>
                      <td className="num">{n(u.newTotal7d)}</td>
                      <td className="num">{n(u.newCommunity7d)}</td>
                      <td className="num">{n(u.incidence7dPer100k, 1)}</td>
                      <td className="num">{n(u.activeF0)}</td>
                      <td>
                        <LevelChip level={levelOf(u)} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>

          <section className="briefing-section">
            <h3>{t('briefing.s4')}</h3>
            {s.facilities && (
              <>
                <table className="briefing-table tiers" data-testid="briefing-tiers">
                  <thead>
                    <tr>
                      <th>{t('briefing.col.tier')}</th>
                      <th className="num">{t('briefing.col.facilities')}</th>
                      <th className="num">{t('briefing.col.beds')}</th>
                      <th className="num">{t('briefing.col.occupied')}</th>
                      <th className="num">{t('briefing.col.free')}</th>
                      <th className="num">{t('briefing.col.occupancy')}</th>
                      <th className="num">{t('briefing.col.icu')}</th>
                      <th className="num">{t('briefing.col.daysUntilFull')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.facilities.tiers.map((tier) => (
                      <tr key={tier.tier} className={tier.level ?? ''}>
                        <td>
                          {t('wall.tier', { tier: tier.tier })}
                          <div className="muted hint">{t(`facilities.tierHint.${tier.tier}`)}</div>
                        </td>
                        <td className="num">
                          {n(tier.reporting)}/{n(tier.facilities)}
                        </td>
                        <td className="num">{n(tier.bedsReported)}</td>
                        <td className="num">{n(tier.occupied)}</td>
                        <td className="num">{n(tier.free)}</td>
                        <td className="num">{tier.occupancyPct === null ? '–' : `${n(tier.occupancyPct, 1)} %`}</td>
                        <td className="num">
                          {n(tier.icuOccupied)}/{n(tier.icuBeds)}
                        </td>
                        <td className="num">
                          {tier.daysUntilFull === null ? '–' : tier.daysUntilFull > 365 ? t('briefing.overAYear') : t('briefing.days', { count: tier.daysUntilFull })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {s.facilities.alerts.length > 0 && (
                  <p className="briefing-alerts">
                    {t('briefing.alerts', {
                      count: s.facilities.alerts.length,
                      list: s.facilities.alerts.map((a) => `${a.name} ${n(a.pct)} %`).join('; '),
                    })}
                  </p>
                )}
              </>
            )}
          </section>

          <section className="briefing-section">
            <h3>{t('briefing.s5', { date: formatDate(s.compare?.date) })}</h3>
            {s.compare &&
              (changes.length === 0 ? (
                <p>{t('briefing.noChanges')}</p>
              ) : (
                <table className="briefing-table changes" data-testid="briefing-changes">
                  <thead>
                    <tr>
                      <th>{t('briefing.col.district')}</th>
                      <th>{t('briefing.col.before', { date: formatDate(s.compare.date) })}</th>
                      <th>{t('briefing.col.after', { date: formatDate(date) })}</th>
                      <th>{t('briefing.col.change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.code}>
                        <td>{c.name}</td>
                        <td>
                          <LevelChip level={c.from} />
                        </td>
                        <td>
                          <LevelChip level={c.to} />
                        </td>
                        <td className={c.direction}>
                          {c.direction === 'up' ? '▲' : '▼'} {t(`briefing.${c.direction}`)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
          </section>

          <section className="briefing-section">
            <h3>{t('briefing.s6')}</h3>
            {s.tasks &&
              (overdue.length === 0 ? (
                <p>{t('briefing.noOverdue')}</p>
              ) : (
                <table className="briefing-table" data-testid="briefing-overdue">
                  <thead>
                    <tr>
                      <th>{t('briefing.col.task')}</th>
                      <th>{t('briefing.col.assignee')}</th>
                      <th>{t('briefing.col.due')}</th>
                      <th className="num">{t('briefing.col.overdue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overdue.map((task) => (
                      <tr key={task.id}>
                        <td>{task.title}</td>
                        <td>{task.assigneeOrg}</td>
                        <td>{formatDate(task.dueDate)}</td>
                        <td className="num">{t('briefing.days', { count: -(task.daysLeft ?? 0) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
          </section>

          <footer className="briefing-note">
            <p>{t('briefing.note')}</p>
            {city?.epidemicLevel?.usesUnconfirmed && <p>{t('briefing.unconfirmed')}</p>}
          </footer>
        </article>
      )}
    </section>
  );
}

/** The day as dd/MM/yyyy (the app's convention, whatever the browser's locale), with ◀ ▶ steps. */
function DateField({ date, first, last, onDate }: { date: string; first: string | null; last: string | null; onDate(d: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatDate(date));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(formatDate(date));
    setBad(false);
  }, [date]);
  const commit = () => {
    const d = parseDisplayDate(text);
    setBad(!d);
    if (d && d !== date) onDate(d);
  };
  const step = (n: number) => onDate(addDays(date, n));
  return (
    <span className="briefing-date">
      <button type="button" onClick={() => step(-1)} disabled={!!first && date <= first} aria-label={t('briefing.prevDay')}>
        ◀
      </button>
      <label>
        {t('briefing.date')}{' '}
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          size={10}
          aria-invalid={bad}
          data-testid="briefing-date"
        />
      </label>
      <button type="button" onClick={() => step(1)} disabled={!!last && date >= last} aria-label={t('briefing.nextDay')}>
        ▶
      </button>
      {bad && <span className="error">{t('briefing.badDate')}</span>}
    </span>
  );
}
