import { describe, expect, it } from 'vitest';
import { caseReportIssues, facilityStatusIssues, mapHeaders, mappingSettingKey, vaccinationIssues, type CaseValues } from '../../../shared/io';
import { combineHeaderRows } from '../../../electron/core/io/table';

const mapped = (kind: Parameters<typeof mapHeaders>[0], headers: string[]) =>
  Object.fromEntries(mapHeaders(kind, headers).filter((m) => m.column !== null).map((m) => [m.field, m.column]));

describe('header mapping', () => {
  it('maps the Vietnamese headers districts use', () => {
    expect(
      mapped('caseReports', ['STT', 'Ngày', 'Quận/Huyện', 'Phường/Xã', 'Số ca mắc mới', 'F0 điều trị tại nhà', 'F0 điều trị tại cơ sở (BV, CSTD)', 'Số ca tử vong']),
    ).toEqual({ date: 1, district: 2, ward: 3, newTotal: 4, f0Home: 5, f0Facility: 6, deaths: 7 });
  });
  it('the most specific header wins; each column is used once', () => {
    const m = mapped('caseReports', ['Ngày báo cáo', 'Mã phường/xã', 'Tên phường/xã', 'Số ca mắc mới tại cộng đồng', 'Số ca mắc mới trong khu cách ly', 'Tổng số ca mắc mới']);
    expect(m).toEqual({ date: 0, unitCode: 1, ward: 2, newCommunity: 3, newQuarantined: 4, newTotal: 5 });
  });
  it('two-row headers from merged cells map through their joined text', () => {
    const upper = ['Ngày', 'Phường/Xã', 'Số ca mắc mới', '', 'F0 đang điều trị', '', 'F1 cách ly', ''];
    const lower = ['', '', 'Cộng đồng', 'Khu cách ly', 'Tại nhà', 'Tại cơ sở', 'Tại nhà', 'Tập trung'];
    const headers = combineHeaderRows(upper, lower);
    expect(headers.slice(2, 7)).toEqual(['Số ca mắc mới · Cộng đồng', 'Số ca mắc mới · Khu cách ly', 'F0 đang điều trị · Tại nhà', 'F0 đang điều trị · Tại cơ sở', 'F1 cách ly · Tại nhà']);
    expect(mapped('caseReports', headers)).toMatchObject({ date: 0, ward: 1, newCommunity: 2, newQuarantined: 3, f0Home: 4, f0Facility: 5, f1HomeQuarantine: 6 });
  });
  it('vaccination groups are told apart by age band', () => {
    expect(mapped('vaccinations', ['Ngày', 'Phường/Xã', 'Mũi 1 (từ 18 tuổi)', 'Mũi 2 (12–17 tuổi)', 'Từ 50 tuổi mũi 2', 'Mũi nhắc lại'])).toEqual({
      date: 0,
      ward: 1,
      adultDose1: 2,
      teenDose2: 3,
      seniorDose2: 4,
      adultBooster: 5,
    });
  });
  it('manual choices and remembered headers come before synonyms', () => {
    const headers = ['Ngày', 'Xã', 'Cột A', 'Cột B'];
    const m = mapHeaders('caseReports', headers, { manual: { newCommunity: 3, ward: null }, remembered: { newQuarantined: 'cột a' } });
    const by = Object.fromEntries(m.map((x) => [x.field, x]));
    expect(by.newCommunity).toMatchObject({ column: 3, via: 'manual' });
    expect(by.ward).toMatchObject({ column: null, via: 'manual' });
    expect(by.newQuarantined).toMatchObject({ column: 2, via: 'remembered' });
    expect(by.date).toMatchObject({ column: 0, via: 'synonym' });
  });
  it('the remembered-mapping key is a stable slug of the source name', () => {
    expect(mappingSettingKey('caseReports', 'TTYT Quận Đống Đa')).toBe('import.mapping.caseReports.ttyt-quan-dong-da');
    expect(mappingSettingKey('caseReports', '  ')).toBeNull();
  });
});

describe('parts never exceed totals', () => {
  const base: CaseValues = { newCommunity: 3, newQuarantined: 2, f0Home: 10, f0Facility: 5, f1HomeQuarantine: 0, needOxygen: 15, recovered: 0, deaths: 0, tests: 0 };
  it('oxygen patients are active F0', () => {
    expect(caseReportIssues(base)).toEqual([]);
    expect(caseReportIssues({ ...base, needOxygen: 16 })).toEqual([expect.objectContaining({ field: 'needOxygen', code: 'part_exceeds_total', severity: 'error' })]);
  });
  it('more new cases than tests is only a warning (tests are often reported late)', () => {
    expect(caseReportIssues({ ...base, tests: 4 })).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(caseReportIssues({ ...base, tests: 0 })).toEqual([]);
  });
  it('second doses never exceed first doses; seniors are adults', () => {
    const v = { adultDose1: 100, adultDose2: 90, adultBooster: 10, seniorDose2: 30, teenDose1: 5, teenDose2: 5, childDose1: 0, childDose2: 0 };
    expect(vaccinationIssues(v)).toEqual([]);
    expect(vaccinationIssues({ ...v, adultDose2: 101 }).map((i) => i.field)).toEqual(['adultDose2']);
    expect(vaccinationIssues({ ...v, seniorDose2: 91 }).map((i) => i.field)).toEqual(['seniorDose2']);
    expect(vaccinationIssues({ ...v, childDose2: 1 }).map((i) => i.field)).toEqual(['childDose2']);
  });
  it('facility load: ICU, oxygen ⊂ occupied beds; ventilated ⊂ ICU and ≤ machines; overload warns', () => {
    const s = { bedsOccupied: 10, icuOccupied: 3, oxygenInUse: 5, ventilatorsInUse: 2 };
    expect(facilityStatusIssues(s, { beds: 10, ventilators: 2 })).toEqual([]);
    expect(facilityStatusIssues({ ...s, icuOccupied: 11, ventilatorsInUse: 2 }).map((i) => i.field)).toEqual(['icuOccupied']);
    expect(facilityStatusIssues({ ...s, ventilatorsInUse: 3 }, { beds: 10, ventilators: 2 }).map((i) => i.field)).toEqual(['ventilatorsInUse']);
    expect(facilityStatusIssues({ ...s, bedsOccupied: 12 }, { beds: 10, ventilators: 2 })).toEqual([expect.objectContaining({ code: 'overload', severity: 'warning' })]);
  });
});
