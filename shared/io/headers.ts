import { KIND_COLUMNS, type ImportKind } from './columns';
import { fold } from './text';

/**
 * Header → field mapping.
 *
 * Headers are compared as SETS OF FOLDED WORDS: a synonym matches a header when all its
 * words occur in the header. This handles extra words ("Số ca mắc mới tại cộng đồng
 * (ca)"), any word order, and two-row headers from merged cells, which arrive joined
 * ("Số ca mắc mới · Cộng đồng"; "F1 cách ly · Tại nhà"). The most specific synonym wins
 * (more matched words, fewer unexplained ones), and each column and each field is used
 * at most once, best scores first.
 */
export type MappingSource = 'manual' | 'remembered' | 'synonym';

export interface ColumnMapping {
  field: string;
  /** Column index in the detected header, or null when the field is not in the file. */
  column: number | null;
  header: string | null;
  via: MappingSource | null;
}

interface Syn {
  field: string;
  tokens: string[];
  key: string;
}

const synCache = new Map<ImportKind, Syn[]>();
function synonymsOf(kind: ImportKind): Syn[] {
  let s = synCache.get(kind);
  if (!s) {
    s = [];
    for (const c of KIND_COLUMNS[kind]) {
      for (const text of [c.label.vi, c.label.en, ...c.synonyms]) {
        const f = fold(text);
        if (f) s.push({ field: c.key, tokens: f.split(' '), key: f });
      }
    }
    synCache.set(kind, s);
  }
  return s;
}

/** Joins the rows of a two-row header (see electron/core/io/table.ts). */
export const HEADER_JOIN = ' · ';

/**
 * Best score per field for one header. A two-row header also scores its lower part
 * alone: "Số ca mắc mới · Khu cách ly" is about quarantined cases even though it also
 * contains every word of "Số ca mắc mới" — an exact sub-header beats a partial match.
 */
function scoreHeader(kind: ImportKind, header: string): Map<string, number> {
  const best = scoreText(kind, header);
  const j = header.lastIndexOf(HEADER_JOIN);
  if (j > 0) {
    for (const [field, score] of scoreText(kind, header.slice(j + HEADER_JOIN.length))) {
      if (score >= 1000) best.set(field, Math.max(best.get(field) ?? 0, score - 500));
    }
  }
  return best;
}

function scoreText(kind: ImportKind, header: string): Map<string, number> {
  const f = fold(header);
  const best = new Map<string, number>();
  if (!f) return best;
  const tokens = f.split(' ');
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const s of synonymsOf(kind)) {
    let score: number;
    if (s.key === f) score = 1000 + s.tokens.length;
    else {
      const need = new Map<string, number>();
      let ok = true;
      for (const t of s.tokens) {
        const n = (need.get(t) ?? 0) + 1;
        need.set(t, n);
        if ((counts.get(t) ?? 0) < n) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      score = s.tokens.length * 10 - (tokens.length - s.tokens.length);
    }
    if (score > (best.get(s.field) ?? 0)) best.set(s.field, score);
  }
  return best;
}

export interface MapOptions {
  /** Operator's explicit choice per field: a column index, or null for "not in this file". */
  manual?: Record<string, number | null>;
  /** Remembered for this source: field → folded header text. */
  remembered?: Record<string, string>;
}

export function mapHeaders(kind: ImportKind, headers: string[], opts: MapOptions = {}): ColumnMapping[] {
  const fields = KIND_COLUMNS[kind].map((c) => c.key);
  const assigned = new Map<string, { column: number | null; via: MappingSource }>();
  const usedCols = new Set<number>();
  for (const [field, col] of Object.entries(opts.manual ?? {})) {
    if (!fields.includes(field)) continue;
    if (col === null || (Number.isInteger(col) && col >= 0 && col < headers.length && !usedCols.has(col))) {
      assigned.set(field, { column: col, via: 'manual' });
      if (col !== null) usedCols.add(col);
    }
  }
  const folded = headers.map((h) => fold(h));
  for (const [field, header] of Object.entries(opts.remembered ?? {})) {
    if (!fields.includes(field) || assigned.has(field)) continue;
    const col = folded.findIndex((h, i) => h !== '' && h === fold(header) && !usedCols.has(i));
    if (col >= 0) {
      assigned.set(field, { column: col, via: 'remembered' });
      usedCols.add(col);
    }
  }
  const candidates: { field: string; column: number; score: number }[] = [];
  headers.forEach((h, column) => {
    if (usedCols.has(column)) return;
    for (const [field, score] of scoreHeader(kind, h)) if (!assigned.has(field)) candidates.push({ field, column, score });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  for (const c of candidates) {
    if (assigned.has(c.field) || usedCols.has(c.column)) continue;
    assigned.set(c.field, { column: c.column, via: 'synonym' });
    usedCols.add(c.column);
  }
  return fields.map((field) => {
    const a = assigned.get(field);
    const column = a?.column ?? null;
    return { field, column, header: column === null ? null : headers[column]!, via: a ? a.via : null };
  });
}

/** How many fields a candidate header row maps (header-row detection). */
export function headerScore(kind: ImportKind, headers: string[]): number {
  return mapHeaders(kind, headers).filter((m) => m.column !== null).length;
}

/** Settings key of the mapping remembered for a source ("TTYT Đống Đa" → import.mapping.caseReports.ttyt-dong-da). */
export function mappingSettingKey(kind: ImportKind, sourceName: string): string | null {
  const slug = fold(sourceName).replace(/ /g, '-').slice(0, 60);
  return slug ? `import.mapping.${kind}.${slug}` : null;
}
