import { isMapMetricId, type MapMetricId } from './metrics';
import { isIsoDate } from '../../../shared/metrics';

/**
 * The map's shareable state lives in the URL: `/map?d=001&day=2021-12-15&m=incidence&v=ward`
 * (selected district, day, metric, unit level). Anything invalid in a pasted link is ignored.
 */
export interface MapUrlState {
  district: string | null;
  day: string | null;
  metric: MapMetricId;
  view: 'district' | 'ward';
}

export const DEFAULT_METRIC: MapMetricId = 'incidence';

export function parseMapUrl(search: URLSearchParams): MapUrlState {
  const d = search.get('d');
  const day = search.get('day');
  const m = search.get('m');
  return {
    district: d && /^\d{3}$/.test(d) ? d : null,
    day: day && isIsoDate(day) ? day : null,
    metric: isMapMetricId(m) ? m : DEFAULT_METRIC,
    view: search.get('v') === 'ward' ? 'ward' : 'district',
  };
}

export function formatMapUrl(s: MapUrlState, keep?: URLSearchParams): string {
  const p = new URLSearchParams();
  // Keep unrelated parameters (e.g. ?token= for a wall display, ?lang=).
  keep?.forEach((v, k) => {
    if (!['d', 'day', 'm', 'v'].includes(k)) p.set(k, v);
  });
  if (s.district) p.set('d', s.district);
  if (s.day) p.set('day', s.day);
  p.set('m', s.metric);
  if (s.view === 'ward') p.set('v', 'ward');
  return `/map?${p.toString()}`;
}

