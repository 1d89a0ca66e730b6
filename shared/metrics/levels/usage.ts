import { THRESHOLD_IDS, type ThresholdId, type ThresholdTable } from './thresholds';

/**
 * Records which threshold rows an assessment consulted, so the result can list the ones that
 * are not CONFIRMED ("based on defaults to review").
 */
export class Usage {
  private readonly ids = new Set<ThresholdId>();
  constructor(readonly table: ThresholdTable) {}

  get<K extends ThresholdId>(id: K): ThresholdTable[K] {
    this.ids.add(id);
    return this.table[id];
  }

  /** Ids used, in table order (stable output). */
  used(): ThresholdId[] {
    return THRESHOLD_IDS.filter((id) => this.ids.has(id));
  }

  /** Ids used whose row requires review (anything not CONFIRMED). */
  toReview(): ThresholdId[] {
    return this.used().filter((id) => this.table[id].reviewRequired);
  }
}
