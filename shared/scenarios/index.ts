/**
 * Scenarios and forecasts (screen "Kịch bản"): the response-scenario planner and the
 * 14-day case forecast. Pure functions, run in the renderer (instant recompute) and in
 * the core (saved scenarios, exports, forecasts fed from the store). See README.md.
 */
export * from './schema';
export * from './defaults';
export * from './path';
export * from './planner';
export * from './forecast';
export * from './csv';
