import { SpatialInputError, type SpatialWeights } from '../weights/types.ts';

/** Fewest units any statistic here accepts (variances divide by n − 3 for Moran's I). */
export const MIN_UNITS = 4;

/**
 * Checks an analysis variable against its weights: same length, every value a finite number. Throws a
 * `SpatialInputError` naming the first unit at fault, so no NaN ever reaches a statistic silently.
 * Returns the values as a Float64Array.
 */
export function checkValues(x: ArrayLike<number>, w: SpatialWeights, what = 'value'): Float64Array {
  if (x.length !== w.n) throw new SpatialInputError(`${x.length} ${what}s for ${w.n} units: lengths differ`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new SpatialInputError(`unit ${i}: ${what} ${String(v)} is not a finite number`, i);
    out[i] = v;
  }
  return out;
}

/**
 * Σx with Neumaier's compensated summation: R's `sum` accumulates in long double, and plain double summation
 * of many terms would drift from it by more than the 1e-9 the reference tests allow after cancellation.
 * Reference: Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen", ZAMM 54.
 */
export function accurateSum(x: ArrayLike<number>, f: (v: number) => number = (v) => v): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = f(x[i]);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Arithmetic mean Σx/n as R's `mean`: an accurate sum (see `accurateSum`), then one refinement pass
 * m += Σ(x − m)/n. Deviations z_i = x_i − m then agree with R's even for values next to the mean, where a 1-ulp
 * difference in m would be a large relative error in z_i.
 * Reference: R `summary.c` (`rsum`, `real_mean`).
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  const m = accurateSum(x) / n;
  if (!Number.isFinite(m)) return m;
  let r = 0;
  for (let i = 0; i < n; i++) r += x[i] - m;
  return m + r / n;
}

/** Median as R's `median`: the middle value, or the mean of the two middle values for even n. */
export function median(x: ArrayLike<number>): number {
  const s = Float64Array.from(x).sort();
  const n = s.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}
