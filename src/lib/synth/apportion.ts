/** Up to this many leftover units are placed by repeated selection instead of sorting every remainder. */
const SELECT_MAX = 16;

/**
 * Splits a whole number `total` into integer parts proportional to `weights` by the largest-remainder
 * (Hamilton) method: each part gets ⌊total·wᵢ/Σw⌋, and the units left over go to the largest fractional
 * remainders (ties to the lower index, so the result is deterministic). Every part is within 1 of its exact
 * quota total·wᵢ/Σw and the parts sum to `total` exactly.
 *
 * Reference: Balinski & Young (2001), *Fair Representation*, ch. 2 ("Hamilton's method").
 *
 * @param total non-negative integer to split
 * @param weights non-negative weights, not all zero when total > 0
 */
export function apportion(total: number, weights: ArrayLike<number>): Uint32Array {
  const n = weights.length;
  const parts = new Uint32Array(n);
  if (total <= 0 || n === 0) return parts;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i]))
      throw new RangeError(`weight ${i} is not a finite non-negative number`);
    sum += weights[i];
  }
  if (sum <= 0) throw new RangeError('all weights are zero');
  const remainders = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const quota = (total * weights[i]) / sum;
    parts[i] = Math.floor(quota);
    remainders[i] = quota - parts[i];
    given += parts[i];
  }
  const left = total - given;
  if (left <= SELECT_MAX && left <= n) {
    // the few largest remainders by selection: the same cells, in the same order, as the sort below
    for (let k = 0; k < left; k++) {
      let best = 0;
      for (let i = 1; i < n; i++) if (remainders[i] > remainders[best]) best = i;
      parts[best]++;
      remainders[best] = -1;
    }
    return parts;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let k = 0; given < total; k++, given++) parts[order[k % n]]++;
  return parts;
}
