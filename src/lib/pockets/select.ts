/** Which significant units can form a pocket. */
export type PocketCriterion =
  | {
      /** Significant High-High units of the LISA cluster map (α and the multiple-testing correction as chosen). */
      kind: 'lisa';
    }
  | {
      /** Getis–Ord Gi* hot spots at this confidence or above. */
      kind: 'gi';
      confidence: 90 | 95 | 99;
      /**
       * Only hot spots whose own value is above the mean (z_i > 0, the "High" of the LISA quadrants): Gi*
       * counts the neighbours too, so an average unit beside a pocket reads as a hot spot (the halo); this
       * keeps it out of the pocket.
       */
      high?: boolean;
    };

/** The LISA outputs a pocket selection reads (as returned by `analyseLisa`). */
export interface ClusterLabels {
  /** 1 High-High, 2 Low-High, 3 Low-Low, 4 High-Low, 0 not significant (after α and the correction). */
  clusters: ArrayLike<number>;
  /** Gi* tiers −3…3 (±1/2/3 = 90/95/99%, after the correction). */
  giTiers: ArrayLike<number>;
  /** Deviations z_i = x_i − x̄ (only their sign is read); needed for `high` criteria. */
  z?: ArrayLike<number>;
}

/**
 * Units eligible for a pocket: significant High-High (`clusters[i] = 1`) for `lisa`, or hot spots with tier
 * ≥ 1, 2, 3 for Gi* at 90, 95, 99% (`giTiers[i] ≥ tier`), and with `high` only those whose own value is above
 * the mean (`z[i] > 0`). The significance test itself (conditional permutations, α, FDR/Bonferroni) is
 * `analyseLisa`'s.
 *
 * Reference: Anselin (1995), §4 (LISA cluster map, "High" = z_i > 0); Getis & Ord (1992); Ord & Getis (1995)
 * (Gi* includes the unit's neighbours, hence the halo); Esri, "How Hot Spot Analysis (Getis-Ord Gi*) works"
 * (confidence bins).
 */
export function pocketCandidates(labels: ClusterLabels, criterion: PocketCriterion): Uint8Array {
  const n = labels.clusters.length;
  const out = new Uint8Array(n);
  if (criterion.kind === 'lisa') {
    for (let i = 0; i < n; i++) out[i] = labels.clusters[i] === 1 ? 1 : 0;
    return out;
  }
  const tier = criterion.confidence === 99 ? 3 : criterion.confidence === 95 ? 2 : 1;
  const z = labels.z;
  if (criterion.high && !z) throw new RangeError('a "high" Gi* criterion needs the standardised values z');
  for (let i = 0; i < n; i++)
    out[i] = labels.giTiers[i] >= tier && (!criterion.high || (z as ArrayLike<number>)[i] > 0) ? 1 : 0;
  return out;
}

/**
 * Parses a criterion as the CLI and the URL write it: `lisa`, `gi90`, `gi95`, `gi99`, and `gi90-high`,
 * `gi95-high`, `gi99-high` for hot spots whose own value is above the mean; null otherwise.
 */
export function parseCriterion(text: string): PocketCriterion | null {
  const t = text.trim().toLowerCase();
  if (t === 'lisa' || t === 'hh') return { kind: 'lisa' };
  const m = /^gi\*?(90|95|99)(-high)?$/.exec(t);
  if (!m) return null;
  const confidence = Number(m[1]) as 90 | 95 | 99;
  return m[2] ? { kind: 'gi', confidence, high: true } : { kind: 'gi', confidence };
}
