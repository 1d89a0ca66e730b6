import { z } from 'zod';
import { isoDate, unitCode } from '../../domain';
import { IMPORT_KINDS } from '../../io/columns';
import { op } from '../op';

/**
 * Data in and out: file import with a dry run, templates, exports, boundary import.
 *
 * Files travel as base64 inside the JSON both transports already carry (IPC and HTTP):
 * no second upload channel, and the same validation at the same boundary. The import is
 * two steps: `import.preview` parses and checks the whole file, keeps the parsed result
 * in the core under a token (15 minutes), and reports every problem and what would
 * change; `import.apply {token}` then writes exactly that, in ONE store.write, or refuses.
 */
const importKind = z.enum(IMPORT_KINDS);
/** Hard ceiling of the transport; the configurable limit (setting `import.maxBytes`) is checked in the core. */
const MAX_BASE64 = 400_000_000;
const fileIn = {
  fileName: z.string().trim().min(1, 'thiếu tên tệp').max(260),
  contentBase64: z.string().max(MAX_BASE64, 'tệp quá lớn'),
};

const problemOut = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  reason: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const mappingOut = z.object({
  field: z.string(),
  column: z.number().int().nullable(),
  header: z.string().nullable(),
  via: z.enum(['manual', 'remembered', 'synonym']).nullable(),
});

export const fileOut = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
  /** Data rows (or features) in the file. */
  rows: z.number().int(),
});
export type FileOut = z.infer<typeof fileOut>;

export const importPreviewOut = z.object({
  /** Present only when the file can be applied (no errors); pass it to import.apply. */
  token: z.string().nullable(),
  expiresAt: z.string().nullable(),
  kind: importKind,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** CSV: the encoding found (UTF-8, Windows-1258, TCVN3 (ABC), …); XLSX: null. */
  detectedEncoding: z.string().nullable(),
  encodingConfidence: z.enum(['certain', 'high', 'low']).nullable(),
  delimiter: z.string().nullable(),
  headerRow: z.number().int().nullable(),
  headers: z.array(z.string()),
  mapping: z.array(mappingOut),
  /** Source whose remembered mapping was used (null when none). */
  rememberedFrom: z.string().nullable(),
  /** First data rows as text, for checking the mapping by eye. */
  samples: z.array(z.array(z.string())),
  rows: z.object({
    /** Non-blank rows under the header. */
    total: z.number().int(),
    /** Rows that will be written or are unchanged. */
    valid: z.number().int(),
    /** Rows with at least one error. */
    withErrors: z.number().int(),
    skipped: z.number().int(),
  }),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string(), other: z.number().int().optional() })),
  problems: z.array(problemOut),
  problemCount: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  actions: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  /** Sample of what will change (first rows), with old → new values for updates. */
  changes: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged']),
      label: z.string(),
      changed: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
  /**
   * Where the time went. CSV rows are checked while papaparse streams them, so for CSV
   * readMs covers decode + parse + cell checks; XLSX readMs is the exceljs read alone.
   * processMs is what follows (for XLSX: the cell checks), planMs the diff against the store.
   */
  timings: z.object({ readMs: z.number(), processMs: z.number(), planMs: z.number(), totalMs: z.number() }),
});
export type ImportPreviewOut = z.infer<typeof importPreviewOut>;

const boundaryPreviewOut = z.object({
  token: z.string().nullable(),
  level: z.enum(['ward', 'district']),
  features: z.number().int(),
  matched: z.number().int(),
  /** Units of the level that no feature matched (e.g. a ward missing from the file). */
  unitsWithout: z.number().int(),
  unmatched: z.array(z.object({ index: z.number().int(), name: z.string().nullable(), code: z.string().nullable(), reason: z.string(), suggestions: z.array(z.string()) })),
  problems: z.array(z.object({ index: z.number().int().nullable(), reason: z.string() })),
});

const exportTable = z.enum(['caseReports', 'vaccinations', 'facilities', 'facilityStatus', 'tasks']);

export const ioOps = {
  'import.config': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: z.object({
      maxBytes: z.number().int(),
      maxRows: z.number().int(),
      /** Sources with a remembered column mapping, per kind. */
      sources: z.array(z.object({ kind: importKind, sourceName: z.string(), updatedAt: z.string().nullable() })),
    }),
    minRole: 'viewer',
    summary: 'Import limits and the sources whose column mapping is remembered',
  }),
  'import.preview': op({
    kind: 'mutation',
    input: z
      .object({
        kind: importKind,
        ...fileIn,
        /** Operator's mapping: field → column index in `headers`, null = not in this file. */
        mapping: z.record(z.string(), z.number().int().min(0).nullable()).optional(),
        /** Who sent the file ("TTYT quận Đống Đa"): its mapping is remembered after apply. */
        sourceName: z.string().trim().max(120).optional(),
      })
      .strict(),
    output: importPreviewOut,
    minRole: 'operator',
    summary: 'Dry run of a CSV/XLSX import: every problem (row, column, reason) and what would change; writes nothing',
  }),
  'import.apply': op({
    kind: 'mutation',
    input: z.object({ token: z.string().min(1).max(100) }).strict(),
    output: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      changeCount: z.number().int(),
      opId: z.string(),
    }),
    minRole: 'operator',
    summary: 'Apply a previewed import: all rows in one transaction, or nothing',
  }),
  'templates.get': op({
    kind: 'query',
    input: z
      .object({
        kind: importKind,
        /** Prefill one row per ward of this district (reports) or its facilities (status). */
        districtCode: unitCode.optional(),
        date: isoDate.optional(),
      })
      .strict(),
    output: fileOut,
    minRole: 'viewer',
    summary: 'XLSX template for a report type, prefilled with units, codes and the date',
  }),
  'export.table': op({
    kind: 'query',
    input: z
      .object({
        table: exportTable,
        format: z.enum(['csv', 'xlsx']),
        from: isoDate.optional(),
        to: isoDate.optional(),
        districtCode: unitCode.optional(),
      })
      .strict(),
    output: fileOut,
    minRole: 'viewer',
    summary: 'A table (case reports, vaccination, facilities, facility status, tasks) as CSV or XLSX',
  }),
  'export.geojson': op({
    kind: 'query',
    input: z.object({ level: z.enum(['district', 'ward']), date: isoDate.optional() }).strict(),
    output: fileOut.extend({ metricsSource: z.enum(['metrics.snapshot', 'case_reports']) }),
    minRole: 'viewer',
    summary: 'Units with their current metrics as GeoJSON',
  }),
  'boundaries.preview': op({
    kind: 'mutation',
    input: z.object({ level: z.enum(['ward']), ...fileIn }).strict(),
    output: boundaryPreviewOut,
    minRole: 'admin',
    summary: 'Check a GeoJSON of ward boundaries: features matched to units by code or name, unmatched listed',
  }),
  'boundaries.apply': op({
    kind: 'mutation',
    input: z.object({ token: z.string().min(1).max(100) }).strict(),
    output: z.object({ features: z.number().int(), changeCount: z.number().int() }),
    minRole: 'admin',
    summary: 'Store previewed boundaries as the shared setting boundaries.<level>',
  }),
} as const satisfies Record<string, ReturnType<typeof op>>;
