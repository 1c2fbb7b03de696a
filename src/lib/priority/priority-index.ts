/**
 * The priority index of desa: a weighted mean of normalised indicators,
 *
 *   index_d = Σ_i w_i · n_{i,d} / Σ_i w_i,      contribution_{i,d} = w_i · n_{i,d} / Σ_i w_i,
 *
 * so the contributions of a desa add up to its index (0–1), and a rank (1 = highest index). Ties share the
 * best rank of their group (standard competition ranking, "1224"); the order within a tie is by code, so the
 * same input always gives the same list.
 *
 * Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, §6 (linear aggregation).
 */
import { normalise, type Direction, type Normalisation } from './normalise.ts';

/** One indicator of an index: its values over the desa in scope, how to read them, and its weight. */
export interface IndexPart {
  values: readonly (number | null)[];
  direction: Direction;
  normalise: Normalisation;
  /** Any non-negative number; only ratios matter (the app keeps them as percentages summing to 100). */
  weight: number;
}

export interface PriorityResult {
  /** Index of each desa (0–1). */
  index: Float64Array;
  /** Rank of each desa (1 = most in need; ties share the best rank). */
  rank: Int32Array;
  /** Desa positions from rank 1 down (ties by code). */
  order: Int32Array;
  /** contributions[i][d]: part of desa d's index that indicator i gives. */
  contributions: Float64Array[];
  /** Normalised values per indicator (0–1). */
  normalised: Float64Array[];
}

/**
 * Index, contributions, rank and order of `codes.length` desa. Throws a RangeError when every weight is 0 (no
 * index can be formed; the surfaces say so before calling).
 */
export function priorityIndex(codes: readonly string[], parts: readonly IndexPart[]): PriorityResult {
  const n = codes.length;
  const total = parts.reduce((a, p) => a + (p.weight > 0 ? p.weight : 0), 0);
  if (!(total > 0)) throw new RangeError('every weight is 0: no index');
  const index = new Float64Array(n);
  const normalised = parts.map((p) => {
    if (p.values.length !== n)
      throw new RangeError(`an indicator has ${p.values.length} values for ${n} desa`);
    return normalise(p.values, p.normalise, p.direction);
  });
  const contributions = parts.map((p, i) => {
    const w = p.weight > 0 ? p.weight / total : 0;
    const c = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      c[d] = w * normalised[i][d];
      index[d] += c[d];
    }
    return c;
  });
  // Summation order can differ by the last bit between equal desa: compare on a rounded index.
  const key = Float64Array.from(index, (v) => Math.round(v * 1e12) / 1e12);
  const order = Int32Array.from({ length: n }, (_, d) => d).sort(
    (a, b) => key[b] - key[a] || (codes[a] < codes[b] ? -1 : codes[a] > codes[b] ? 1 : 0),
  );
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const d = order[r];
    rank[d] = r > 0 && key[order[r - 1]] === key[d] ? rank[order[r - 1]] : r + 1;
  }
  return { index, rank, order, contributions, normalised };
}
