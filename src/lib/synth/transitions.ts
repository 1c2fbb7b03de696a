import { normalCdf } from '../stats/normal.ts';
import { DESIL_COUNT, periodTarget } from './calibration.ts';
import type { SyntheticDistrict } from './households.ts';

/** The built-in desil transitions of a synthetic district between two of its periods. */
export interface ModelTransitions {
  /** Expected households per cell, row-major `[(from − 1) · 10 + (to − 1)]`, over the households of both periods. */
  expected: Float64Array;
  /** P(desil `to` at t1 | desil `from` at t0), same layout; each row sums to 1 (0 for an empty row). */
  probability: Float64Array;
  /** Welfare cut points of each period (9 each, desil 1|2 … 9|10), in the units of the household noise SD. */
  cuts: [Float64Array, Float64Array];
}

/** 8-point Gauss–Legendre nodes and weights on [−1, 1] (Abramowitz & Stegun 1964, table 25.4). */
const GL_X = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const GL_W = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362,
  0.313706645877887, 0.2223810344533745, 0.1012285362903763,
];
/** Beyond ±8.5 the standard normal density is below 2·10⁻¹⁶: the integrals are cut there. */
const TAIL = 8.5;
/**
 * Widest quadrature panel, in units of s = √(1−r²): the conditional CDF Φ((c − r x)/s) turns over a width
 * of about s/r in x, so panels of s (and at most 0.5) keep 8 nodes on every turn.
 */
const PANEL_PER_S = 1;
const MAX_PANEL = 0.5;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Global hamlet index of every household key (the registry keeps desa and hamlet within the desa). */
function hamletOfKey(d: SyntheticDistrict): Uint32Array {
  const out = new Uint32Array(d.registry.count);
  for (let k = 0; k < out.length; k++)
    out[k] = d.landscape.hamletStart[d.registry.desa[k]] + d.registry.hamlet[k];
  return out;
}

/**
 * Cut points c₁ … c₉ of a period: F(cₖ) = S₁ + … + Sₖ with F(c) = Σₕ nₕ Φ(c − μₕ) / Σₕ nₕ, the welfare
 * distribution of the period's households (nₕ of them in hamlet h of welfare offset μₕ, own part N(0, 1)),
 * and Sₖ the period's target desil shares. Solved by bisection to 10⁻¹⁰.
 */
function cutPoints(counts: Float64Array, welfare: Float64Array, shares: readonly number[]): Float64Array {
  let total = 0;
  let lo0 = Infinity;
  let hi0 = -Infinity;
  for (let h = 0; h < counts.length; h++) {
    if (counts[h] === 0) continue;
    total += counts[h];
    lo0 = Math.min(lo0, welfare[h]);
    hi0 = Math.max(hi0, welfare[h]);
  }
  const cdf = (c: number) => {
    let s = 0;
    for (let h = 0; h < counts.length; h++) if (counts[h] > 0) s += counts[h] * normalCdf(c - welfare[h]);
    return s / total;
  };
  const cuts = new Float64Array(DESIL_COUNT - 1);
  let cumulative = 0;
  for (let k = 0; k < DESIL_COUNT - 1; k++) {
    cumulative += shares[k];
    let lo = lo0 - TAIL;
    let hi = hi0 + TAIL;
    while (hi - lo > 1e-10) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) < cumulative) lo = mid;
      else hi = mid;
    }
    cuts[k] = (lo + hi) / 2;
  }
  return cuts;
}

/**
 * The desil transition probabilities the generator builds in (see `generateHouseholds`), computed exactly from
 * its model rather than from its draws, so that a measured matrix can be checked against them.
 *
 * A household of hamlet h has welfare μₕ + e at t0 and μₕ + r·e + √(1−r²)·z at t1, e, z ~ N(0, 1) independent,
 * r = ρₕ^(t1−t0) (the AR(1) correlation over t1 − t0 steps; ρₕ = `stuckRho` in the stuck area, `rho` elsewhere).
 * Desil are cut at each period's cut points c⁰, c¹ (see {@link cutPoints}; c₀ = −∞, c₁₀ = +∞), so
 *
 *   E[households i → j] = Σₕ nₕ ∫_{c⁰ᵢ₋₁−μₕ}^{c⁰ᵢ−μₕ} φ(x) [Φ((c¹ⱼ − μₕ − r x)/s) − Φ((c¹ⱼ₋₁ − μₕ − r x)/s)] dx,
 *   s = √(1−r²),  P(j | i) = E[i → j] / Σⱼ E[i → j],
 *
 * with nₕ the households of hamlet h present at both periods (leavers and newcomers are not in a transition
 * matrix; they are drawn independently of welfare, so they leave it unbiased) and the period populations for the
 * cut points. The integral is evaluated by composite 8-point Gauss–Legendre quadrature on panels no wider than s
 * (and 0.5), which keeps its error far below the sampling error of any cell. Cut points are the model's, not the realised ranking's: they differ
 * by O(1/√n), well inside the sampling error of the cells.
 *
 * Reference: the bivariate-normal rectangle probability as a one-dimensional integral (Genz 2004, "Numerical
 * computation of rectangular bivariate and trivariate normal and t probabilities", Statistics and Computing 14).
 *
 * @param from index of the first period (0-based), `to` a later one
 */
