import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { Readable } from 'node:stream';
const N = 100_000;
const file = '/tmp/h5/100k.xlsx';
if (!fs.existsSync(file)) {
  let t = performance.now();
  const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = w.addWorksheet('S');
  ws.addRow(['Ngày','Mã đơn vị','Quận/Huyện','Phường/Xã','a','b','c','d','e','f','g','h','i']).commit();
  for (let i = 0; i < N; i++) ws.addRow([`${String(1 + (i % 28)).padStart(2, '0')}/12/2021`, String(i % 99999).padStart(5, '0'), 'Quận Ba Đình', 'Phường Phúc Xá', i%50, i%7, i%300, i%100, i%1000, i%5, i%20, i%2, i%5000]).commit();
  ws.commit(); await w.commit();
  console.log('stream write', performance.now() - t, fs.statSync(file).size);
}
const buf = fs.readFileSync(file);
for (let k = 0; k < 2; k++) {
  let t = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' } as never);
  let rows = 0;
  for await (const wsr of reader) for await (const row of wsr) { rows++; }
  console.log('stream for-await', performance.now() - t, rows);
  t = performance.now();
  const reader2 = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' } as never);
  rows = 0;
  await new Promise<void>((res, rej) => {
    reader2.on('worksheet', (ws: any) => ws.on('row', () => rows++));
    reader2.on('end', () => res());
    reader2.on('error', rej);
    (reader2 as any).read();
  });
  console.log('stream events', performance.now() - t, rows);
}
