/**
 * How much a shortlist rests on the exact weights. Weights argued over in a meeting are perturbed by drawing
 * R weight vectors from a Dirichlet distribution centred on the chosen weights,
 *
 *   w* ~ Dirichlet(c · w),   E[w*] = w,   Var[w*_i] = w_i (1 − w_i) / (c + 1),
 *
 * (indicators at weight 0 stay at 0), recomputing the index and the selection for each draw. Per desa: the
 * share of draws in which it is selected, and the 5th–95th percentile range of its rank. A desa selected at
 * the chosen weights but in fewer than 80% of draws, or left out but selected in more than 20%, is in or out
 * "because of the exact weights". Seeded: the same seed gives the same shares.
 *
 * Gamma draws by Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3);
 * Dirichlet as normalised gammas (Devroye 1986, *Non-Uniform Random Variate Generation*, §XI.4). Weight
 * sensitivity of composite indicators: OECD/JRC (2008) *Handbook*, §7 (uncertainty and sensitivity analysis).
 */
import { SeededRandom } from '../random.ts';
import { selectDesa, type SelectionInput, type SelectionRule, type SpreadRule } from './select.ts';

/** Default concentration c: a 50% weight varies by about ±9 points (one standard deviation). */
export const DEFAULT_CONCENTRATION = 30;
export const DEFAULT_DRAWS = 1000;

export interface RobustnessInput {
  /** Normalised values per indicator (as `priorityIndex` returns them), desa in the same order. */
  normalised: readonly ArrayLike<number>[];
  weights: readonly number[];
  codes: readonly string[];
  kecamatan: readonly string[];
  target: ArrayLike<number>;
  rule: SelectionRule;
  spread: SpreadRule;
  draws?: number;
  concentration?: number;
  seed?: number;
}

export interface Robustness {
  draws: number;
  /** Share of draws in which each desa is selected (0–1). */
  selectedShare: Float64Array;
  /** 5th and 95th percentile of each desa's rank over the draws. */
  rankLow: Int32Array;
  rankHigh: Int32Array;
}

function gamma(rng: SeededRandom, shape: number): number {
  if (shape < 1) {
    // boost: G(a) = G(a + 1) · U^(1/a)
    const u = rng.float();
    return gamma(rng, shape + 1) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.float();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One Dirichlet(c · w) draw (zero weights stay zero). */
export function dirichletDraw(
  rng: SeededRandom,
  weights: readonly number[],
  concentration: number,
): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  const g = weights.map((w) => (w > 0 ? gamma(rng, (concentration * w) / total) : 0));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((x) => (sum > 0 ? x / sum : 0));
}

/** Selection shares and rank ranges over perturbed weights (see the module comment). */
export function shortlistRobustness(input: RobustnessInput): Robustness {
  const draws = input.draws ?? DEFAULT_DRAWS;
  const c = input.concentration ?? DEFAULT_CONCENTRATION;
  const rng = new SeededRandom(input.seed ?? 1);
  const n = input.codes.length;
  const m = input.normalised.length;
  const selected = new Uint32Array(n);
  const ranks = Array.from({ length: n }, () => new Int32Array(draws));
  const index = new Float64Array(n);
  const order = Int32Array.from({ length: n }, (_, d) => d);
  const selection: SelectionInput = { order, kecamatan: input.kecamatan, target: input.target };
  for (let r = 0; r < draws; r++) {
    const w = dirichletDraw(rng, input.weights, c);
    index.fill(0);
    for (let i = 0; i < m; i++) {
      if (w[i] === 0) continue;
      const values = input.normalised[i];
      for (let d = 0; d < n; d++) index[d] += w[i] * values[d];
    }
    order.sort((a, b) => index[b] - index[a] || (input.codes[a] < input.codes[b] ? -1 : 1));
    for (let k = 0; k < n; k++) ranks[order[k]][r] = k + 1;
    for (const d of selectDesa(selection, input.rule, input.spread).chosen) selected[d]++;
  }
  const rankLow = new Int32Array(n);
  const rankHigh = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    const sorted = ranks[d].sort();
    rankLow[d] = sorted[Math.floor(0.05 * (draws - 1))];
    rankHigh[d] = sorted[Math.ceil(0.95 * (draws - 1))];
  }
  return {
    draws,
    selectedShare: Float64Array.from(selected, (s) => s / draws),
    rankLow,
    rankHigh,
  };
}

/** Whether a desa's place in the shortlist rests on the exact weights (see the module comment). */
export function dependsOnWeights(inShortlist: boolean, selectedShare: number): boolean {
  return inShortlist ? selectedShare < 0.8 : selectedShare > 0.2;
}
