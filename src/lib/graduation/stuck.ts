/**
 * Where graduation is not working: "kantong stagnan", connected groups of desa whose graduation rate is low
 * and whose neighbours' is low too.
 *
 * 1. Desa with at least `minPoor` households in the poor group at t0 (found at t1) are analysed; fewer give
 *    a rate no one may see (and that says little).
 * 2. Their graduation rates are smoothed by global empirical Bayes (`empiricalBayesRates`: graduated over
 *    poor), so a small desa does not look stuck by chance.
 * 3. Local Moran's I of the smoothed rates over the contiguity of the analysed desa, with conditional
 *    permutations and the multiple-testing correction of the analysis parameters (`analyseUnitClusters`);
 *    a stuck desa is one in a significant Low–Low cluster: low itself, and low around it.
 * 4. Connected groups (over the same weights) of at least `minUnits` stuck desa are the stuck pockets,
 *    ordered by their poor households at t0.
 *
 * Reference: Anselin (1995), Geographical Analysis 27(2) (LISA, the Low–Low quadrant); Marshall (1991) (EB
 * rates); Benjamini & Hochberg (1995).
 */
import { analyseUnitClusters } from '../clusters/unit-clusters.ts';
import { msg, type Message } from '../messages/message.ts';
import { selectedComponents } from '../pockets/components.ts';
import { empiricalBayesRates } from '../stats/eb-rates.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import { MIN_UNITS } from '../stats/validate.ts';
import { SpatialInputError, type SpatialWeights } from '../weights/types.ts';
import type { Graduation } from './rates.ts';

/** Options of {@link findStuck} (the analysis parameters' values; see `src/lib/params/analysis.ts`). */
export interface StuckOptions {
  permutations: number;
  seed: number;
  alpha: number;
  pAdjust: PAdjustMethod;
  /** Fewest poor households at t0 for a desa to be analysed (the small-number threshold k). */
  minPoor: number;
  /** Fewest desa in a stuck pocket (default 2: one desa is a place, not a pocket). */
  minUnits?: number;
}

/** The LISA code of a Low–Low cluster (see `UnitClusters.clusters`). */
export const LOW_LOW = 3;

/** Result of {@link findStuck}, per unit of the input. */
export interface StuckResult {
  /** 1 where the desa took part. */
  analysed: Uint8Array;
  /** The EB-smoothed graduation rate (NaN where not analysed). */
  smoothed: Float64Array;
  /** The kabupaten's graduation rate over the analysed desa (the prior mean b). */
  overall: number | null;
  /** LISA cluster code (0 none, 1 HH, 2 LH, 3 LL, 4 HL). */
  cluster: Uint8Array;
  /** p of the cluster map after the correction (NaN where not analysed). */
  p: Float64Array;
  /** 1 for a desa of a stuck pocket. */
  stuck: Uint8Array;
  /** The stuck pockets as unit indices (ascending), largest poor group first. */
  groups: number[][];
  /** Global Moran's I of the smoothed rates (NaN when not computed). */
  moranI: number;
  /** Why there is no stuck pocket, or how many were found. */
  outcome: Message;
}

/** Finds the stuck pockets (see the module comment); valid data never make it throw. */
export function findStuck(
  units: readonly Pick<Graduation, 'poor' | 'graduated'>[],
  weights: SpatialWeights,
  o: StuckOptions,
): StuckResult {
  const n = units.length;
  const analysed = Uint8Array.from(units, (u) => (u.poor >= o.minPoor && u.poor > 0 ? 1 : 0));
  const index = [...analysed.keys()].filter((i) => analysed[i]);
  const smoothed = new Float64Array(n).fill(NaN);
  const empty = (outcome: Message, overall: number | null = null): StuckResult => ({
    analysed,
    smoothed,
    overall,
    cluster: new Uint8Array(n),
    p: new Float64Array(n).fill(NaN),
    stuck: new Uint8Array(n),
    groups: [],
    moranI: NaN,
    outcome,
  });
  if (index.length < MIN_UNITS)
    return empty(msg('graduation.stuck.tooFew', { count: index.length, min: MIN_UNITS, k: o.minPoor }));
  const eb = empiricalBayesRates(
    index.map((i) => units[i].graduated),
    index.map((i) => units[i].poor),
  );
  index.forEach((i, j) => (smoothed[i] = eb.smoothed[j]));
  if (eb.a === 0)
    return empty(msg('graduation.stuck.noVariance', { rate: Math.round(eb.b * 1000) / 10 }), eb.b);
  let clusters;
  try {
    clusters = analyseUnitClusters(
      Array.from(smoothed, (v) => (Number.isFinite(v) ? v : null)),
      weights,
      { permutations: o.permutations, seed: o.seed, alpha: o.alpha, pAdjust: o.pAdjust, expectRate: true },
    );
  } catch (error) {
    if (error instanceof SpatialInputError) return empty(msg('graduation.stuck.noTest'), eb.b);
    throw error;
  }
  const low = Uint8Array.from(clusters.clusters, (c) => (c === LOW_LOW ? 1 : 0));
  const groups = selectedComponents(low, weights, o.minUnits ?? 2)
    .map((g) => Array.from(g))
    .map((g) => ({ g, poor: g.reduce((a, i) => a + units[i].poor, 0) }))
    .sort((a, b) => b.poor - a.poor || a.g[0] - b.g[0])
    .map((x) => x.g);
  const stuck = new Uint8Array(n);
  for (const g of groups) for (const i of g) stuck[i] = 1;
  return {
    analysed,
    smoothed,
    overall: eb.b,
    cluster: clusters.clusters,
    p: clusters.p,
    stuck,
    groups,
    moranI: clusters.moran.I,
    outcome:
      groups.length > 0
        ? msg('graduation.stuck.found', { count: groups.length, desa: stuck.reduce((a, b) => a + b, 0) })
        : msg('graduation.stuck.none', { alpha: o.alpha }),
  };
}
