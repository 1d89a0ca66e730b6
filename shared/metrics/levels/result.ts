import type { CapacityIndicator, Comparison, LevelCellId, ThresholdId } from './thresholds';
import type { CapacityClass, Level, RuleSetId, Text2, Tier } from './types';

/** One sub-criterion compared with its threshold; `met` null when the input is missing. */
export interface CriterionCheck {
  thresholdId: ThresholdId;
  value: number | null;
  threshold: number;
  comparison: Comparison;
  met: boolean | null;
}

/** A missing input and the documented default applied because of it. */
export interface MissingInput {
  field: string;
  effect: Text2;
}

/** A change applied on top of a band or matrix cell. */
export interface Adjustment {
  id: string;
  delta: number;
  appliesTo: 'transmission' | 'final';
  reason: Text2;
}

/** The criterion that drove the level, e.g. "TC1: 74,3 ca/100.000/tuần (mức 3: 50 – < 150)". */
export interface Driver {
  /** '4800.TC1' | '218.TC1.cases' | '218.TC1.oxygen' | '218.TC1.deaths'. */
  id: string;
  rate: number;
  count: number;
  band: Level;
  text: Text2;
}

/** What it takes, on the driving criterion alone (everything else fixed), to change level. */
export interface Distance {
  direction: 'up' | 'down';
  criterionId: string;
  /** Level reached at `targetCount`. */
  targetLevel: Level;
  /** Threshold on the rate, and how it must be crossed. */
  threshold: number;
  relation: 'atLeast' | 'moreThan' | 'atMost' | 'lessThan';
  currentRate: number;
  /** |threshold − current rate| (per 100,000 per week). */
  deltaRate: number;
  currentCount: number;
  /** Whole count (cases, deaths…) over the 7 days that first gives `targetLevel`. */
  targetCount: number;
  /** |targetCount − currentCount|. */
  deltaCount: number;
  text: Text2;
}

export interface BandInfo {
  rate: number;
  count: number;
  band: Level;
  range: Text2;
}

export interface Intermediates4800 {
  ruleSet: '4800';
  combination: 'matrix' | 'draft';
  tc1: BandInfo;
  tc2: {
    met: boolean;
    assessable: boolean;
    adultDose1: CriterionCheck | null;
    senior50Full: CriterionCheck | null;
  };
  tc3: { provided: boolean; met: boolean | null };
  matrixCell: LevelCellId | null;
}

export interface CapacityIndicatorResult {
  rate: number;
  capacityClass: CapacityClass;
}

export interface Intermediates218 {
  ruleSet: '218';
  caseBase: { configured: 'all' | 'community'; used: 'all' | 'community' };
  cases: BandInfo;
  oxygen: BandInfo | null;
  deaths: BandInfo | null;
  transmissionCombine: 'max' | 'casesOnly';
  transmissionBase: Level;
  vaccination: {
    met: boolean;
    assessable: boolean;
    populationFull: CriterionCheck | null;
    highRiskFull: CriterionCheck | null;
  };
  deathOverride: {
    rate: number | null;
    threshold: number;
    comparison: Comparison;
    triggered: boolean;
    target: 'final' | 'transmission';
  };
  transmission: Level;
  capacity: {
    capacityClass: CapacityClass;
    assessable: boolean;
    expected: CapacityIndicator;
    indicators: Record<CapacityIndicator, CapacityIndicatorResult | null>;
  };
  matrixCell: LevelCellId;
  matrixLevel: Level;
}

export interface LevelAssessment {
  level: Level;
  name: Text2;
  colour: string;
  ruleSet: RuleSetId;
  ruleSetMode: 'auto' | 'forced';
  date: string;
  unitCode: string | null;
  tier: Tier;
  driver: Driver;
  /** One-sentence explanation of how the level came out. */
  explanation: Text2;
  intermediates: Intermediates4800 | Intermediates218;
  adjustments: Adjustment[];
  /** Distances along the DRIVING criterion (null where not computable). */
  distance: { up: Distance | null; down: Distance | null };
  /** Every non-null distance along every continuous criterion available (e.g. deaths while cases drive). */
  distancesByCriterion: Distance[];
  missing: MissingInput[];
  thresholdsUsed: ThresholdId[];
  /** Used thresholds that are not CONFIRMED (or were overridden): "based on defaults to review". */
  thresholdsToReview: ThresholdId[];
  warnings: Text2[];
}
