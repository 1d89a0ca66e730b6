import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITIES, INTERNAL_TABLES } from '../../../electron/core/store/entities';

/**
 * Guard: no code outside electron/core/store/ writes the store's tables with SQL, or
 * opens its own better-sqlite3 connection (the only way around the read-only store.db).
 * Every write must go through store.write() so it is validated and logged.
 */

const ROOT = path.resolve(__dirname, '../../..');
const STORE_DIR = path.join(ROOT, 'electron/core/store') + path.sep;
const PROTECTED = new Set<string>([
  ...Object.values(ENTITIES).map((e) => e.table),
  ...INTERNAL_TABLES.filter((t) => t !== 'sqlite_sequence'),
]);

const TABLE = String.raw`["'\x60\[]?(?:\w+\.)?(\$\{|\w+)`;
const PATTERNS = [
  new RegExp(String.raw`\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+${TABLE}`, 'gi'),
  new RegExp(String.raw`\bREPLACE\s+INTO\s+${TABLE}`, 'gi'),
  new RegExp(String.raw`\bUPDATE\s+(?:OR\s+\w+\s+)?${TABLE}["'\x60\]]?\s+SET\b`, 'gi'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${TABLE}`, 'gi'),
  new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${TABLE}`, 'gi'),
];

export interface Finding {
  line: number;
  table: string;
  text: string;
}

/** SQL writes to protected tables (or to a table named by interpolation) in one source text. */
export function findTableWrites(source: string, tables: ReadonlySet<string> = PROTECTED): Finding[] {
  const out: Finding[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(source); m; m = re.exec(source)) {
      const table = m[1]!;
      if (table === '${' || tables.has(table.toLowerCase())) {
        out.push({ line: source.slice(0, m.index).split('\n').length, table, text: m[0].replace(/\s+/g, ' ') });
      }
    }
  }
  // "INSERT OR REPLACE INTO t" matches two patterns: report it once.
  const seen = new Set<string>();
  return out
    .filter((f) => !seen.has(`${f.line}:${f.table}`) && seen.add(`${f.line}:${f.table}`))
    .sort((a, b) => a.line - b.line);
}

/** A value (non-type) import of better-sqlite3 combined with a constructor call. */
export function opensOwnConnection(source: string): boolean {
  const m = /^\s*import\s+(?!type\b)(\w+)[^;]*from\s+['"]better-sqlite3['"]/m.exec(source);
  if (m) return new RegExp(String.raw`new\s+${m[1]}\s*\(`).test(source);
  return /require\(\s*['"]better-sqlite3['"]\s*\)/.test(source);
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() && /\.(c|m)?[jt]sx?$/.test(e.name) && !full.includes(`${path.sep}node_modules${path.sep}`) ? [full] : [];
  });
}

describe('write-path guard: static scan', () => {
  it('the scanner finds writes in the forms people actually write', () => {
    const src = [
      "db.prepare('INSERT INTO case_reports (id) VALUES (?)')",
      'db.exec(`insert or replace into\n  "tasks" (id) values (1)`)',
      "db.run('REPLACE INTO users VALUES (1)')",
      'sql`UPDATE main.facilities\n SET beds = 1`',
      "q('update  OR IGNORE [zones] set x=1')",
      "q('DELETE FROM changes WHERE seq < 10')",
      'q(`INSERT INTO ${table} (a) VALUES (1)`)',
      "q('DROP TABLE IF EXISTS field_versions')",
    ].join('\n');
    const found = findTableWrites(src);
    expect(found.map((f) => [f.line, f.table.toLowerCase()])).toEqual([
      [1, 'case_reports'],
      [2, 'tasks'],
      [4, 'users'],
      [5, 'facilities'],
      [7, 'zones'],
      [8, 'changes'],
      [9, '${'],
      [10, 'field_versions'],
    ]);
  });

  it('the scanner leaves reads and unrelated tables alone', () => {
    const src = [
      "db.prepare('SELECT * FROM case_reports WHERE date = ?')",
      "db.prepare('INSERT INTO sessions (id) VALUES (?)')",
      'const updated = tasks.filter((t) => t.status === "done"); // update tasks list in the UI',
      "db.prepare('UPDATE sessions SET seen = 1')",
    ].join('\n');
    expect(findTableWrites(src)).toEqual([]);
  });

  it('detects a second connection being opened', () => {
    expect(opensOwnConnection("import Database from 'better-sqlite3';\nconst db = new Database(p);")).toBe(true);
    expect(opensOwnConnection("import type Database from 'better-sqlite3';\nlet db: Database.Database;")).toBe(false);
    expect(opensOwnConnection("const D = require('better-sqlite3');")).toBe(true);
  });

  it('no file under electron/ outside electron/core/store/ writes store tables or opens a connection', () => {
    const files = [...sourceFiles(path.join(ROOT, 'electron')), ...sourceFiles(path.join(ROOT, 'scripts'))];
    expect(files.some((f) => f.startsWith(STORE_DIR)), 'the scan sees the store folder (sanity)').toBe(true);
    const offences: string[] = [];
    for (const f of files) {
      if (f.startsWith(STORE_DIR)) continue;
      const src = fs.readFileSync(f, 'utf8');
      for (const x of findTableWrites(src)) offences.push(`${path.relative(ROOT, f)}:${x.line}: ${x.text}`);
      if (opensOwnConnection(src)) offences.push(`${path.relative(ROOT, f)}: opens its own better-sqlite3 connection`);
    }
    expect(offences, 'use store.write() (electron/core/store/write.ts) instead').toEqual([]);
  });

  it('the store folder itself is where the writes are (the scan is not vacuous)', () => {
    const write = fs.readFileSync(path.join(STORE_DIR, 'write.ts'), 'utf8');
    expect(findTableWrites(write).length).toBeGreaterThan(0);
  });
});
