/**
 * Core side of the screen "Kịch bản": the scenario starting point from the store, saved
 * scenarios (shared settings), and the case forecast fed from case reports. The planner
 * and the forecast themselves are pure, in shared/scenarios.
 */
export { scenarioBaseline } from './baseline';
export { listScenarios, getScenario, saveScenario, deleteScenario, exportScenarioCsv, scenarioKey, SCENARIO_KEY_PREFIX } from './saved';
export type { SaveInput } from './saved';
export { unitForecast, forecastSummary } from './forecasts';
