import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { isoToExcelSerial } from '../../../shared/io';

/**
 * Writing tables as files. Cells are plain values; ISO days become real Excel dates
 * (XLSX) or dd/MM/yyyy text (CSV), so both re-import cleanly and read naturally.
 */
export type Cell = string | number | boolean | null | { day: string } | { localDateTime: string };

export interface SheetData {
  name: string;
  headers: string[];
  widths?: number[];
  rows: Cell[][];
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function csvCell(c: Cell): string | number | boolean {
  if (c === null) return '';
  if (typeof c === 'object') return 'day' in c ? dmy(c.day) : `${dmy(c.localDateTime.slice(0, 10))} ${c.localDateTime.slice(11, 16)}`;
  return c;
}

/**
 * UTF-8 with a BOM (without it Excel on Vietnamese Windows opens UTF-8 as Windows-1258
 * and mangles every name), comma-separated, CRLF line ends.
 */
export function toCsv(sheet: SheetData): Buffer {
  const text = Papa.unparse({ fields: sheet.headers, data: sheet.rows.map((r) => r.map(csvCell)) }, { newline: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Streaming writer: a 100,000-row export stays fast and does not build a workbook model. */
export async function toXlsx(sheets: SheetData[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    out.on('end', res);
    out.on('error', rej);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'Sa Bàn';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.headers.map((h, i) => ({ header: h, width: s.widths?.[i] ?? Math.max(10, Math.min(40, h.length + 2)) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of s.rows) {
      const row = ws.addRow(r.map(xlsxCell));
      r.forEach((c, i) => {
        if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = 'day' in c ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Days as Excel serial numbers: no time-zone shift can move them to the previous day. */
export function xlsxCell(c: Cell): string | number | boolean | null {
  if (c === null || typeof c !== 'object') return c;
  if ('day' in c) return isoToExcelSerial(c.day);
  const [d, t] = [c.localDateTime.slice(0, 10), c.localDateTime.slice(11, 16)];
  return isoToExcelSerial(d) + (Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) / 1440;
}

export const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
} as const;
