import { SeededRandom } from '../random.ts';
import { streamSeed } from '../synth/streams.ts';
import type { PocketAnalysis } from './analysis.ts';
import { runPocketTest } from './pocket-test.ts';

/** A pocket or a member counts as stable when it is found again in at least this share of the reruns. */
export const STABLE_SHARE = 0.9;

/** A rerun finds a pocket again when one of its pockets holds at least this share of the pocket's members. */
export const POCKET_MATCH_SHARE = 0.5;

/** How often the pockets of a run, and their members, come back when the run is repeated. */
export interface PocketStability {
  /** Reruns made. */
  runs: number;
  /** The permutation seed of each rerun (see {@link stabilitySeed}). */
  seeds: number[];
  /** Per unit of the full list: share of reruns in which it was in a pocket; NaN where not analysed. */
  unitShare: Float64Array;
  /** Per pocket of the run, in rank order: share of reruns that found it again (see {@link POCKET_MATCH_SHARE}). */
  pocketShare: number[];
}

/** True for a share of reruns that counts as stable ({@link STABLE_SHARE}). */
export function isStable(share: number): boolean {
  return share >= STABLE_SHARE;
}

/**
 * The permutation seed of rerun r (1 … runs) of a run with seed s: fmix32(s · φ ⊕ (1000 + r)) with its sign
 * bit cleared (`streamSeed`), so reruns of neighbouring seeds share no permutation sequence.
 */
export function stabilitySeed(seed: number, run: number): number {
  return streamSeed(seed, 1000 + run) >>> 1;
}

/**
 * A parametric bootstrap of the desil-1 counts: d1*_i ~ Binomial(h_i, d1_i/h_i), drawn as h_i Bernoulli trials
 * from `random`, so a rerun sees another sample of the same households as the data could have given.
 *
 * Reference: Efron & Tibshirani (1993), *An Introduction to the Bootstrap*, §6.5 (parametric bootstrap).
 */
export function resampleDesil1(
  households: ArrayLike<number>,
  desil1: ArrayLike<number>,
  random: SeededRandom,
): Float64Array {
  const out = new Float64Array(households.length);
  for (let i = 0; i < households.length; i++) {
    const h = households[i];
    const p = h > 0 ? desil1[i] / h : 0;
    let k = 0;
    for (let j = 0; j < h; j++) if (random.float() < p) k++;
    out[i] = k;
  }
  return out;
}

/**
 * One rerun of a pocket run: the analysed units' desil-1 counts resampled (`resampleDesil1`, stream
 * fmix32(s · φ ⊕ (2000 + r))), the pocket test with the same options and the permutation seed
 * {@link stabilitySeed}; returns its pockets as groups of indices into the full unit list. The same gate
 * applies: a rerun whose global test fails reports no pocket under `require`.
 */
export function stabilityRun(analysis: PocketAnalysis, run: number): Int32Array[] {
  const index = analysis.analysedIndex;
  const households = Float64Array.from(index, (u) => analysis.households[u]);
  const desil1 = resampleDesil1(
    households,
    Float64Array.from(index, (u) => analysis.desil1[u]),
    new SeededRandom(streamSeed(analysis.options.seed, 2000 + run)),
  );
  const test = runPocketTest(
    { households, desil1, weights: analysis.analysedWeights },
    analysis.options,
    stabilitySeed(analysis.options.seed, run),
  );
  return test.groups.map((g) => Int32Array.from(g, (k) => index[k]));
}

/**
 * Stability from the reruns' pockets: per unit, the share of reruns with the unit in a pocket; per pocket P of
 * the run, the share of reruns with a pocket Q holding at least half of P's members, |P ∩ Q| ≥ ½|P|. A pocket
 * whose edge moves from rerun to rerun is still found again; its moving members show as less stable.
 *
 * Reference: Hennig (2007), "Cluster-wise assessment of cluster stability", Computational Statistics & Data
 * Analysis 52(1) (recovery of a cluster over resamples).
 */
export function summariseStability(
  analysis: Pick<PocketAnalysis, 'codes' | 'analysed' | 'pockets'>,
  reruns: readonly (readonly Int32Array[])[],
  seeds: readonly number[],
): PocketStability {
  const n = analysis.codes.length;
  const runs = reruns.length;
  const inPocket = new Float64Array(n);
  const found = new Float64Array(analysis.pockets.length);
  const runOf = new Int32Array(n);
  for (const groups of reruns) {
    runOf.fill(-1);
    groups.forEach((g, q) => g.forEach((u) => (runOf[u] = q)));
    for (let u = 0; u < n; u++) if (runOf[u] >= 0) inPocket[u]++;
    analysis.pockets.forEach((p, k) => {
      const overlap = new Map<number, number>();
      for (const u of p.memberIndex)
        if (runOf[u] >= 0) overlap.set(runOf[u], (overlap.get(runOf[u]) ?? 0) + 1);
      const best = Math.max(0, ...overlap.values());
      if (best >= POCKET_MATCH_SHARE * p.memberIndex.length) found[k]++;
    });
  }
  const unitShare = Float64Array.from(inPocket, (c, u) =>
    analysis.analysed[u] && runs > 0 ? c / runs : NaN,
  );
  return {
    runs,
    seeds: [...seeds],
    unitShare,
    pocketShare: Array.from(found, (c) => (runs > 0 ? c / runs : NaN)),
  };
}

/**
 * Stability of a run's pockets over `runs` reruns (`stabilityRun` r = 1 … runs, `summariseStability`). With
 * no pocket to assess, or runs = 0, nothing is rerun.
 */
export function pocketStability(analysis: PocketAnalysis, runs: number): PocketStability {
  if (analysis.pockets.length === 0 || runs <= 0) return summariseStability(analysis, [], []);
  const reruns: Int32Array[][] = [];
  const seeds: number[] = [];
  for (let r = 1; r <= runs; r++) {
    reruns.push(stabilityRun(analysis, r));
    seeds.push(stabilitySeed(analysis.options.seed, r));
  }
  return summariseStability(analysis, reruns, seeds);
}
