import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_WALL_SETTINGS, type WallPanel } from '../../../../shared/api/ops/wall';
import { formatDate, formatDateTime } from '../../../../shared/format';
import { useSituation, useLiveState, useStableOp, type LiveState } from './data';
import { useRotation } from './rotation';
import { HeadlinePanel } from './panels/Headline';
import { FacilitiesPanel } from './panels/Facilities';
import { TasksPanel } from './panels/Tasks';
import { LevelsPanel } from './panels/Levels';
import { MapPanel } from './panels/MapPanel';
import './wall.css';

/** A wall runs for days: poll every 5 minutes on top of the change events (a missed event heals). */
const POLL_MS = 5 * 60_000;

/**
 * Màn hình lớn: full screen, dark, legible from 5 metres, no mouse or keyboard needed.
 * Panels rotate (order, seconds and map metric are a shared setting). The day shown is the
 * LATEST REPORT DATE (metrics.range lastDate), so the wall works with demo data from the
 * past. Every figure comes from the same operations as the map and the boards.
 */
export function WallPage() {
  const { t } = useTranslation();
  const info = useStableOp('app.info', {}, { refetchMs: POLL_MS });
  const range = useStableOp('metrics.range', {}, { refetchMs: POLL_MS });
  const settings = useStableOp('wall.settings.get', {});
  const status = useStableOp('wall.status', {});
  const date = range.data?.lastDate ?? null;
  const s = useSituation(date, { refetchMs: POLL_MS });
  const live = useLiveState([info.error, range.error, settings.error, ...s.errors]);

  const values = settings.data?.values ?? DEFAULT_WALL_SETTINGS;
  const index = useRotation(values.panels.length, values.intervalSec * 1000);
  const active = values.panels[index]!;
  const shownDate = s.today?.date ?? date;

  const panel = (p: WallPanel): ReactNode => {
    if (!s.today) return null;
    switch (p) {
      case 'map':
        return <MapPanel metric={values.metric} snapshot={s.today} />;
      case 'headline':
        return <HeadlinePanel city={s.today.city} previous={s.previous?.city} units={s.today.units} />;
      case 'facilities':
        return s.facilities ? <FacilitiesPanel board={s.facilities} /> : null;
      case 'tasks':
        return s.tasks ? <TasksPanel board={s.tasks} /> : null;
      case 'levels':
        return s.compare && s.day ? <LevelsPanel units={s.today.units} before={s.compare.units} compareDate={s.compare.date} /> : null;
    }
  };
  const title = (p: WallPanel) => (p === 'map' ? t('wall.panelTitles.map', { metric: t(`map.metrics.${values.metric}`) }) : t(`wall.panelTitles.${p}`));

  return (
    <div className="wall" data-testid="wall" data-panel={active} data-date={shownDate ?? ''} data-live={live}>
      <header className="wall-head">
        <div className="wall-brand">
          <span className="wall-mark" aria-hidden>
            ▦
          </span>
          Sa Bàn · {t('wall.city')}
        </div>
        <h1 className="wall-title" data-testid="wall-title">
          {title(active)}
        </h1>
        <div className="wall-state">
          {info.data?.demo && (
            <span className="wall-demo" data-testid="wall-demo">
              {t('wall.demo')}
            </span>
          )}
          <span className="wall-date" data-testid="wall-date">
            {shownDate ? t('wall.dataOf', { date: formatDate(shownDate) }) : t('wall.noData')}
          </span>
          <LiveBadge state={live} />
        </div>
      </header>

      <main className="wall-stage">
        {range.data && !date && <p className="wall-empty">{t('wall.noData')}</p>}
        {values.panels.map((p) => (
          <section key={p} className={`wall-panel${p === active ? ' active' : ''}`} aria-hidden={p !== active} data-testid={`wall-panel-${p}`}>
            {panel(p)}
          </section>
        ))}
      </main>

      <footer className="wall-foot">
        <ol className="wall-dots" aria-label={t('nav.wall')}>
          {values.panels.map((p) => (
            <li key={p} className={p === active ? 'active' : undefined}>
              {t(`wall.panels.${p}`)}
            </li>
          ))}
        </ol>
        <div className="wall-fresh" data-testid="wall-freshness">
          {info.data?.freshness.lastChangeAt && <span>{t('wall.updatedAt', { time: formatDateTime(info.data.freshness.lastChangeAt) })}</span>}
          {/* Last successful sync with the hub (only when sync is set up on the serving machine). */}
          {status.data?.lastSyncAt && <span data-testid="wall-sync">{t('wall.syncedAt', { time: formatDateTime(status.data.lastSyncAt) })}</span>}
          {status.data?.readOnly && <span className="wall-ro">{t('wall.readOnly')}</span>}
        </div>
        {/* Restarts with each panel: how long until the next one. */}
        <div key={`${active}:${index}`} className="wall-progress" style={{ animationDuration: `${values.intervalSec}s` }} aria-hidden />
      </footer>
    </div>
  );
}

function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  const text = { live: t('wall.live'), connecting: t('wall.connecting'), offline: t('wall.offline'), refused: t('wall.refused') }[state];
  return (
    <span className={`wall-live ${state}`} role="status" data-testid="wall-live">
      <span className="dot" aria-hidden /> {text}
      {state === 'offline' && <span className="wall-live-hint"> · {t('wall.offlineHint')}</span>}
    </span>
  );
}
