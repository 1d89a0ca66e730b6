import { Readable } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { decodeText, type Decoded } from './decode';

/**
 * Reading a spreadsheet file into rows of raw cell values. CSV with papaparse (after
 * decoding, see decode.ts; the separator is detected: comma, semicolon, tab or pipe),
 * XLSX with exceljs's streaming reader (about twice as fast as loading the whole
 * workbook model on 100,000 rows, and it never builds styles). Formula cells come as
 * `{ formula, result }` and are read through their cached result. Merged cells are not
 * reported by the streaming reader; only header rows need them and the header logic
 * (table.ts) infers horizontal merges from empty cells instead.
 */
export type FileFormat = 'csv' | 'xlsx';

export interface RawSheet {
  name: string | null;
  rows: unknown[][];
  /** Spreadsheet row number of rows[i] (XLSX skips empty rows); null means i + 1. */
  rowNumbers: number[] | null;
}

export class FileReadError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export function sniffFormat(fileName: string, bytes: Uint8Array): FileFormat {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ole || ext === 'xls') {
    throw new FileReadError('old_xls', 'tệp Excel 97–2003 (.xls) không được hỗ trợ: hãy mở bằng Excel và lưu lại thành .xlsx (Excel 97–2003 .xls is not supported: save it as .xlsx)');
  }
  if (zip) {
    if (ext === 'ods') throw new FileReadError('ods', 'tệp .ods: hãy lưu lại thành .xlsx hoặc .csv (save as .xlsx or .csv)');
    return 'xlsx';
  }
  if (ext === 'xlsx' || ext === 'xlsm') throw new FileReadError('not_zip', 'tệp .xlsx bị hỏng hoặc không phải Excel (the .xlsx file is damaged or not an Excel file)');
  return 'csv';
}

export interface CsvRead {
  decoded: Decoded;
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The separator, guessed from the first non-empty records only. Papaparse's own guess
 * during the real parse counts blank lines too (kept there so row numbers match the
 * file), and a trailing blank line made a `;` file whose values use decimal commas
 * ("2,5") look comma-separated — found by the fuzz test.
 */
export function guessDelimiter(text: string): string {
  const r = Papa.parse<string[]>(text, { preview: 10, skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS });
  return r.meta.delimiter || ',';
}

/**
 * Decodes and parses a CSV, handing each record to `onRow` as soon as papaparse has it
 * (chunk mode): rows are checked while the file is parsed and never all held at once,
 * which keeps a 100,000-row file out of the old generation of the heap.
 */
export function streamCsv(bytes: Uint8Array, onRow: (cells: string[], row: number) => void): CsvRead {
  const decoded = decodeText(bytes);
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  const delimiter = guessDelimiter(text);
  let n = 0;
  let unclosed: Papa.ParseError | undefined;
  // Chunks of ~1 MB: rows are handed on while they are young (cheap to collect), with one
  // callback per chunk instead of one result object per row (step mode).
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    chunkSize: 1 << 20,
    chunk: (r: Papa.ParseResult<string[]>) => {
      if (!unclosed && r.errors.length) unclosed = r.errors.find((e: Papa.ParseError) => e.type === 'Quotes' && e.code === 'MissingQuotes');
      for (const row of r.data) onRow(row, ++n);
    },
    // String input parses synchronously; the typings still ask for `complete` with `chunk`.
    complete: () => undefined,
  });
  if (unclosed && n <= 1) throw new FileReadError('csv', `dấu ngoặc kép không đóng ở dòng ${(unclosed.row ?? 0) + 1} (unclosed quote)`);
  return { decoded, delimiter };
}

/**
 * The first worksheet `accept` likes (header found), else the first one with any rows.
 * Later sheets are not even parsed once one is accepted.
 */
export async function readXlsx(bytes: Uint8Array, accept: (sheet: RawSheet) => boolean): Promise<RawSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  } as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions);
  let first: RawSheet | null = null;
  try {
    for await (const ws of reader) {
      const rows: unknown[][] = [];
      const rowNumbers: number[] = [];
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        // row.values is 1-based (index 0 unused): shift so column A is index 0.
        const v = row.values as unknown[];
        rows.push(v.length > 0 ? v.slice(1) : []);
        rowNumbers.push(row.number);
      }
      const sheet: RawSheet = { name: (ws as unknown as { name?: string }).name ?? null, rows, rowNumbers };
      if (accept(sheet)) return sheet;
      if (!first && rows.length > 0) first = sheet;
    }
  } catch (e) {
    throw new FileReadError('xlsx', `không đọc được tệp Excel: ${(e as Error).message} (cannot read the Excel file)`);
  }
  return first ?? { name: null, rows: [], rowNumbers: [] };
}