export function modelTransitionMatrix(d: SyntheticDistrict, from: number, to: number): ModelTransitions {
  if (!(from >= 0 && to > from && to < d.periods.length))
    throw new RangeError(`periods ${from} → ${to}: need 0 ≤ from < to < ${d.periods.length}`);
  const L = d.landscape;
  const hamlets = L.hamletWelfare.length;
  const hamletOf = hamletOfKey(d);
  const countsOf = (t: number) => {
    const c = new Float64Array(hamlets);
    for (const key of d.periods[t].key) c[hamletOf[key]]++;
    return c;
  };
  const cuts: [Float64Array, Float64Array] = [
    cutPoints(countsOf(from), L.hamletWelfare, periodTarget(d.profile, from).desilShares),
    cutPoints(countsOf(to), L.hamletWelfare, periodTarget(d.profile, to).desilShares),
  ];
  const later = new Set(d.periods[to].key);
  const stayers = new Float64Array(hamlets);
  const hamletDesa = new Uint32Array(hamlets);
  for (let i = 0; i + 1 < L.hamletStart.length; i++)
    for (let h = L.hamletStart[i]; h < L.hamletStart[i + 1]; h++) hamletDesa[h] = i;
  for (const key of d.periods[from].key) if (later.has(key)) stayers[hamletOf[key]]++;

  const expected = new Float64Array(DESIL_COUNT * DESIL_COUNT);
  const bound = (c: Float64Array, k: number) =>
    k === 0 ? -Infinity : k === DESIL_COUNT ? Infinity : c[k - 1];
  const cell = new Float64Array(DESIL_COUNT);
  for (let h = 0; h < hamlets; h++) {
    const n = stayers[h];
    if (n === 0) continue;
    const mu = L.hamletWelfare[h];
    const rho = d.stuck[hamletDesa[h]] ? d.options.stuckRho : d.options.rho;
    const r = rho ** (to - from);
    const s = Math.sqrt(1 - r * r);
    for (let i = 1; i <= DESIL_COUNT; i++) {
      const lo = Math.max(-TAIL, bound(cuts[0], i - 1) - mu);
      const hi = Math.min(TAIL, bound(cuts[0], i) - mu);
      if (!(hi > lo)) continue;
      cell.fill(0);
      const panels = Math.ceil((hi - lo) / Math.min(MAX_PANEL, PANEL_PER_S * s));
      const half = (hi - lo) / panels / 2;
      for (let p = 0; p < panels; p++) {
        const mid = lo + (2 * p + 1) * half;
        for (let q = 0; q < GL_X.length; q++) {
          const x = mid + half * GL_X[q];
          const w = half * GL_W[q] * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
          let below = 0;
          for (let j = 1; j <= DESIL_COUNT; j++) {
            const c = bound(cuts[1], j);
            const upTo = c === Infinity ? 1 : normalCdf((c - mu - r * x) / s);
            cell[j - 1] += w * (upTo - below);
            below = upTo;
          }
        }
      }
      for (let j = 0; j < DESIL_COUNT; j++) expected[(i - 1) * DESIL_COUNT + j] += n * cell[j];
    }
  }
  const probability = new Float64Array(expected.length);
  for (let i = 0; i < DESIL_COUNT; i++) {
    let row = 0;
    for (let j = 0; j < DESIL_COUNT; j++) row += expected[i * DESIL_COUNT + j];
    if (row > 0)
      for (let j = 0; j < DESIL_COUNT; j++)
        probability[i * DESIL_COUNT + j] = expected[i * DESIL_COUNT + j] / row;
  }
  return { expected, probability, cuts };
}
