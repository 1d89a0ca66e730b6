import { describe, expect, it } from 'vitest';
import { editDistance, fold, parseUnitName, UnitIndex } from '../../../shared/io';
import { loadAdminUnits } from '../../../electron/core/reference';

const units = new UnitIndex(loadAdminUnits());

describe('fold', () => {
  it('is blind to diacritics, NFC/NFD, tone placement, case and spacing', () => {
    const want = 'phuong phuc xa';
    for (const s of ['Phường Phúc Xá', 'Phường Phúc Xá'.normalize('NFD'), '  PHƯỜNG   phúc xá ', 'phuong phuc xa']) expect(fold(s)).toBe(want);
    expect(fold('Ứng Hoà')).toBe(fold('Ứng Hòa'));
    expect(fold('Đống Đa')).toBe('dong da');
  });
  it('edit distance', () => {
    expect(editDistance('truc bach', 'truc bac')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('prefixes are announced and stripped, names are not', () => {
    expect(parseUnitName('Q. Ba Đình')).toMatchObject({ bare: 'ba dinh', typeHint: 'quan' });
    expect(parseUnitName('TT. Vân Đình')).toMatchObject({ bare: 'van dinh', typeHint: 'thi_tran' });
    expect(parseUnitName('Thị trấn Yên Viên')).toMatchObject({ bare: 'yen vien', typeHint: 'thi_tran' });
    expect(parseUnitName('H.Ba Vì')).toMatchObject({ bare: 'ba vi', typeHint: 'huyen' });
  });
});

describe('UnitIndex', () => {
  const ward = (raw: string, district: string | null = null) => {
    const r = units.ward(raw, district);
    return r.ok ? r.unit.code : r;
  };
  it('finds districts in every usual spelling', () => {
    for (const s of ['Quận Ba Đình', 'Q. Ba Đình', 'Q.Ba Đình', 'ba dinh', 'BA ĐÌNH', 'Ba Đình'.normalize('NFD')]) {
      const r = units.district(s);
      expect(r.ok && r.unit.code, s).toBe('001');
    }
    const sonTay = units.district('TX. Sơn Tây');
    expect(sonTay.ok && sonTay.unit.code).toBe('269');
  });
  it('finds wards by name, inside their district when names repeat', () => {
    expect(ward('P. Phúc Xá')).toBe('00001');
    // "Quan Hoa" and "Phương Mai" start with what looks like a prefix but are names.
    expect(ward('Quan Hoa')).toMatch(/^\d{5}$/);
    expect(ward('Phường Phương Mai')).toBe(ward('Phương Mai'));
    // Names that repeat across districts need the district.
    expect(ward('Quang Trung')).toMatchObject({ code: 'ambiguous_unit' });
    const inDongDa = ward('Quang Trung', '006');
    expect(inDongDa).toMatch(/^\d{5}$/);
    expect(units.byCode.get(inDongDa as string)?.parentCode).toBe('006');
  });
  it('tells Thị trấn and Xã Yên Viên apart by their prefix', () => {
    const tt = ward('TT. Yên Viên', '018');
    const xa = ward('Xã Yên Viên', '018');
    expect(tt).not.toBe(xa);
    expect(units.byCode.get(tt as string)?.type).toBe('thi_tran');
    expect(units.byCode.get(xa as string)?.type).toBe('xa');
    expect(ward('Yên Viên', '018')).toMatchObject({ code: 'ambiguous_unit' });
  });
  it('suggests the nearest names for a typo', () => {
    const r = units.ward('Trúc Bạc', '001');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('unknown_unit');
      expect(r.suggestions[0]).toContain('Trúc Bạch');
    }
  });
  it('says where a ward is when the district column is wrong', () => {
    const r = units.ward('Phúc Xá', '002');
    expect(!r.ok && r.suggestions.join()).toContain('Quận Ba Đình');
  });
  it('codes with leading zeros lost by Excel still resolve', () => {
    expect(units.code(1, 'ward')?.code).toBe('00001');
    expect(units.code('1', 'ward')?.code).toBe('00001');
    expect(units.code(1, 'district')?.code).toBe('001');
    expect(units.code('123456', 'ward')).toBeUndefined();
  });
  it('a district name in the ward column is recognised as such', () => {
    expect(ward('Quận Ba Đình')).toMatchObject({ code: 'not_ward' });
  });
});
