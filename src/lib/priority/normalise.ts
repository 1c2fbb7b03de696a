/**
 * Normalisation of one priority indicator over the desa in scope, so that indicators in different units
 * (households, shares, 0/1 membership) can be weighed together. Both methods map to [0, 1] with 1 = most in
 * need, after the direction:
 *
 *   min–max:          n_i = (x_i − min) / (max − min)                      (0 for every desa when max = min)
 *   percentile rank:  n_i = (r_i − 1) / (m − 1), r_i the mid-rank of x_i   (ties share the mean of their ranks;
 *                                                                          0.5 when m = 1 or all are tied)
 *   direction lower:  n_i ← 1 − n_i      (a low value means more need, e.g. programme coverage)
 *
 * over the m desa with a value; a desa without a value gets 0 (it cannot add need it was not measured on;
 * the ranking marks it). Min–max keeps distances (one extreme desa compresses the rest); percentile rank
 * keeps only the order (robust to outliers).
 *
 * Reference: OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, §5 (normalisation: min–max,
 * ranking), §6 (weighting and aggregation).
 */

export type Normalisation = 'minmax' | 'percentile';
export type Direction = 'higher' | 'lower';

/** Normalised values in [0, 1] (see the module comment); `null` inputs give 0. */
export function normalise(
  values: readonly (number | null)[],
  method: Normalisation,
  direction: Direction,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const present: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) present.push(i);
  }
  const m = present.length;
  if (m === 0) return out;
  if (method === 'minmax') {
    let min = Infinity;
    let max = -Infinity;
    for (const i of present) {
      const v = values[i] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min;
    for (const i of present) {
      const x = span > 0 ? ((values[i] as number) - min) / span : 0;
      out[i] = direction === 'higher' ? x : span > 0 ? 1 - x : 0;
    }
    return out;
  }
  const order = [...present].sort((a, b) => (values[a] as number) - (values[b] as number));
  for (let r = 0; r < m;) {
    let e = r;
    while (e + 1 < m && values[order[e + 1]] === values[order[r]]) e++;
    const midRank = (r + e) / 2 + 1; // 1-based mean rank of the tie group
    const p = m === 1 || (r === 0 && e === m - 1) ? 0.5 : (midRank - 1) / (m - 1);
    for (let j = r; j <= e; j++) out[order[j]] = direction === 'higher' ? p : 1 - p;
    r = e + 1;
  }
  return out;
}
