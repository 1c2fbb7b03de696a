import type { Guardrail } from '../stats/guardrails.ts';
import type { LisaResult } from '../stats/lisa.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import type { Suppression } from '../hex/suppression.ts';
import type { Message } from '../messages/message.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { DEFAULT_ANALYSIS, pocketOptionsOf } from '../params/analysis.ts';
import type { Pocket } from './pockets.ts';
import type { PocketCriterion } from './select.ts';

/** Options shared by the desa and hexagon pocket analyses (defaults: `ANALYSIS_PARAMS` in `src/lib/params`). */
export interface PocketOptions {
  /** Conditional permutations (default 999). */
  permutations?: number;
  /** Seed of the permutations (default 1): same seed, same pockets. */
  seed?: number;
  /** Significance level of the local tests and of the global test (default 0.05). */
  alpha?: number;
  /** Multiple-testing correction (default `fdr`, Benjamini–Hochberg; or `none`, `bonferroni`). */
  pAdjust?: PAdjustMethod;
  /** Gi* hot spots whose own value is high (default, 95%), any Gi* hot spot, or LISA High-High. */
  criterion?: PocketCriterion;
  /** Smallest pocket, in units (default 3). */
  minUnits?: number;
  /** Fewest households a pocket holds (default 200). */
  minHouseholds?: number;
  /**
   * The global test (Moran's I, one-sided, at α) must support clustering for any pocket to be reported
   * (`require`, default), or pockets are reported anyway and labelled indicative (`indicative`).
   */
  gate?: PocketGate;
  /** Small-number threshold k (default 10, at least 3). */
  minCount?: number;
  /** EB-smoothed (default) or raw desil-1 share. */
  rate?: 'eb' | 'raw';
}

/** What the global test decides (see {@link PocketOptions.gate}). */
export type PocketGate = 'require' | 'indicative';

/** The options with their defaults filled in. */
export type ResolvedPocketOptions = Required<PocketOptions>;

/**
 * Fills in the defaults of {@link PocketOptions} from the shared parameter schema (`DEFAULT_ANALYSIS`), so the
 * core, the app and the CLI have one set of defaults.
 */
export function resolvePocketOptions(
  o: PocketOptions = {},
  unit: 'desa' | 'hex' = 'desa',
): ResolvedPocketOptions {
  const d = pocketOptionsOf(DEFAULT_ANALYSIS, unit);
  const minUnits = o.minUnits ?? d.minUnits;
  if (!Number.isInteger(minUnits) || minUnits < 1)
    throw new RangeError(`minimum pocket size must be a whole number ≥ 1, got ${minUnits}`);
  const minHouseholds = o.minHouseholds ?? d.minHouseholds;
  if (!Number.isInteger(minHouseholds) || minHouseholds < 0)
    throw new RangeError(`minimum households of a pocket must be a whole number ≥ 0, got ${minHouseholds}`);
  return {
    permutations: o.permutations ?? d.permutations,
    seed: o.seed ?? d.seed,
    alpha: o.alpha ?? d.alpha,
    pAdjust: o.pAdjust ?? d.pAdjust,
    criterion: o.criterion ?? d.criterion,
    minUnits,
    minHouseholds,
    gate: o.gate ?? d.gate,
    minCount: o.minCount ?? d.minCount,
    rate: o.rate ?? d.rate,
  };
}

/**
 * How a pocket run ended: pockets found (and the global test supports clustering), pockets that are only
 * indicative (the global test does not support clustering and the gate lets them through, labelled), or no
 * pocket, always with the reason — a run on valid data never throws.
 */
export type PocketOutcome =
  | { kind: 'found'; reason: Message }
  | { kind: 'indicative'; reason: Message }
  | { kind: 'none'; reason: Message };

/**
 * The global test behind the gate: Moran's I of the analysed values with the one-sided p of positive
 * autocorrelation — the permutation pseudo p (M + 1)/(R + 1) when permutations ran, 1 − Φ(z) otherwise.
 */
export interface GlobalTest {
  I: number;
  z: number;
  p: number;
  method: 'permutation' | 'analytical';
  /** p ≤ α. */
  supported: boolean;
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
  /**
   * The same for the counts a table of the units shows: `suppression` itself, except for partly geotagged
   * hexagons, whose table shows every household of a cell while the statistics (and `households`) count
   * the geotagged ones only.
   */
  displaySuppression: Suppression;
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
  /** How the run ended, with the reason (see {@link PocketOutcome}). */
  outcome: PocketOutcome;
  /** The global test of the gate; null when the statistics could not run (see `outcome`). */
  global: GlobalTest | null;
  /**
   * Households the statistics rest on and all households counted: equal for desa and for hexagons counted
   * from coordinates; for partly geotagged hexagons `used` counts only the geotagged ones.
   */
  householdsUsed: { used: number; total: number };
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
  /** The analysed units (indices into the full unit list) and their neighbours: what a rerun needs. */
  analysedIndex: Int32Array;
  analysedWeights: SpatialWeights;
}

/** The per-unit fields of a run whose data gave no statistic (see `runPocketTest`): nothing analysed. */
export function spreadNothing(
  n: number,
): Pick<PocketAnalysis, 'analysed' | 'value' | 'cluster' | 'giTier' | 'p' | 'moran' | 'guardrails'> {
  return {
    analysed: new Uint8Array(n),
    value: new Float64Array(n).fill(NaN),
    cluster: new Uint8Array(n),
    giTier: new Int8Array(n),
    p: new Float64Array(n).fill(NaN),
    moran: { I: NaN, z: NaN, pPermutationAtLeast: null },
    guardrails: [],
  };
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
