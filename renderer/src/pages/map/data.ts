import { useCallback, useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../api/hooks';
import type { OpInput, OpName } from '../../../../shared/api/contract';
import { addDays } from '../../../../shared/metrics';

/**
 * Queries of the map, keyed exactly like `useOp` ([op, input]) so the cache is shared with
 * every other screen. Day-keyed queries keep the previous day on screen while the next one
 * loads (no flash to grey during replay), and the days ahead are prefetched.
 */

const SNAPSHOT_STALE_MS = 5 * 60_000;

export function useDayQuery<K extends 'metrics.snapshot' | 'map.facilityLoad'>(op: K, input: OpInput<K>, enabled = true) {
  const client = useApiClient();
  return useQuery({
    queryKey: [op, input],
    queryFn: () => client.call(op, input),
    placeholderData: keepPreviousData,
    staleTime: SNAPSHOT_STALE_MS,
    enabled,
  });
}

export function useDayCache() {
  const client = useApiClient();
  const qc = useQueryClient();
  const key = useCallback(<K extends OpName>(op: K, input: OpInput<K>) => [op, input], []);
  const prefetch = useCallback(
    <K extends OpName>(op: K, input: OpInput<K>) =>
      qc.prefetchQuery({ queryKey: key(op, input), queryFn: () => client.call(op, input), staleTime: SNAPSHOT_STALE_MS }),
    [client, qc, key],
  );
  const has = useCallback(<K extends OpName>(op: K, input: OpInput<K>) => qc.getQueryData(key(op, input)) !== undefined, [qc, key]);
  return { prefetch, has };
}

/**
 * Loads the next `ahead` days (and the previous one) one request at a time, so a replay or
 * a held arrow key finds them cached. Sequential on purpose: the core computes a snapshot per
 * request and the machine may be a 2-core workstation.
 */
export function usePrefetchDays(day: string | null, lastDate: string | null, firstDate: string | null, ahead: number, wards: boolean) {
  const { prefetch } = useDayCache();
  useEffect(() => {
    if (!day || !lastDate || !firstDate) return;
    let cancelled = false;
    void (async () => {
      const days = [...Array.from({ length: ahead }, (_, i) => addDays(day, i + 1)), addDays(day, -1)].filter((d) => d >= firstDate && d <= lastDate);
      for (const d of days) {
        if (cancelled) return;
        await prefetch('metrics.snapshot', { date: d, level: 'district' }).catch(() => undefined);
        await prefetch('map.facilityLoad', { date: d }).catch(() => undefined);
        if (wards) await prefetch('metrics.snapshot', { date: d, level: 'ward' }).catch(() => undefined);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [day, lastDate, firstDate, ahead, wards, prefetch]);
}
