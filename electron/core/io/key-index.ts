/**
 * A map from small composite integer keys — (high << 16) | low, both < 65,536 — to
 * values, as arrays indexed by `high` inside a map on `low`. For report keys
 * (unit ordinal, day) that is one small map lookup (few hundred days) plus an array
 * index, instead of a hash lookup in a 100,000-entry map: the import's duplicate check
 * and diff run once per row, so this is where preview time goes.
 */
export class KeyIndex<V> {
  private readonly byLow = new Map<number, (V | undefined)[]>();
  private lastLow = -1;
  private lastArr: (V | undefined)[] | undefined;

  get(key: number): V | undefined {
    return this.arr(key & 0xffff, false)?.[key >>> 16];
  }

  set(key: number, value: V): void {
    this.arr(key & 0xffff, true)![key >>> 16] = value;
  }

  private arr(low: number, create: boolean): (V | undefined)[] | undefined {
    if (low === this.lastLow) return this.lastArr;
    let a = this.byLow.get(low);
    if (!a && create) this.byLow.set(low, (a = []));
    if (a) {
      this.lastLow = low;
      this.lastArr = a;
    }
    return a;
  }
}
