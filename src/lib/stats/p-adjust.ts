/**
 * Multiple-testing corrections offered to the user, by the names the URL, the CLI and the core share: `fdr` is
 * the Benjamini–Hochberg step-up rule (R's `p.adjust` calls it `"BH"`, with `"fdr"` as an alias).
 */
export type PAdjustMethod = 'none' | 'fdr' | 'bonferroni';

/**
 * p-values adjusted for multiple testing, as R's `p.adjust`:
 *
 *   Bonferroni:            p̃_i = min(1, m p_i)
 *   Benjamini–Hochberg:    p̃_(i) = min(1, min_{j ≥ i} m p_(j) / j)   (p_(1) ≤ … ≤ p_(m), the step-up FDR rule)
 *
 * m counts the non-missing p-values; NaN (e.g. an island's undefined p) stays NaN in place and is not counted.
 * Tied p-values get equal adjusted values. Reject H0_i at FDR q when p̃_i ≤ q.
 *
 * Reference: Benjamini & Hochberg (1995), JRSS B 57(1); Bonferroni (1936); R `stats::p.adjust`.
 */
export function adjustPValues(p: ArrayLike<number>, method: PAdjustMethod): Float64Array {
  const out = Float64Array.from(p);
  if (method === 'none') return out;
  const present: number[] = [];
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i])) present.push(i);
  }
  const m = present.length;
  if (m <= 1) return out;
  if (method === 'bonferroni') {
    for (const i of present) out[i] = Math.min(1, m * out[i]);
    return out;
  }
  // decreasing p; stable on ties as R's order() — ties end up equal anyway through the running minimum
  present.sort((a, b) => out[b] - out[a] || a - b);
  const adjusted = new Float64Array(m);
  let running = Infinity;
  for (let r = 0; r < m; r++) {
    const rank = m - r;
    const v = (m / rank) * out[present[r]];
    if (v < running) running = v;
    adjusted[r] = Math.min(1, running);
  }
  for (let r = 0; r < m; r++) out[present[r]] = adjusted[r];
  return out;
}
