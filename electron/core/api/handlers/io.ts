import type { Store } from '../../store';
import type { CallContext } from '../context';
import type { ImportKind } from '../../../../shared/io';
import { ImportSessions, MAX_ROWS, applyImport, maxImportBytes, previewImport, rememberedSources, type PreviewInput } from '../../io/pipeline';
import { buildTemplate } from '../../io/templates';
import { exportTable, type ExportFilter, type ExportTable } from '../../io/export';
import { exportGeojson, type SnapshotFn } from '../../io/geojson';
import { applyBoundaries, previewBoundaries } from '../../io/boundaries';
import { metricsServiceFor } from './metrics';

/** Handlers for the operations in shared/api/ops/io.ts (logic lives in electron/core/io). */
export function ioHandlers(store: Store) {
  const sessions = new ImportSessions(() => store.clock());
  // The GeoJSON export shows exactly what metrics.snapshot shows: the store's one service.
  const metricsSnapshot = (): SnapshotFn => (date, level) => metricsServiceFor(store).snapshot(date, level) as ReturnType<SnapshotFn>;

  return {
    'import.config': () => ({ maxBytes: maxImportBytes(store), maxRows: MAX_ROWS, sources: rememberedSources(store) }),
    'import.preview': (input: PreviewInput, ctx: CallContext) => previewImport(store, ctx, input, sessions),
    'import.apply': ({ token }: { token: string }, ctx: CallContext) => applyImport(store, ctx, token, sessions),
    'templates.get': ({ kind, districtCode, date }: { kind: ImportKind; districtCode?: string; date?: string }) => buildTemplate(store, kind, districtCode, date),
    'export.table': ({ table, format, ...filter }: { table: ExportTable; format: 'csv' | 'xlsx' } & ExportFilter) => exportTable(store, table, format, filter),
    'export.geojson': ({ level, date }: { level: 'district' | 'ward'; date?: string }) => exportGeojson(store, level, date, metricsSnapshot()),
    'boundaries.preview': (input: { level: 'ward'; fileName: string; contentBase64: string }, ctx: CallContext) =>
      previewBoundaries(store, ctx, input, () => store.clock()),
    'boundaries.apply': ({ token }: { token: string }, ctx: CallContext) => applyBoundaries(store, ctx, token, () => store.clock()),
  };
}
