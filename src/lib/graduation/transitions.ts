/**
 * The desil transitions between a base period t0 and a comparison period t1, per desa, from the two periods'
 * linking panels (`panel.ts`).
 *
 * Each household of a period with a key falls in exactly one of:
 * - matched: its key is held by exactly one household of its own period and exactly one of the other;
 * - only in its period: no household of the other period holds its key (left, or new: registrations, moves
 *   out of the kabupaten, deaths, splits);
 * - duplicate: another household of its own period holds the same key (a key column that is not a household
 *   key, or a data error): never linked, counted and reported — two rows are never silently merged;
 * - ambiguous: its key is unique in its period but held by several households of the other period (their
 *   duplicates), so which one it is cannot be told.
 * So for each period: matched + only + duplicate + ambiguous + without key = its households.
 *
 * Matched households are counted in the desa they lived in at t0 (a household that moved keeps its origin,
 * the place whose programmes it was in; `moved` counts them); households only at t1 in their t1 desa.
 */
import { DESIL_COUNT } from '../hex/types.ts';
import { KEY_HASH_BYTES } from '../import/household-key.ts';
import { KeyIndex } from './key-index.ts';
import type { PeriodPanel } from './panel.ts';

/** Cells of one transition matrix: from desil 1–10 (rows) × to desil 1–10 (columns). */
export const MATRIX_CELLS = DESIL_COUNT * DESIL_COUNT;

/** The households of one period by how they link to the other (see the module comment). */
export interface LinkTally {
  households: number;
  matched: number;
  only: number;
  duplicateKeys: number;
  duplicateRows: number;
  ambiguous: number;
  withoutKey: number;
}

/** Transitions between two periods, per desa of a given desa list. */
export interface TransitionCounts {
  base: string;
  comparison: string;
  /** The desa the per-desa arrays follow. */
  desaCodes: string[];
  /** Matched households per t0 desa: `matrix[desa · 100 + (from − 1) · 10 + (to − 1)]`. */
  matrix: Uint32Array;
  /** Households of t0 (by t0 desa) and of t1 (by t1 desa) found at their period only. */
  onlyBase: Uint32Array;
  onlyComparison: Uint32Array;
  /** Matched households whose desa at t1 is another than at t0. */
  moved: number;
  /** Households of a desa not in `desaCodes` (not counted in any per-desa array). */
  outsideDesa: number;
  base_tally: LinkTally;
  comparison_tally: LinkTally;
}

/** Index of each of a panel's desa codes in `target` (−1 when absent). */
function desaMap(panel: PeriodPanel, target: Map<string, number>): Int32Array {
  return Int32Array.from(panel.desaCodes, (code) => target.get(code) ?? -1);
}

/**
 * Links two periods and counts their transitions (see the module comment). `desaCodes` gives the order of the
 * per-desa results (the district's desa list); panels may index desa in another order.
 *
 * Counts: matrix[d, i, j] = #{matched households in desa d at t0 with desil i at t0 and j at t1}; so
 * Σ matrix = matched (of either period: a match is one household of each).
 */
export function transitionCounts(
  base: PeriodPanel,
  comparison: PeriodPanel,
  desaCodes: readonly string[],
): TransitionCounts {
  const n = desaCodes.length;
  const target = new Map(desaCodes.map((c, i) => [c, i]));
  const desaA = desaMap(base, target);
  const desaB = desaMap(comparison, target);
  const ia = new KeyIndex(base.keyHash, base.count);
  const ib = new KeyIndex(comparison.keyHash, comparison.count);
  const matrix = new Uint32Array(n * MATRIX_CELLS);
  const onlyBase = new Uint32Array(n);
  const onlyComparison = new Uint32Array(n);
  const matchedB = new Uint8Array(comparison.count);
  let matched = 0;
  let ambiguousA = 0;
  let onlyA = 0;
  let moved = 0;
  let outside = 0;
  for (let r = 0; r < base.count; r++) {
    if (ia.duplicate[r]) continue;
    const at = r * KEY_HASH_BYTES;
    const s = ib.find(base.keyHash, at);
    const d = desaA[base.desa[r]];
    if (s < 0) {
      onlyA++;
      if (d >= 0) onlyBase[d]++;
      else outside++;
      continue;
    }
    if (ib.duplicate[s]) {
      ambiguousA++;
      continue;
    }
    matched++;
    matchedB[s] = 1;
    if (d < 0) {
      outside++;
      continue;
    }
    if (desaB[comparison.desa[s]] !== d) moved++;
    matrix[d * MATRIX_CELLS + (base.desil[r] - 1) * DESIL_COUNT + (comparison.desil[s] - 1)]++;
  }
  let onlyB = 0;
  let ambiguousB = 0;
  for (let s = 0; s < comparison.count; s++) {
    if (ib.duplicate[s] || matchedB[s]) continue;
    const r = ia.find(comparison.keyHash, s * KEY_HASH_BYTES);
    if (r >= 0) {
      // the key is in t0, but only among t0's duplicates (a unique t0 key would have matched it)
      ambiguousB++;
      continue;
    }
    onlyB++;
    const d = desaB[comparison.desa[s]];
    if (d >= 0) onlyComparison[d]++;
    else outside++;
  }
  const tally = (p: PeriodPanel, idx: KeyIndex, only: number, ambiguous: number): LinkTally => ({
    households: p.count + p.withoutKey,
    matched,
    only,
    duplicateKeys: idx.duplicateKeys,
    duplicateRows: idx.duplicateRows,
    ambiguous,
    withoutKey: p.withoutKey,
  });
  return {
    base: base.periode,
    comparison: comparison.periode,
    desaCodes: [...desaCodes],
    matrix,
    onlyBase,
    onlyComparison,
    moved,
    outsideDesa: outside,
    base_tally: tally(base, ia, onlyA, ambiguousA),
    comparison_tally: tally(comparison, ib, onlyB, ambiguousB),
  };
}

/**
 * The sum of per-desa matrices over groups: `groupOf[d]` is desa d's group (−1: none), result
 * `[g · 100 + cell]` for g = 0 … groups − 1 (e.g. kecamatan; one group of all desa for the kabupaten).
 */
export function sumMatrices(
  matrix: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  groups: number,
): Uint32Array {
  const out = new Uint32Array(groups * MATRIX_CELLS);
  for (let d = 0; d < groupOf.length; d++) {
    const g = groupOf[d];
    if (g < 0) continue;
    for (let c = 0; c < MATRIX_CELLS; c++) out[g * MATRIX_CELLS + c] += matrix[d * MATRIX_CELLS + c];
  }
  return out;
}

/** The kabupaten's matrix: every desa summed. */
export function kabupatenMatrix(t: Pick<TransitionCounts, 'matrix' | 'desaCodes'>): Uint32Array {
  return sumMatrices(t.matrix, new Int32Array(t.desaCodes.length), 1);
}
