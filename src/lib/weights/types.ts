/**
 * Spatial weights in compressed sparse row (CSR) form: three typed arrays that loop fast and move to a Worker
 * without copying (`transferList(weights)`).
 *
 * Row i holds the neighbours of unit i: `neighbors[offsets[i] .. offsets[i+1])`, sorted ascending, with their
 * weights at the same positions in `weights`. A unit with no neighbour (an island) has an empty row; islands
 * are kept and reported, never dropped (spdep's `zero.policy = TRUE`).
 *
 * Reference: Bivand, Pebesma & Gómez-Rubio (2013), *Applied Spatial Data Analysis with R*, ch. 9 (`nb` and
 * `listw` objects); Rey & Anselin (2007), PySAL `W` objects.
 */
import type { Message } from '../messages/message.ts';
export interface SpatialWeights {
  /** Number of units (rows). */
  readonly n: number;
  /** Row starts, length n + 1: the neighbours of i are `neighbors[offsets[i]]` … `neighbors[offsets[i + 1] - 1]`. */
  readonly offsets: Int32Array;
  /** 0-based neighbour indices, sorted ascending within each row. */
  readonly neighbors: Int32Array;
  /** w_ij at the same positions as `neighbors`. */
  readonly weights: Float64Array;
  /** `'B'` binary (w_ij = 1), `'W'` row-standardised (w_ij = 1/Σ_j w_ij), `'custom'` anything else. */
  readonly style: 'B' | 'W' | 'custom';
  /** How the neighbours were found: `queen`, `rook`, `knn6`, `tolerant`, `h3`… */
  readonly kind: string;
}

/**
 * Bad input to the spatial core, naming the unit at fault (0-based `unitIndex`) where there is one. `message`
 * is English; `detail`, where there is one (a blocking guardrail), is the same as a message for surfaces to
 * render in their language.
 */
export class SpatialInputError extends Error {
  constructor(
    message: string,
    readonly unitIndex?: number,
    readonly detail?: Message,
  ) {
    super(message);
    this.name = 'SpatialInputError';
  }
}

/**
 * Binary weights (w_ij = 1) from neighbour lists. Each list is sorted and de-duplicated; a unit listing
 * itself is rejected, as is an index outside [0, n).
 */
export function weightsFromNeighbourLists(
  lists: ReadonlyArray<ArrayLike<number>>,
  kind: string,
): SpatialWeights {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const neighbors = new Int32Array(offsets[n]);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from(lists[i]).sort((a, b) => a - b);
    offsets[i] = nnz;
    let prev = -1;
    for (const j of row) {
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new SpatialInputError(`unit ${i}: neighbour index ${j} is outside 0..${n - 1}`, i);
      if (j === i) throw new SpatialInputError(`unit ${i} lists itself as a neighbour`, i);
      if (j === prev) continue;
      neighbors[nnz++] = j;
      prev = j;
    }
  }
  offsets[n] = nnz;
  const trimmed = nnz === neighbors.length ? neighbors : neighbors.slice(0, nnz);
  return { n, offsets, neighbors: trimmed, weights: new Float64Array(nnz).fill(1), style: 'B', kind };
}

/**
 * Binary symmetric weights from unordered pairs {i, j} (each pair once or twice, i ≠ j): the form in which
 * contiguity searches find neighbours.
 */
export function weightsFromPairs(
  n: number,
  pairsI: ArrayLike<number>,
  pairsJ: ArrayLike<number>,
  kind: string,
): SpatialWeights {
  const count = new Int32Array(n + 1);
  for (let p = 0; p < pairsI.length; p++) {
    count[pairsI[p] + 1]++;
    count[pairsJ[p] + 1]++;
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n);
  const raw = new Int32Array(count[n]);
  for (let p = 0; p < pairsI.length; p++) {
    const i = pairsI[p];
    const j = pairsJ[p];
    raw[fill[i]++] = j;
    raw[fill[j]++] = i;
  }
  const lists: Int32Array[] = [];
  for (let i = 0; i < n; i++) lists.push(raw.subarray(count[i], count[i + 1]));
  return weightsFromNeighbourLists(lists, kind);
}

/** The neighbour lists as plain arrays (the `neighbors.json` form: sorted 0-based indices per unit). */
export function neighbourLists(w: SpatialWeights): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < w.n; i++) out.push(Array.from(w.neighbors.subarray(w.offsets[i], w.offsets[i + 1])));
  return out;
}

/** Number of neighbours k_i of every unit (spdep `card()`). */
export function cardinalities(w: SpatialWeights): Int32Array {
  const k = new Int32Array(w.n);
  for (let i = 0; i < w.n; i++) k[i] = w.offsets[i + 1] - w.offsets[i];
  return k;
}

/** The buffers to pass as a `postMessage` transfer list (or to comlink's `transfer`) so nothing is copied. */
export function transferList(w: SpatialWeights): ArrayBuffer[] {
  return [w.offsets.buffer, w.neighbors.buffer, w.weights.buffer] as ArrayBuffer[];
}

/**
 * Spatial lag (Wx)_i = Σ_j w_ij x_j (0 for an island), summed in neighbour order as spdep's `lag.listw`.
 * Reference: Anselin (1988), *Spatial Econometrics*, §3.2.
 */
export function spatialLag(
  w: SpatialWeights,
  x: ArrayLike<number>,
  out = new Float64Array(w.n),
): Float64Array {
  const { offsets, neighbors, weights } = w;
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) s += weights[p] * x[neighbors[p]];
    out[i] = s;
  }
  return out;
}
