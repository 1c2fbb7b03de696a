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
  // a slot per distinct cell, in first-seen order
  const byCell = new Map<string, number>();
  const cellList: string[] = [];
  const slot = new Int32Array(targets.cells.length);
  for (let k = 0; k < slot.length; k++) {
    const cell = targets.cells[k];
    let s = byCell.get(cell);
    if (s === undefined) byCell.set(cell, (s = cellList.push(cell) - 1));
    slot[k] = s;
  }
  const spread = allocateToSlots(counts, { ...targets, slot }, cellList.length);
  const order = spread.used.sort((a, b) => (cellList[a] < cellList[b] ? -1 : 1));
  const desil = new Uint32Array(order.length * DESIL_COUNT);
  order.forEach((s, r) =>
    desil.set(spread.store.subarray(s * DESIL_COUNT, (s + 1) * DESIL_COUNT), r * DESIL_COUNT),
  );
  return {
    cells: Array.from(order, (s) => cellList[s]),
    desil,
    allocated: spread.allocated,
    unplaced: spread.unplaced,
  };
}

/** {@link AllocationTargets} with each target cell given as a slot number (0 … slotCount − 1) instead. */
export interface SlotTargets {
  desaList: ArrayLike<number>;
  offsets: ArrayLike<number>;
  slot: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/** Allocated counts by slot: `store[s * 10 + (d − 1)]`; `used` lists the slots that received a block. */
export interface SlotAllocation {
  store: Uint32Array;
  /** Slots of the blocks of desa with households, in first-use order. */
  used: Int32Array;
  allocated: number;
  unplaced: number;
}

/**
 * The apportionment of {@link allocateCounts} on slot numbers (e.g. ids of a district cell table), with the
 * same results: for each desa with households and target cells, LR(N_{desa,d}; w) per desil, all-zero
 * weights read as equal ones; households of desa without a block or without target cells are `unplaced`.
 */
export function allocateToSlots(
  counts: ArrayLike<number>,
  targets: SlotTargets,
  slotCount: number,
): SlotAllocation {
  const store = new Uint32Array(slotCount * DESIL_COUNT);
  const seen = new Uint8Array(slotCount);
  const used: number[] = [];
  let allocated = 0;
  let unplaced = 0;
  const placed = new Uint8Array(Math.ceil(counts.length / DESIL_COUNT));
  for (let r = 0; r < targets.desaList.length; r++) {
    const d = targets.desaList[r];
    placed[d] = 1;
    const from = targets.offsets[r];
    const to = targets.offsets[r + 1];
    let total = 0;
    for (let q = 0; q < DESIL_COUNT; q++) total += counts[d * DESIL_COUNT + q];
    if (total === 0) continue;
    if (to === from) {
      unplaced += total;
      continue;
    }
    const weights = new Float64Array(to - from);
    let sum = 0;
    for (let k = from; k < to; k++) sum += weights[k - from] = targets.weight[k];
    // all-zero weights (e.g. only slivers): fall back to equal shares
    if (!(sum > 0)) weights.fill(1);
    for (let k = from; k < to; k++) {
      const s = targets.slot[k];
      if (!seen[s]) {
        seen[s] = 1;
        used.push(s);
      }
    }
    for (let q = 0; q < DESIL_COUNT; q++) {
      const n = counts[d * DESIL_COUNT + q];
      if (n === 0) continue;
      const parts = apportion(n, weights);
      for (let k = 0; k < parts.length; k++) store[targets.slot[from + k] * DESIL_COUNT + q] += parts[k];
    }
    allocated += total;
  }
  // households of desa that have no targets block at all
  for (let d = 0; d * DESIL_COUNT < counts.length; d++) {
    if (placed[d]) continue;
    for (let q = 0; q < DESIL_COUNT; q++) unplaced += counts[d * DESIL_COUNT + q];
  }
  return { store, used: Int32Array.from(used), allocated, unplaced };
}
