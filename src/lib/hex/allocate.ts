import { apportion } from '../synth/apportion.ts';
import { DESIL_COUNT } from './types.ts';

/** Candidate cells of each desa with a non-negative weight (overlap area, or observed households). */
export interface AllocationTargets {
  /** Desa index of each block; block r holds `cells[offsets[r]] … cells[offsets[r + 1] − 1]`. */
  desaList: ArrayLike<number>;
  offsets: ArrayLike<number>;
  cells: readonly string[];
  weight: ArrayLike<number>;
}

/** Allocated counts per cell, cells ascending. */
export interface AllocatedCells {
  cells: string[];
  /** `desil[c * 10 + (d − 1)]`. */
  desil: Uint32Array;
  /** Households allocated (= Σ desil; every desa with a target cell is allocated in full). */
  allocated: number;
  /** Households of desa without any target cell (none when the targets come from `coverDesa`). */
  unplaced: number;
}

/**
 * Spreads whole-household counts of each desa over its target cells in proportion to the weights, with
 * integer results that keep every desa total exact:
 *
 *   n_{c,d} = LR(N_{desa,d}; w_c)   for each desil d,
 *
 * where LR is the largest-remainder (Hamilton) apportionment: ⌊N·w_c/Σw⌋ plus one for the largest fractional
 * remainders (ties to the earlier cell), so Σ_c n_{c,d} = N_{desa,d} exactly and |n_{c,d} − N·w_c/Σw| < 1.
 * A cell's households are the sum over desil, so desa totals and the kabupaten total are preserved too. With
 * area weights this is areal weighting, which assumes households spread evenly over each desa: an estimate.
 *
 * `counts` is row-major by desa index (`counts[desa * 10 + (d − 1)]`).
 *
 * Reference: Goodchild & Lam (1980), "Areal interpolation: a variant of the traditional spatial problem",
 * Geo-Processing 1; Balinski & Young (2001), *Fair Representation*, ch. 2 (Hamilton's method).
 */
export function allocateCounts(counts: ArrayLike<number>, targets: AllocationTargets): AllocatedCells {
  const byCell = new Map<string, number>();
  const cellList: string[] = [];
  let store = new Uint32Array(1024 * DESIL_COUNT);
  let allocated = 0;
  let unplaced = 0;
  const placed = new Set<number>();
  for (let r = 0; r < targets.desaList.length; r++) {
    const d = targets.desaList[r];
    placed.add(d);
    const from = targets.offsets[r];
    const to = targets.offsets[r + 1];
    const weights = new Float64Array(to - from);
    let sum = 0;
    for (let k = from; k < to; k++) sum += weights[k - from] = targets.weight[k];
    let total = 0;
    for (let q = 0; q < DESIL_COUNT; q++) total += counts[d * DESIL_COUNT + q];
    if (total === 0) continue;
    if (to === from) {
      unplaced += total;
      continue;
    }
    // all-zero weights (e.g. only slivers): fall back to equal shares
    if (!(sum > 0)) weights.fill(1);
    const slot = new Int32Array(to - from);
    for (let k = from; k < to; k++) {
      const cell = targets.cells[k];
      let s = byCell.get(cell);
      if (s === undefined) {
        s = cellList.push(cell) - 1;
        byCell.set(cell, s);
        if (cellList.length * DESIL_COUNT > store.length) {
          const grown = new Uint32Array(store.length * 2);
          grown.set(store);
          store = grown;
        }
      }
      slot[k - from] = s;
    }
    for (let q = 0; q < DESIL_COUNT; q++) {
      const parts = apportion(counts[d * DESIL_COUNT + q], weights);
      for (let k = 0; k < parts.length; k++) store[slot[k] * DESIL_COUNT + q] += parts[k];
    }
    allocated += total;
  }
  // households of desa that have no targets block at all
  for (let d = 0; d * DESIL_COUNT < counts.length; d++) {
    if (placed.has(d)) continue;
    for (let q = 0; q < DESIL_COUNT; q++) unplaced += counts[d * DESIL_COUNT + q];
  }
  const order = cellList.map((_, s) => s).sort((a, b) => (cellList[a] < cellList[b] ? -1 : 1));
  const desil = new Uint32Array(order.length * DESIL_COUNT);
  order.forEach((s, r) => desil.set(store.subarray(s * DESIL_COUNT, (s + 1) * DESIL_COUNT), r * DESIL_COUNT));
  return { cells: order.map((s) => cellList[s]), desil, allocated, unplaced };
}
