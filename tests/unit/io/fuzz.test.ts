import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CASE_REPORT_COLUMNS,
  excelSerialToIso,
  fold,
  isValueError,
  isoToExcelSerial,
  mapHeaders,
  parseCount,
  parseDate,
  parseDayTime,
  UnitIndex,
} from '../../../shared/io';
import { loadAdminUnits } from '../../../electron/core/reference';

/**
 * Property-based fuzzing of the cell parsers, the unit matcher and header mapping
 * (2,300 generated cases): they never throw, they round-trip what they should, and
 * every refusal says why.
 */
const anyCell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, false, '', '-', '–'),
  fc.date({ noInvalidDate: false }),
  fc.record({ formula: fc.string(), result: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({ error: fc.constantFrom('#DIV/0!', '#N/A', '#REF!') }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string() }), { maxLength: 3 }) }),
);

describe('cell parsers never throw and refuse with a reason', () => {
  it('parseCount on anything (600 cases)', () => {
    fc.assert(
      fc.property(anyCell, (raw) => {
        const v = parseCount(raw);
        if (v === null) return;
        if (typeof v === 'number') {
          expect(Number.isInteger(v) && v >= 0).toBe(true);
        } else {
          expect(isValueError(v)).toBe(true);
          expect(['not_number', 'not_integer', 'negative']).toContain(v.code);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('counts written the usual ways read back exactly (400 cases)', () => {
    const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom('.', ',', ' ', '\u00a0', ''), fc.constantFrom('', ' ', '  '), (n, sep, pad) => {
        expect(parseCount(`${pad}${grouped(n, sep)}${pad}`)).toBe(n);
        expect(parseCount(n)).toBe(n);
        if (n > 0) expect(parseCount(`-${n}`)).toMatchObject({ code: 'negative' });
      }),
      { numRuns: 400 },
    );
  });

  it('parseDayTime on any text (400 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}( \d{1,2}:\d{2})?$/)), (s) => {
        const v = parseDayTime(s);
        if (v === null) return;
        if (isValueError(v)) expect(v.code).toBe('bad_date');
        else expect(v.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 400 },
    );
  });

  it('every real day round-trips through dd/MM/yyyy, d/M/yyyy and Excel serials (300 cases)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseDate(`${day}/${m}/${y}`)).toBe(iso);
        expect(parseDate(`${Number(day)}/${Number(m)}/${y}`)).toBe(iso);
        expect(parseDate(isoToExcelSerial(iso))).toBe(iso);
        expect(excelSerialToIso(isoToExcelSerial(iso))).toBe(iso);
      }),
      { numRuns: 300 },
    );
  });
});

describe('unit names in any spelling (400 cases)', () => {
  const all = loadAdminUnits();
  const units = new UnitIndex(all);
  const wards = all.filter((u) => u.level === 'ward');
  const prefixes: Record<string, string[]> = {
    phuong: ['Phường ', 'P. ', 'P.', 'phường ', 'PHƯỜNG '],
    xa: ['Xã ', 'X. ', 'xã '],
    thi_tran: ['Thị trấn ', 'TT. ', 'TT '],
  };
  it('a ward spelled with any prefix, case, spacing, NFC/NFD or no diacritics is found in its district', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...wards),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('nfc', 'nfd', 'ascii', 'upper', 'lower'),
        fc.constantFrom('', ' ', '  '),
        (w, p, form, pad) => {
          const pre = prefixes[w.type]!;
          let name = `${pad}${p === 0 ? '' : pre[p % pre.length]}${w.name.replace(/ /g, pad || ' ')}${pad}`;
          if (form === 'nfd') name = name.normalize('NFD');
          if (form === 'ascii') name = fold(name);
          if (form === 'upper') name = name.toUpperCase();
          if (form === 'lower') name = name.toLowerCase();
          const r = units.ward(name, w.parentCode);
          // Yên Viên (Gia Lâm) is both a thị trấn and a xã: without a prefix it is ambiguous.
          if (!r.ok) {
            expect(r.code).toBe('ambiguous_unit');
            expect(p).toBe(0);
            return;
          }
          expect(r.unit.code).toBe(w.code);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('header mapping (200 cases)', () => {
  it('any order of our own headers maps each to its field; unknown columns stay unmapped', () => {
    const cols = CASE_REPORT_COLUMNS.filter((c) => c.key !== 'newTotal' && c.key !== 'f0Total');
    fc.assert(
      fc.property(fc.shuffledSubarray(cols, { minLength: 1 }), fc.array(fc.constantFrom('STT', 'Ghi chú', 'Người báo cáo'), { maxLength: 2 }), (subset, junk) => {
        const headers = [...subset.map((c) => c.label.vi), ...junk];
        const m = mapHeaders('caseReports', headers);
        for (const [i, c] of subset.entries()) expect(m.find((x) => x.field === c.key)?.column).toBe(i);
        const used = m.filter((x) => x.column !== null).map((x) => x.column);
        expect(new Set(used).size).toBe(used.length);
      }),
      { numRuns: 200 },
    );
  });
});
