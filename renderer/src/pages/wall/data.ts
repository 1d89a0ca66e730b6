import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../api/hooks';
import type { OpInput, OpName } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';

/**
 * Queries of the wall display and the briefing. Keyed exactly like `useOp` ([op, input]) so
 * the cache — and the app-wide invalidation on every change event — is shared with the map and
 * the boards: the same numbers come from the same operations. While a query refetches (a
 * change arrived, the day moved on), the previous answer stays on screen: no flicker.
 */
export function useStableOp<K extends OpName>(op: K, input: OpInput<K>, opts: { enabled?: boolean; refetchMs?: number } = {}) {
  const client = useApiClient();
  return useQuery({
    queryKey: [op, input],
    queryFn: () => client.call(op, input),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
    // A wall runs for days: a slow poll catches anything a lost change event missed.
    refetchInterval: opts.refetchMs,
  });
}

/**
 * Everything one day of the situation needs, for the wall and the briefing. The day itself
 * (previous day, comparison day, the instant the boards are read at) is decided by the core
 * (`wall.day`), so both screens describe the same day the same way.
 */
export function useSituation(date: string | null, opts: { refetchMs?: number } = {}) {
  const day = useStableOp('wall.day', { date: date ?? '' }, { enabled: !!date, refetchMs: opts.refetchMs });
  // While the next day's answer loads, keep reading the previous day (no blank screen).
  const d = day.data ?? null;
  const on = { enabled: !!d, refetchMs: opts.refetchMs };
  const today = useStableOp('metrics.snapshot', { date: d?.date ?? '', level: 'district' }, on);
  const previous = useStableOp('metrics.snapshot', { date: d?.previousDate ?? '', level: 'district' }, on);
  const compare = useStableOp('metrics.snapshot', { date: d?.compareDate ?? '', level: 'district' }, on);
  const facilities = useStableOp('boards.facilities', { at: d?.at }, on);
  const tasks = useStableOp('boards.tasks', { at: d?.at }, on);
  const queries = [day, today, previous, compare, facilities, tasks];
  return {
    day: d,
    today: today.data,
    previous: previous.data,
    compare: compare.data,
    facilities: facilities.data,
    tasks: tasks.data,
    /** Every answer is for `date` (none is a placeholder from another day). */
    complete: !!d && d.date === date && queries.every((q) => q.data !== undefined && !q.isPlaceholderData),
    errors: queries.map((q) => q.error).filter((e): e is Error => !!e),
  };
}

export type LiveState = 'connecting' | 'live' | 'offline' | 'refused';

/**
 * Connection of the wall to its data: the change stream's state (SSE in web mode, always on
 * over IPC) and whether calls are refused (a revoked token). After a reconnect every query is
 * refreshed — change events sent while the stream was down were missed. EventSource reconnects
 * by itself; the last figures stay on screen meanwhile.
 */
export function useLiveState(errors: readonly unknown[]): LiveState {
  const client = useApiClient();
  const qc = useQueryClient();
  const [stream, setStream] = useState<'connecting' | 'live' | 'offline'>(client.transport === 'ipc' ? 'live' : 'connecting');
  const wasOffline = useRef(false);
  useEffect(
    () =>
      client.onConnection?.((connected) => {
        // Lost: ask again at once, so the answer tells a dead server (offline) from a revoked
        // token (refused); the figures stay meanwhile. Back: catch up on missed changes.
        if (connected === wasOffline.current) void qc.invalidateQueries();
        wasOffline.current = !connected;
        setStream(connected ? 'live' : 'offline');
      }),
    [client, qc],
  );
  if (errors.some((e) => e instanceof ApiError && (e.code === 'unauthorized' || e.code === 'forbidden'))) return 'refused';
  if (errors.some((e) => e instanceof ApiError && e.code === 'unavailable')) return 'offline';
  return stream;
}
