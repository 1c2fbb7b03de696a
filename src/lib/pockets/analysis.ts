import type { Guardrail } from '../stats/guardrails.ts';
import type { LisaResult } from '../stats/lisa.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import { DEFAULT_MIN_COUNT, type Suppression } from '../hex/suppression.ts';
import type { Pocket } from './pockets.ts';
import type { PocketCriterion } from './select.ts';

/** Options shared by the desa and hexagon pocket analyses. */
export interface PocketOptions {
  /** Conditional permutations (default 999). */
  permutations?: number;
  /** Seed of the permutations (default 1): same seed, same pockets. */
  seed?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Multiple-testing correction (default none; `BH` = FDR, or `bonferroni`). */
  pAdjust?: PAdjustMethod;
  /** LISA High-High (default) or Gi* hot spots at a confidence. */
  criterion?: PocketCriterion;
  /** Smallest pocket, in units (default 1). */
  minUnits?: number;
  /** Small-number threshold k (default 10, at least 3). */
  minCount?: number;
  /** EB-smoothed (default) or raw desil-1 share. */
  rate?: 'eb' | 'raw';
}

/** The options with their defaults filled in. */
export type ResolvedPocketOptions = Required<PocketOptions>;

/** Fills in the defaults of {@link PocketOptions}. */
export function resolvePocketOptions(o: PocketOptions = {}): ResolvedPocketOptions {
  const minUnits = o.minUnits ?? 1;
  if (!Number.isInteger(minUnits) || minUnits < 1)
    throw new RangeError(`minimum pocket size must be a whole number ≥ 1, got ${minUnits}`);
  return {
    permutations: o.permutations ?? 999,
    seed: o.seed ?? 1,
    alpha: o.alpha ?? 0.05,
    pAdjust: o.pAdjust ?? 'none',
    criterion: o.criterion ?? { kind: 'lisa' },
    minUnits,
    minCount: o.minCount ?? DEFAULT_MIN_COUNT,
    rate: o.rate ?? 'eb',
  };
}

/**
 * Everything a pocket run gives the map, the list and the exports, per unit of the full unit list (desa in
 * the order given, or the hexbin cells): plain data and typed arrays only.
 */
export interface PocketAnalysis {
  unit: 'desa' | 'hex';
  resolution: number | null;
  /** kode_desa or H3 index of every unit. */
  codes: string[];
  /** Each unit's own desa (index into the desa list): itself for desa, the desa under a hexagon's centre (−1 none). */
  primaryDesa: Int32Array;
  households: Uint32Array;
  desil1: Uint32Array;
  /** Small-number statuses of units and of their desil counts (pocket totals included as published lines). */
  suppression: Suppression;
  /** 1 where the unit took part in the statistics (households ≥ k and not suppressed). */
  analysed: Uint8Array;
  /** Raw desil-1 share (NaN without households). */
  share: Float64Array;
  /** The analysed value (EB-smoothed or raw share; NaN when not analysed). */
  value: Float64Array;
  /** LISA cluster code (1 HH, 2 LH, 3 LL, 4 HL, 0 none or not analysed). */
  cluster: Uint8Array;
  /** Gi* tier −3…3 (0 when not analysed). */
  giTier: Int8Array;
  /** p used for the cluster map after the correction (NaN when not analysed). */
  p: Float64Array;
  /** Rank − 1 of the unit's pocket, −1 outside pockets. */
  pocketOf: Int32Array;
  pockets: Pocket[];
  /**
   * Global Moran's I of the analysed units, its analytical z and, when permutations ran, the permutation
   * pseudo p (M + 1)/(R + 1), M = permutations with I at least the observed one (Hope 1968; ties count as "at
   * least", see `crossProductPermutations`): one-sided, like `UnitClusters.moran.pPermutationGreater`, which
   * ranks ties by their average instead.
   */
  moran: { I: number; z: number; pPermutationAtLeast: number | null };
  /** Guardrails of the LISA run with `units` as indices of the full unit list. */
  guardrails: Guardrail[];
  options: ResolvedPocketOptions;
}

/** Maps a LISA run on a subset back to the full unit list (see {@link PocketAnalysis}). */
export function spreadLisa(
  n: number,
  index: ArrayLike<number>,
  value: ArrayLike<number>,
  lisa: LisaResult,
  pUsed: ArrayLike<number>,
): Pick<PocketAnalysis, 'analysed' | 'value' | 'cluster' | 'giTier' | 'p' | 'moran' | 'guardrails'> {
  const analysed = new Uint8Array(n);
  const v = new Float64Array(n).fill(NaN);
  const cluster = new Uint8Array(n);
  const giTier = new Int8Array(n);
  const p = new Float64Array(n).fill(NaN);
  for (let k = 0; k < index.length; k++) {
    const u = index[k];
    analysed[u] = 1;
    v[u] = value[k];
    cluster[u] = lisa.clusters[k];
    giTier[u] = lisa.giTiers[k];
    p[u] = pUsed[k];
  }
  const guardrails = lisa.guardrails.map((g) =>
    g.units ? { ...g, units: g.units.map((k) => index[k]) } : g,
  );
  return {
    analysed,
    value: v,
    cluster,
    giTier,
    p,
    moran: {
      I: lisa.moran.I,
      z: lisa.moran.z,
      pPermutationAtLeast: lisa.moranPermutation?.pSim ?? null,
    },
    guardrails,
  };
}
