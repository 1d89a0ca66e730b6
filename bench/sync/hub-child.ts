import { startHub, type HubOptions } from '../../electron/hub/server';

/**
 * A hub in its own process for the sync benchmarks: `node --import tsx bench/sync/hub-child.ts '<HubOptions JSON>'`.
 * Its own process (not startHub in the benchmark's process) so the hub gets its own event
 * loop, as in production: otherwise the 200 simulated devices' SQLite work would sit in
 * the hub's latency. Uses only the public startHub; prints `BENCH_HUB_URL <url>`.
 */
const opts = JSON.parse(process.argv[2] ?? '{}') as HubOptions;
const hub = await startHub(opts);
console.log(`BENCH_HUB_URL ${hub.url}`);
const stop = () => {
  void hub.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
