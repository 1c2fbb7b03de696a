import type { SpatialWeights } from './types.ts';

/** Weights restricted to some units, and the original index of each kept unit. */
export interface WeightsSubset {
  weights: SpatialWeights;
  /** `original[k]` is the index, in the full weights, of unit k of the subset. */
  original: Int32Array;
}

/**
 * The sub-graph of `w` on the units where `keep[i]` is true: rows and columns of dropped units removed and
 * the rest renumbered in order. Used to analyse only the units that have a value (a desa without households
 * has no share); a kept unit whose neighbours were all dropped becomes an island and is reported as such.
 * Weights keep their values; row-standardise afterwards.
 */
export function subsetWeights(w: SpatialWeights, keep: ArrayLike<boolean>): WeightsSubset {
  const newIndex = new Int32Array(w.n).fill(-1);
  const original: number[] = [];
  for (let i = 0; i < w.n; i++) if (keep[i]) newIndex[i] = original.push(i) - 1;
  const m = original.length;
  const offsets = new Int32Array(m + 1);
  const neighbors: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = original[k];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) {
      const j = newIndex[w.neighbors[p]];
      if (j >= 0) {
        neighbors.push(j);
        weights.push(w.weights[p]);
      }
    }
    offsets[k + 1] = neighbors.length;
  }
  return {
    weights: {
      n: m,
      offsets,
      neighbors: Int32Array.from(neighbors),
      weights: Float64Array.from(weights),
      style: w.style === 'B' ? 'B' : 'custom',
      kind: w.kind,
    },
    original: Int32Array.from(original),
  };
}
