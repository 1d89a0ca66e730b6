import type { AdminUnit } from '../../../shared/domain';
import type { Store } from '../store';

/**
 * The administrative tree the metrics are summed over: city (province) → districts → wards,
 * from admin_units (tombstones excluded). Indexes are positions in `nodes`; every per-unit
 * array of the metrics cache uses the same index.
 */
export interface UnitNode {
  code: string;
  name: string;
  level: AdminUnit['level'];
  parentCode: string | null;
  population: number;
  /** Index of the parent node, -1 for a root (or a parent that is not in the store). */
  parent: number;
  children: number[];
}

export class UnitTree {
  readonly nodes: readonly UnitNode[];
  readonly index: ReadonlyMap<string, number>;
  /** Every node index, children before their parents: one pass in this order sums a value up the tree. */
  readonly bottomUp: Int32Array;

  private constructor(units: readonly AdminUnit[]) {
    const nodes: UnitNode[] = units.map((u) => ({
      code: u.code,
      name: u.name,
      level: u.level,
      parentCode: u.parentCode,
      population: u.population,
      parent: -1,
      children: [],
    }));
    const index = new Map(nodes.map((n, i) => [n.code, i]));
    nodes.forEach((n, i) => {
      const p = n.parentCode === null ? undefined : index.get(n.parentCode);
      if (p !== undefined && p !== i) {
        n.parent = p;
        nodes[p]!.children.push(i);
      }
    });
    const depth = new Int32Array(nodes.length);
    nodes.forEach((_, i) => {
      // Depth by walking up; the guard stops a (corrupt) cycle from looping forever.
      let d = 0;
      for (let p = nodes[i]!.parent; p !== -1 && d <= nodes.length; p = nodes[p]!.parent) d++;
      depth[i] = d;
    });
    this.nodes = nodes;
    this.index = index;
    this.bottomUp = Int32Array.from(nodes.map((_, i) => i).sort((a, b) => depth[b]! - depth[a]! || a - b));
  }

  static load(store: Store): UnitTree {
    return new UnitTree(store.list('adminUnit', {}, { orderBy: 'code' }));
  }

  /** Node indexes of one administrative level, in code order. */
  ofLevel(level: AdminUnit['level']): number[] {
    const out: number[] = [];
    this.nodes.forEach((n, i) => {
      if (n.level === level) out.push(i);
    });
    return out;
  }

  /** The node itself and everything below it. */
  subtree(i: number): number[] {
    const out = [i];
    for (let k = 0; k < out.length; k++) out.push(...this.nodes[out[k]!]!.children);
    return out;
  }

  /** Adds every child's value into its parent (counts of a parent = own rows + its children). */
  sumUp(values: Float64Array): void {
    for (const i of this.bottomUp) {
      const p = this.nodes[i]!.parent;
      if (p !== -1) values[p] = values[p]! + values[i]!;
    }
  }

  /** Parent = max(own, children): e.g. the newest report day anywhere below a unit. */
  maxUp(values: Int32Array | Float64Array): void {
    for (const i of this.bottomUp) {
      const p = this.nodes[i]!.parent;
      if (p !== -1 && values[i]! > values[p]!) values[p] = values[i]!;
    }
  }
}
