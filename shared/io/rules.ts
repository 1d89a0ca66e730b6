import type { CaseReportField, VaccinationField } from '../domain';
import { columnSpec, type ImportKind } from './columns';
import type { ProblemCode, ProblemParams, Severity } from './problems';

/**
 * Cross-field rules ("parts never exceed their total"), shared by the entry grid (as
 * you type) and the file import (preview), so both refuse exactly the same rows.
 *
 * Case reports — what is a part of what:
 *  - needOxygen ≤ f0Home + f0Facility: a patient on oxygen is an active F0 under
 *    treatment (at home with a concentrator or in a facility), so the day's oxygen
 *    patients cannot outnumber the active F0 at the end of that day.
 *  - when a file gives totals ("Tổng số ca mắc mới", "Tổng F0 đang điều trị") next to
 *    their parts, the parts must add up to the total (checked in the import, where the
 *    totals exist; the grid has no total columns).
 *  - new cases (community + quarantined) ≤ tests is only a WARNING: every case needs a
 *    positive test, but test counts are often reported late or by another channel.
 * Vaccination (cumulative people, per group):
 *  - dose 2 ≤ dose 1 in each age group; booster ≤ adult dose 2;
 *  - seniorDose2 ≤ adultDose2 (people ≥ 50 are part of the ≥ 18 group).
 * Facility status:
 *  - icuOccupied ≤ bedsOccupied and oxygenInUse ≤ bedsOccupied (those patients occupy beds),
 *  - ventilatorsInUse ≤ icuOccupied (ventilated patients are in intensive care),
 *  - ventilatorsInUse ≤ the facility's ventilators (machines cannot be conjured);
 *  - bedsOccupied > beds is only a WARNING (overload is real and must be reportable).
 * Facility registry: icuBeds ≤ beds (ICU beds are counted among the beds).
 */
export interface RuleIssue {
  /** The field the message is attached to (the part). */
  field: string;
  code: ProblemCode;
  severity: Severity;
  params: ProblemParams;
}

const label = (kind: ImportKind, key: string) => columnSpec(kind, key)?.label.vi ?? key;

function partOf(kind: ImportKind, field: string, part: number, total: number, totalLabel: string, code: ProblemCode = 'part_exceeds_total', severity: Severity = 'error'): RuleIssue {
  return { field, code, severity, params: { part: label(kind, field), partValue: part, total: totalLabel, totalValue: total } };
}

export type CaseValues = Record<CaseReportField, number>;
export type VaccinationValues = Record<VaccinationField, number>;

export function caseReportIssues(r: CaseValues): RuleIssue[] {
  const out: RuleIssue[] = [];
  const active = r.f0Home + r.f0Facility;
  if (r.needOxygen > active) {
    out.push(partOf('caseReports', 'needOxygen', r.needOxygen, active, `${label('caseReports', 'f0Home')} + ${label('caseReports', 'f0Facility')}`));
  }
  const newCases = r.newCommunity + r.newQuarantined;
  if (r.tests > 0 && newCases > r.tests) {
    out.push(partOf('caseReports', 'newCommunity', newCases, r.tests, label('caseReports', 'tests'), 'part_exceeds_total', 'warning'));
    out[out.length - 1]!.params.part = `${label('caseReports', 'newCommunity')} + ${label('caseReports', 'newQuarantined')}`;
  }
  return out;
}

const VACCINATION_PARTS: [VaccinationField, VaccinationField][] = [
  ['adultDose2', 'adultDose1'],
  ['adultBooster', 'adultDose2'],
  ['seniorDose2', 'adultDose2'],
  ['teenDose2', 'teenDose1'],
  ['childDose2', 'childDose1'],
];

export function vaccinationIssues(v: VaccinationValues): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const [part, total] of VACCINATION_PARTS) {
    if (v[part] > v[total]) out.push(partOf('vaccinations', part, v[part], v[total], label('vaccinations', total)));
  }
  return out;
}

export interface StatusValues {
  bedsOccupied: number;
  icuOccupied: number;
  oxygenInUse: number;
  ventilatorsInUse: number;
}

export function facilityStatusIssues(s: StatusValues, facility?: { beds: number; ventilators: number } | null): RuleIssue[] {
  const out: RuleIssue[] = [];
  const k = 'facilityStatus';
  if (s.icuOccupied > s.bedsOccupied) out.push(partOf(k, 'icuOccupied', s.icuOccupied, s.bedsOccupied, label(k, 'bedsOccupied')));
  if (s.oxygenInUse > s.bedsOccupied) out.push(partOf(k, 'oxygenInUse', s.oxygenInUse, s.bedsOccupied, label(k, 'bedsOccupied')));
  if (s.ventilatorsInUse > s.icuOccupied) out.push(partOf(k, 'ventilatorsInUse', s.ventilatorsInUse, s.icuOccupied, label(k, 'icuOccupied')));
  if (facility) {
    if (s.ventilatorsInUse > facility.ventilators) {
      out.push(partOf(k, 'ventilatorsInUse', s.ventilatorsInUse, facility.ventilators, 'số máy thở của cơ sở'));
    }
    if (s.bedsOccupied > facility.beds) out.push(partOf(k, 'bedsOccupied', s.bedsOccupied, facility.beds, 'số giường của cơ sở', 'overload', 'warning'));
  }
  return out;
}

export function facilityIssues(f: { beds: number; icuBeds: number }): RuleIssue[] {
  return f.icuBeds > f.beds ? [partOf('facilities', 'icuBeds', f.icuBeds, f.beds, label('facilities', 'beds'))] : [];
}
