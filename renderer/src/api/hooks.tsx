import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../shared/api/client';
import type { OpInput, OpName, OpOutput } from '../../../shared/api/contract';

/** Queries that show sync state (refreshed by the core's `sync` event). */
const SYNC_VIEWS = new Set(['sync.status', 'sync.log', 'sync.conflicts.list', 'wall.status']);

const ClientContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  useEffect(
    // Any committed change (this screen's, another window's, a sync) refreshes the views.
    // A sync round that changed no data only refreshes the sync views (status, log, wall
    // slot): a background round every minute must not refetch every screen.
    () =>
      client.onChange((e) => {
        if (e.entities.length === 1 && e.entities[0] === 'sync') {
          void queryClient.invalidateQueries({ predicate: (q) => SYNC_VIEWS.has(String(q.queryKey[0])) });
        } else void queryClient.invalidateQueries();
      }),
    [client, queryClient],
  );
  return (
    <ClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ClientContext.Provider>
  );
}

export function useApiClient(): ApiClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('ApiProvider missing');
  return c;
}

/** A contract query, cached by operation and input. */
export function useOp<K extends OpName>(op: K, input: OpInput<K>, opts: { enabled?: boolean } = {}) {
  const client = useApiClient();
  return useQuery({ queryKey: [op, input], queryFn: () => client.call(op, input), enabled: opts.enabled });
}

export function useMutationOp<K extends OpName>(op: K) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OpInput<K>) => client.call(op, input) as Promise<OpOutput<K>>,
    onSuccess: () => void qc.invalidateQueries(),
  });
}

/** Live connection state (SSE in web mode; IPC is always connected). */
export function useConnection(): boolean {
  const client = useApiClient();
  const [connected, setConnected] = useState(client.transport === 'ipc');
  useEffect(() => client.onConnection?.(setConnected), [client]);
  return connected;
}
