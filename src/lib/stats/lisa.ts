import { renderMessage } from '../messages/render.ts';
import { rowStandardise } from '../weights/standardise.ts';
import { summariseWeights, type WeightsSummary } from '../weights/summary.ts';
import { cardinalities, SpatialInputError, type SpatialWeights } from '../weights/types.ts';
import { gearyTest, type GearyTest } from './geary.ts';
import { getisOrd, giTiers, type GetisOrd } from './getis-ord.ts';
import { lisaGuardrails, undefinedStatisticGuardrails, type Guardrail } from './guardrails.ts';
import { localMoranPermutation, type LocalMoranPermutation } from './local-moran-permutation.ts';
import { localMoran, type LocalMoran } from './local-moran.ts';
import { globalMoran, type GlobalMoran } from './moran.ts';
import { moranPermutationTest, type MoranPermutationTest } from './moran-permutation.ts';
import { adjustPValues, type PAdjustMethod } from './p-adjust.ts';
import { lisaQuadrants, type LisaQuadrants } from './quadrants.ts';
import { checkValues } from './validate.ts';

/** Options of `analyseLisa`. */
export interface LisaOptions {
  /** Conditional permutations per unit and for the global test (default 999; 0 = analytical inference only). */
  permutations?: number;
  /** Seed of the permutations (default 1): same seed, same results. */
  seed?: number;
  /** Significance level of the cluster and hot-spot maps (default 0.05). */
  alpha?: number;
  /** Multiple-testing correction applied before comparing with alpha (default `'none'`). */
  pAdjust?: PAdjustMethod;
  /** Quadrant scheme of the cluster map (default `'pysal'`: sign of z_i and (Wz)_i, as GeoDa's LISA map). */
  quadrantScheme?: 'pysal' | 'mean' | 'median';
  /** The variable is a rate: warn when it looks like raw counts. */
  expectRate?: boolean;
}

/** Everything the cluster view, the CLI and the reports need from one variable on one set of weights. */
export interface LisaResult {
  n: number;
  weights: WeightsSummary;
  /** k_i, the number of neighbours of each unit. */
  neighbourCounts: Int32Array;
  moran: GlobalMoran;
  moranPermutation: MoranPermutationTest | null;
  geary: GearyTest;
  local: LocalMoran;
  /** Conditional permutation inference; null when `permutations` is 0. */
  permutation: LocalMoranPermutation | null;
  /** BH-adjusted analytical p. */
  pAnalyticalFdr: Float64Array;
  /** BH-adjusted p_sim (NaN when no permutations). */
  pSimFdr: Float64Array;
  quadrants: LisaQuadrants;
  getisOrd: GetisOrd;
  giStarPFdr: Float64Array;
  /**
   * LISA cluster per unit: the quadrant code (1 HH, 2 LH, 3 LL, 4 HL) where significant at alpha (p_sim, or the
   * analytical p without permutations, after `pAdjust`), 0 otherwise and for islands.
   */
  clusters: Uint8Array;
  /** Gi* tiers (±1/2/3 = 90/95/99%, after `pAdjust`). */
  giTiers: Int8Array;
  guardrails: Guardrail[];
  options: Required<LisaOptions>;
}

/**
 * One LISA run: validates the values, row-standardises the weights, then computes global Moran's I (analytical
 * and permutation), Geary's C, local Moran's I (analytical conditional moments and conditional permutation
 * pseudo-p), quadrants, Getis–Ord Gi* and Gi, multiple-testing adjustments, cluster and hot-spot labels, and the
 * guardrails. Blocking problems (fewer than 4 units, no variance, a non-finite value) throw a
 * `SpatialInputError` naming the unit; the others come back in `guardrails`.
 *
 * Reference: Anselin (1995), Geographical Analysis 27(2); Getis & Ord (1992); Benjamini & Hochberg (1995);
 * the individual modules for each formula.
 */
export function analyseLisa(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: LisaOptions = {},
): LisaResult {
  const opts: Required<LisaOptions> = {
    permutations: options.permutations ?? 999,
    seed: options.seed ?? 1,
    alpha: options.alpha ?? 0.05,
    pAdjust: options.pAdjust ?? 'none',
    quadrantScheme: options.quadrantScheme ?? 'pysal',
    expectRate: options.expectRate ?? false,
  };
  const x = checkValues(values, weights);
  const w = weights.style === 'W' ? weights : rowStandardise(weights);
  const summary = summariseWeights(w);
  const guardrails = lisaGuardrails(x, summary, { expectRate: opts.expectRate });
  const blocking = guardrails.find((g) => g.severity === 'error');
  if (blocking)
    throw new SpatialInputError(renderMessage(blocking.message, 'en'), undefined, blocking.message);
  if (summary.nEffective < 4)
    throw new SpatialInputError(
      `only ${summary.nEffective} units have neighbours: global tests need at least 4`,
    );

  const moran = globalMoran(x, w, summary);
  const geary = gearyTest(x, w, summary);
  const local = localMoran(x, w);
  const doPerm = opts.permutations > 0;
  const moranPermutation = doPerm
    ? moranPermutationTest(x, w, { permutations: opts.permutations, seed: opts.seed, summary })
    : null;
  const permutation = doPerm
    ? localMoranPermutation(x, w, { permutations: opts.permutations, seed: opts.seed, local })
    : null;
  const pAnalyticalFdr = adjustPValues(local.pAnalytical, 'fdr');
  const pSimFdr = permutation ? adjustPValues(permutation.pSim, 'fdr') : new Float64Array(x.length).fill(NaN);
  const quadrants = lisaQuadrants(x, local.lag, local.z, local.lagZ);
  const gi = getisOrd(x, w);
  const giStarPFdr = adjustPValues(gi.giStarP, 'fdr');

  const pLocal = adjustPValues(permutation ? permutation.pSim : local.pAnalytical, opts.pAdjust);
  const scheme = quadrants[opts.quadrantScheme];
  const clusters = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const isIsland = w.offsets[i + 1] === w.offsets[i];
    clusters[i] = !isIsland && pLocal[i] <= opts.alpha ? scheme[i] : 0;
  }
  const tiers = giTiers(gi.giStarZ, adjustPValues(gi.giStarP, opts.pAdjust));
  guardrails.push(
    ...undefinedStatisticGuardrails({
      moranZ: moran.z,
      gearyZ: geary.z,
      localZ: local.ZIi,
      islands: summary.islands,
    }),
  );
  return {
    n: x.length,
    weights: summary,
    neighbourCounts: cardinalities(w),
    moran,
    moranPermutation,
    geary,
    local,
    permutation,
    pAnalyticalFdr,
    pSimFdr,
    quadrants,
    getisOrd: gi,
    giStarPFdr,
    clusters,
    giTiers: tiers,
    guardrails,
    options: opts,
  };
}
