import type { Store } from '../../store';
import type { CallContext } from '../context';
import {
  alertsAt,
  boardSettingsOut,
  facilityBoardAt,
  facilityDetailAt,
  taskBoardAt,
  updateBoardSettings,
} from '../../boards';
import { writeCtx } from './util';
import type { BoardSettings } from '../../../../shared/api/ops/boards';

/** Handlers for the operations in shared/api/ops/boards.ts (logic in electron/core/boards). */
export function boardHandlers(store: Store) {
  return {
    'boards.settings': () => boardSettingsOut(store),
    'boards.updateSettings': (patch: Partial<BoardSettings>, ctx: CallContext) => updateBoardSettings(store, writeCtx(ctx), patch),
    'boards.facilities': ({ at }: { at?: string }) => facilityBoardAt(store, at),
    'boards.facility': ({ id, at, days }: { id: string; at?: string; days?: number }) => facilityDetailAt(store, id, at, days),
    'boards.alerts': ({ at }: { at?: string }) => alertsAt(store, at),
    'boards.tasks': ({ at }: { at?: string }) => taskBoardAt(store, at),
  };
}
