import type { SpatialWeights } from './types.ts';

/** What a set of weights looks like: the figures spdep prints for an `nb`/`listw` and the constants the tests use. */
export interface WeightsSummary {
  n: number;
  /** Σ_i k_i (directed links). */
  nLinks: number;
  /** Units with no neighbour (k_i = 0), 0-based. */
  islands: number[];
  /** Units with exactly one neighbour: their permutation pseudo-p is unreliable. */
  singleNeighbour: number[];
  meanNeighbors: number;
  minNeighbors: number;
  maxNeighbors: number;
  /** Whether j ∈ N(i) ⇔ i ∈ N(j) (spdep `is.symmetric.nb`; weights values are not compared). */
  symmetric: boolean;
  /** Number of connected components of the undirected neighbour graph (islands count as components). */
  components: number;
  /** Component label (0 … components-1) of every unit. */
  componentOf: Int32Array;
  /** n' = n − #islands, the n of the global tests (spdep `adjust.n = TRUE`). */
  nEffective: number;
  /** S0 = Σ_i Σ_j w_ij. */
  S0: number;
  /** S1 = ½ Σ_i Σ_j (w_ij + w_ji)². */
  S1: number;
  /** S2 = Σ_i (w_i. + w_.i)², with w_i. the row sum and w_.i the column sum. */
  S2: number;
}

/**
 * The weight of the link i → j, or `undefined` when j is not a neighbour of i (binary search in the sorted row).
 */
export function weightOf(w: SpatialWeights, i: number, j: number): number | undefined {
  let lo = w.offsets[i];
  let hi = w.offsets[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = w.neighbors[mid];
    if (v === j) return w.weights[mid];
    if (v < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Summary of spatial weights: islands, single-neighbour units, symmetry, connected components and the
 * constants of the Moran/Geary moments
 * S0 = Σ_ij w_ij, S1 = ½ Σ_ij (w_ij + w_ji)², S2 = Σ_i (w_i. + w_.i)².
 *
 * Reference: Cliff & Ord (1981), *Spatial Processes*, §1.5 and §2.3; spdep `spweights.constants`,
 * `n.comp.nb`, `is.symmetric.nb`.
 */
export function summariseWeights(w: SpatialWeights): WeightsSummary {
  const { n, offsets, neighbors, weights } = w;
  const islands: number[] = [];
  const singleNeighbour: number[] = [];
  let minK = Infinity;
  let maxK = 0;
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let S0 = 0;
  let S1twice = 0;
  let symmetric = true;
  for (let i = 0; i < n; i++) {
    const k = offsets[i + 1] - offsets[i];
    if (k === 0) islands.push(i);
    if (k === 1) singleNeighbour.push(i);
    if (k < minK) minK = k;
    if (k > maxK) maxK = k;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      const wij = weights[p];
      rowSum[i] += wij;
      colSum[j] += wij;
      S0 += wij;
      const wji = weightOf(w, j, i);
      if (wji === undefined) {
        symmetric = false;
        // the ordered pair (j, i) is absent from W but present in Wᵀ: its term (w_ji + w_ij)² = w_ij²
        S1twice += 2 * wij * wij;
      } else {
        S1twice += (wij + wji) * (wij + wji);
      }
    }
  }
  let S2 = 0;
  for (let i = 0; i < n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;
  const { components, componentOf } = connectedComponents(w);
  return {
    n,
    nLinks: offsets[n],
    islands,
    singleNeighbour,
    meanNeighbors: n > 0 ? offsets[n] / n : 0,
    minNeighbors: n > 0 ? minK : 0,
    maxNeighbors: maxK,
    symmetric,
    components,
    componentOf,
    nEffective: n - islands.length,
    S0,
    S1: S1twice / 2,
    S2,
  };
}

/**
 * Connected components of the undirected graph behind the weights (a link in either direction joins two
 * units), by iterative depth-first search. Reference: Tarjan (1972); spdep `n.comp.nb`.
 */
export function connectedComponents(w: SpatialWeights): { components: number; componentOf: Int32Array } {
  const { n, offsets, neighbors } = w;
  // undirected adjacency: knn weights are not symmetric, components must follow links both ways
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      deg[i + 1]++;
      deg[neighbors[p] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      adj[fill[i]++] = j;
      adj[fill[j]++] = i;
    }
  }
  const componentOf = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let components = 0;
  for (let s = 0; s < n; s++) {
    if (componentOf[s] !== -1) continue;
    let top = 0;
    stack[top++] = s;
    componentOf[s] = components;
    while (top > 0) {
      const i = stack[--top];
      for (let p = deg[i]; p < deg[i + 1]; p++) {
        const j = adj[p];
        if (componentOf[j] === -1) {
          componentOf[j] = components;
          stack[top++] = j;
        }
      }
    }
    components++;
  }
  return { components, componentOf };
}
