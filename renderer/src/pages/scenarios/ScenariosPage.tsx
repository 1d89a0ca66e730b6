import { useTranslation } from 'react-i18next';
import type { ScenarioBaseline, SavedScenarioOut } from '../../../../shared/api/ops/scenarios';
import { formatDate } from '../../../../shared/format';
import { useApiClient, useOp } from '../../api/hooks';
import { navigate, useLocation } from '../../router';
import { ForecastView } from './ForecastView';
import { PlannerView } from './PlannerView';
import { SavedView } from './SavedView';
import { usePlanner } from './usePlanner';
import './scenarios.css';

type Tab = 'planner' | 'forecast' | 'saved';
const TABS: Tab[] = ['planner', 'forecast', 'saved'];

/**
 * "Kịch bản": response scenarios (how many beds of each tier, ICU beds and oxygen outlets
 * are needed, and when each runs out, if N new cases come every day), the 14-day case
 * forecast with its track record, and saved scenarios side by side. The URL carries the
 * tab, the forecast unit and the scenarios compared (?tab=saved&compare=a,b).
 */
export function ScenariosPage() {
  const { t } = useTranslation();
  const baseline = useOp('scenarios.baseline', {});
  return (
    <section className="page board-page scenarios-page" data-testid="page-scenarios">
      <h1>{t('scenarios.title')}</h1>
      {baseline.error && <p className="error">{t('common.error', { message: baseline.error.message })}</p>}
      {!baseline.data && !baseline.error && <p>{t('common.loading')}</p>}
      {baseline.data && <Loaded baseline={baseline.data} />}
    </section>
  );
}

function Loaded({ baseline }: { baseline: ScenarioBaseline }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const client = useApiClient();
  const tab = (TABS as string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Tab) : 'planner';
  const unit = search.get('unit') ?? '01';
  const compare = (search.get('compare') ?? '').split(',').filter(Boolean);
  const planner = usePlanner(baseline);
  const settings = useOp('boards.settings', {});
  const warnPct = settings.data?.values.warnPct ?? 80;

  const go = (params: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(params)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    navigate(`/scenarios?${next.toString()}`);
  };

  const open = (s: SavedScenarioOut) => {
    planner.load(s.inputs, { id: s.id, name: s.name, note: s.note, taskId: s.taskId });
    go({ tab: 'planner' });
  };

  const applyForecast = async () => {
    const f = await client.call('scenarios.forecast', { unitCode: '01' });
    if (!f.forecast || !f.asOf) return;
    planner.update((d) => ({
      ...d,
      preset: null,
      casePath: {
        kind: 'series',
        source: 'forecast',
        values: f.forecast!.days.map((x) => Math.round(x.point)),
        after: 'hold',
        note: t('scenarios.path.forecastNote', { date: formatDate(f.asOf), band: t('scenarios.path.bands.point') }),
      },
    }));
    planner.setMeta({ id: null, name: t('scenarios.forecast.scenarioName', { date: formatDate(f.asOf) }) });
    go({ tab: 'planner' });
  };

  return (
    <>
      <p className="lead">{t('scenarios.lead')}</p>
      <div className="tabs" role="tablist" aria-label={t('scenarios.tabsLabel')}>
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => go({ tab: k })} data-testid={`tab-${k}`}>
            {t(`scenarios.tab.${k}`)}
          </button>
        ))}
      </div>
      <div className="sc-tab" lang={i18n.language}>
        {tab === 'planner' && <PlannerView planner={planner} baseline={baseline} warnPct={warnPct} />}
        {tab === 'forecast' && <ForecastView unitCode={unit} onUnit={(u) => go({ unit: u })} onUse={() => void applyForecast()} />}
        {tab === 'saved' && <SavedView compare={compare} onCompare={(ids) => go({ compare: ids.join(',') })} onOpen={open} />}
      </div>
    </>
  );
}
