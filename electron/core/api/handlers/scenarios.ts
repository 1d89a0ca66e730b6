import type { Store } from '../../store';
import type { CallContext } from '../context';
import {
  deleteScenario,
  exportScenarioCsv,
  forecastSummary,
  getScenario,
  listScenarios,
  saveScenario,
  scenarioBaseline,
  unitForecast,
  type SaveInput,
} from '../../scenarios';

/** Handlers for the operations in shared/api/ops/scenarios.ts (logic in electron/core/scenarios). */
export function scenarioHandlers(store: Store) {
  return {
    'scenarios.baseline': ({ at }: { at?: string }) => scenarioBaseline(store, at),
    'scenarios.list': ({ taskId }: { taskId?: string }) => listScenarios(store, taskId),
    'scenarios.get': ({ id }: { id: string }) => getScenario(store, id),
    'scenarios.save': (input: SaveInput, ctx: CallContext) => saveScenario(store, ctx, input),
    'scenarios.delete': ({ id }: { id: string }, ctx: CallContext) => deleteScenario(store, ctx, id),
    'scenarios.exportCsv': ({ id, lang }: { id: string; lang: 'vi' | 'en' }) => exportScenarioCsv(store, id, lang),
    'scenarios.forecast': ({ unitCode, asOf }: { unitCode: string; asOf?: string }) => unitForecast(store, unitCode, asOf),
    'scenarios.forecastSummary': ({ asOf }: { asOf?: string }) => forecastSummary(store, asOf),
  };
}
