import erfc from '@stdlib/math-base-special-erfc';

/**
 * Upper tail of the standard normal, 1 − Φ(z) = ½ erfc(z/√2), accurate in the far tail (no 1 − Φ
 * cancellation). erfc is stdlib's port of FreeBSD msun's `erfc` (Sun Microsystems, < 1 ulp), so p-values agree
 * with R's `pnorm(z, lower.tail = FALSE)` (Cody 1993) to ~1e-15 relative.
 * Reference: Abramowitz & Stegun (1964), 7.1.2 and 26.2.29.
 */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal CDF Φ(z) = ½ erfc(−z/√2). Reference: Abramowitz & Stegun (1964), 26.2.29. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Two-sided normal p-value 2(1 − Φ(|z|)) = erfc(|z|/√2); NaN stays NaN (an island's undefined z).
 * Reference: as `normalUpperTail`; R `2 * pnorm(abs(z), lower.tail = FALSE)`.
 */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
