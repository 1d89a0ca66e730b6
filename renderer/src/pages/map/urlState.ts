import { useCallback } from 'react';
import { navigate, useLocation } from '../../router';
import { formatMapUrl, parseMapUrl, type MapUrlState } from '../../map/url';

/** The map's URL state (see map/url.ts) and a setter that replaces the history entry. */
export function useMapUrlState(): [MapUrlState, (patch: Partial<MapUrlState>) => void] {
  const { search } = useLocation();
  const state = parseMapUrl(search);
  const update = useCallback(
    (patch: Partial<MapUrlState>) => {
      // Read the live URL (not the render's copy): several updates can happen in one tick.
      const live = new URLSearchParams(location.search);
      const next = { ...parseMapUrl(live), ...patch };
      navigate(formatMapUrl(next, live), { replace: true });
    },
    [],
  );
  return [state, update];
}
