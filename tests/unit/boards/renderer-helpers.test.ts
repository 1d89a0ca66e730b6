import { describe, expect, it } from 'vitest';
import { gappedPath, niceStep, niceTicks, spreadIndexes } from '../../../renderer/src/components/charts/scale';
import { fold, matchesQuery } from '../../../renderer/src/pages/facilities/text';
import { instantFromLocal, localParts } from '../../../renderer/src/pages/facilities/format';

describe('diacritic-insensitive search', () => {
  it('folds Vietnamese marks and đ', () => {
    expect(fold('  Đống   Đa ')).toBe('dong da');
    expect(fold('BỆNH VIỆN BẠCH MAI')).toBe('benh vien bach mai');
    expect(fold('Thạch Hoà'.normalize('NFD'))).toBe('thach hoa');
  });
  it('matches a phrase, with or without marks', () => {
    expect(matchesQuery('Bệnh viện Bạch Mai', 'bach mai')).toBe(true);
    expect(matchesQuery('Bệnh viện Bạch Mai', 'Bạch Mai')).toBe(true);
    expect(matchesQuery('Trạm y tế lưu động số 16 – Đông Anh', 'DONG ANH')).toBe(true);
    expect(matchesQuery('Đông Hội, Thanh Trì', 'dong anh')).toBe(false);
    expect(matchesQuery('anything', '  ')).toBe(true);
  });
});

describe('chart scales', () => {
  it('picks nice steps and ticks that cover the maximum', () => {
    expect(niceStep(14000)).toBe(5000);
    expect(niceStep(100)).toBe(25);
    expect(niceStep(0)).toBe(1);
    expect(niceTicks(14000)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    for (const max of [1, 3, 97, 1234, 98765]) expect(niceTicks(max).at(-1)!).toBeGreaterThanOrEqual(max);
  });
  it('spreads axis labels and always keeps the last day', () => {
    expect(spreadIndexes(60, 6).at(-1)).toBe(59);
    expect(spreadIndexes(60, 6).length).toBeLessThanOrEqual(6);
    expect(spreadIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(spreadIndexes(0)).toEqual([]);
  });
  it('breaks the line at missing days instead of drawing zero', () => {
    expect(gappedPath([1, 2, null, 4], (i) => i, (v) => v)).toBe('M0.0,1.0L1.0,2.0M3.0,4.0');
    expect(gappedPath([null, null], (i) => i, (v) => v)).toBe('');
  });
});

describe('status form time fields (Hà Nội)', () => {
  it('round-trips an instant through dd/MM/yyyy HH:mm in UTC+7', () => {
    expect(localParts('2021-12-20T03:00:00.000Z')).toEqual({ date: '20/12/2021', time: '10:00' });
    expect(instantFromLocal('20/12/2021', '10:00')).toBe('2021-12-20T03:00:00.000Z');
    expect(instantFromLocal('1/1/2022', '6:05')).toBe('2021-12-31T23:05:00.000Z');
    expect(instantFromLocal('31/02/2021', '10:00')).toBeNull();
    expect(instantFromLocal('20/12/2021', '24:00')).toBeNull();
  });
});
