/**
 * Calibration of the pocket analysis by simulation: how often it reports a pocket in data that have none (the
 * false-positive rate), and how often it finds a planted pocket (the detection rate), on a district's real desa
 * and household counts. The decision simulated is the one the app and the CLI make (`desaPocketTest`, same
 * options); only outlines and names, which do not change it, are left out.
 */
import type { DesaFeature } from '../geo/types.ts';
import { SeededRandom } from '../random.ts';
import { growCluster, independentFactors, randomDesilCounts } from '../synth/null-model.ts';
import { streamSeed } from '../synth/streams.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { resolvePocketOptions, type PocketOptions } from './analysis.ts';
import { desaPocketTest } from './desa-pockets.ts';

/** A planted pocket is found when one reported pocket holds at least this share of its desa. */
export const DETECTION_SHARE = 0.8;

/** Input of {@link calibrateDesaPockets}. */
export interface CalibrationInput {
  desa: readonly DesaFeature[];
  /** Households per desa (kept in every replicate). */
  households: ArrayLike<number>;
  /** The kabupaten's desil shares (10; normalised). */
  shares: readonly number[];
  /** Contiguity of all desa (as the app caches it). */
  weights: SpatialWeights;
  /** Null replicates and planted replicates. */
  replicates: { null: number; planted: number };
  /** Seed of the whole study: replicate r draws from fmix32(seed · φ ⊕ r) (`streamSeed`). */
  seed: number;
  /** The planted pocket: a connected cluster of `size` desa at `factor` × the kabupaten's desil-1 share. */
  planted: { size: number; factor: number };
  /**
   * Spatially independent differences between desa (`independentFactors`, σ of the log factor; default 0):
   * with σ > 0 the null keeps extra-binomial variation that smoothing does not remove.
   */
  heterogeneity?: number;
  /** The analysis settings (default: the shared defaults). */
  options?: PocketOptions;
}

/** What {@link calibrateDesaPockets} measured. */
export interface CalibrationResult {
  null: {
    replicates: number;
    /** Replicates with at least one pocket reported (found or indicative). */
    withPocket: number;
    /** withPocket / replicates. */
    falsePositiveRate: number;
    /** How the pocket-free replicates ended, by reason code. */
    reasons: Record<string, number>;
  };
  planted: {
    replicates: number;
    /** Replicates in which one pocket holds ≥ 80% of the planted desa. */
    detected: number;
    detectionRate: number;
    /** Mean share of the planted desa inside the best-matching pocket. */
    meanRecovered: number;
    /** Mean number of desa outside the planted cluster reported in pockets, per replicate. */
    meanExtraDesa: number;
  };
}

/**
 * Runs the study: `replicates.null` draws of `randomDesilCounts` (desil independent of place, optionally with
 * spatially independent desa differences) and `replicates.planted` draws with a cluster from `growCluster`
 * planted at `factor` × the desil-1 share, each
 * analysed with `desaPocketTest`. A null replicate is a false positive when any pocket is reported; a planted
 * one is detected when one pocket holds ≥ {@link DETECTION_SHARE} of the planted desa. Seeded throughout:
 * the same input gives the same figures.
 *
 * Reference: Kulldorff, Tango & Park (2003), "Power comparisons for disease clustering tests", CSDA 42(4)
 * (null and planted-cluster replicates); Anselin (1995), §4.
 */
export function calibrateDesaPockets(input: CalibrationInput): CalibrationResult {
  const o = resolvePocketOptions(input.options, 'desa');
  const n = input.desa.length;
  const sigma = input.heterogeneity ?? 0;
  const factorsOf = (random: SeededRandom) => (sigma > 0 ? independentFactors(n, sigma, random) : undefined);
  const reasons: Record<string, number> = {};
  let withPocket = 0;
  for (let r = 0; r < input.replicates.null; r++) {
    const random = new SeededRandom(streamSeed(input.seed, r));
    const desil = randomDesilCounts(input.households, input.shares, random, factorsOf(random));
    const { test } = desaPocketTest({ desa: input.desa, desil, weights: input.weights }, o);
    if (test.groups.length > 0) withPocket++;
    else reasons[test.outcome.reason.code] = (reasons[test.outcome.reason.code] ?? 0) + 1;
  }
  let detected = 0;
  let recovered = 0;
  let extra = 0;
  let planted = 0;
  for (let r = 0; r < input.replicates.planted; r++) {
    const random = new SeededRandom(streamSeed(input.seed, 1_000_000 + r));
    const cluster = growCluster(input.weights, input.planted.size, random);
    if (!cluster) continue;
    planted++;
    const factors = factorsOf(random) ?? new Float64Array(n).fill(1);
    for (const d of cluster) factors[d] *= input.planted.factor;
    const desil = randomDesilCounts(input.households, input.shares, random, factors);
    const { test, index } = desaPocketTest({ desa: input.desa, desil, weights: input.weights }, o);
    const inCluster = new Set(cluster);
    let best = 0;
    for (const g of test.groups) {
      let hit = 0;
      for (const k of g) {
        if (inCluster.has(index[k])) hit++;
        else extra++;
      }
      best = Math.max(best, hit);
    }
    recovered += best / cluster.length;
    if (best >= DETECTION_SHARE * cluster.length) detected++;
  }
  const nNull = input.replicates.null;
  return {
    null: {
      replicates: nNull,
      withPocket,
      falsePositiveRate: nNull > 0 ? withPocket / nNull : NaN,
      reasons,
    },
    planted: {
      replicates: planted,
      detected,
      detectionRate: planted > 0 ? detected / planted : NaN,
      meanRecovered: planted > 0 ? recovered / planted : NaN,
      meanExtraDesa: planted > 0 ? extra / planted : NaN,
    },
  };
}
