import type { SpatialWeights } from './types.ts';

/**
 * Row standardisation (style "W"): w*_ij = w_ij / Σ_j w_ij, so every row with neighbours sums to 1 and the
 * spatial lag is the weighted mean of the neighbours. Islands keep an empty row (lag 0), as spdep's
 * `nb2listw(style = "W", zero.policy = TRUE)`; for binary input w*_ij = 1/k_i.
 *
 * The factor is computed once per row as 1/Σ and multiplied in, as spdep does, so the weights are the same
 * doubles as R's.
 *
 * Reference: Anselin (1988), *Spatial Econometrics*, §3.1; spdep `nb2listw`.
 */
export function rowStandardise(w: SpatialWeights): SpatialWeights {
  const weights = new Float64Array(w.weights.length);
  for (let i = 0; i < w.n; i++) {
    const a = w.offsets[i];
    const b = w.offsets[i + 1];
    let sum = 0;
    for (let p = a; p < b; p++) sum += w.weights[p];
    if (sum === 0) continue;
    const inv = 1 / sum;
    for (let p = a; p < b; p++) weights[p] = inv * w.weights[p];
  }
  return { n: w.n, offsets: w.offsets, neighbors: w.neighbors, weights, style: 'W', kind: w.kind };
}

/**
 * Binary weights (w_ij = 1) on the same neighbour structure: the form Getis–Ord and contiguity summaries
 * start from.
 */
export function binarise(w: SpatialWeights): SpatialWeights {
  return {
    n: w.n,
    offsets: w.offsets,
    neighbors: w.neighbors,
    weights: new Float64Array(w.weights.length).fill(1),
    style: 'B',
    kind: w.kind,
  };
}
