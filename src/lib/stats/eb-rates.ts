import { SpatialInputError } from '../weights/types.ts';

/** Global empirical-Bayes smoothed rates (spdep `EBest`, Poisson family). */
export interface EmpiricalBayesRates {
  /** Raw rates p_i = cases_i / population_i. */
  raw: Float64Array;
  /** Smoothed rates θ̂_i = b + a (p_i − b) / (a + b/population_i). */
  smoothed: Float64Array;
  /** Prior mean b = Σ cases / Σ population (the overall rate). */
  b: number;
  /** Prior variance a = max(0, s² − b/n̄), s² = Σ population_i (p_i − b)² / Σ population, n̄ = Σ population / n. */
  a: number;
}

/**
 * Checks a counts-over-population pair: same length, finite, cases ≥ 0, population > 0. Throws a
 * `SpatialInputError` naming the unit.
 */
export function checkRateInput(cases: ArrayLike<number>, population: ArrayLike<number>): void {
  if (cases.length !== population.length)
    throw new SpatialInputError(
      `${cases.length} case counts for ${population.length} populations: lengths differ`,
    );
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const p = population[i];
    if (!Number.isFinite(c) || c < 0)
      throw new SpatialInputError(`unit ${i}: case count ${c} is not a number ≥ 0`, i);
    if (!Number.isFinite(p) || p < 2 ** -52)
      throw new SpatialInputError(
        `unit ${i}: population ${p} is not a positive number (a rate needs a denominator)`,
        i,
      );
  }
}

/**
 * Global empirical-Bayes (method of moments) smoothing of rates towards the overall rate, so small
 * denominators (desa with few households) do not produce extreme shares by chance:
 *
 *   p_i = c_i/P_i,  b = Σc/ΣP,  s² = Σ P_i (p_i − b)² / ΣP,  a = max(0, s² − b/(ΣP/n)),
 *   θ̂_i = b + a (p_i − b) / (a + b/P_i)
 *
 * (shrinkage factor a/(a + b/P_i): the smaller the population, the closer to b). For Kantong: c = desil-1
 * households, P = all households of the desa.
 *
 * Reference: Marshall (1991), "Mapping disease and mortality rates using empirical Bayes estimators",
 * Applied Statistics 40(2); Bailey & Gatrell (1995), *Interactive Spatial Data Analysis*, §7.3; spdep `EBest`.
 */
export function empiricalBayesRates(
  cases: ArrayLike<number>,
  population: ArrayLike<number>,
): EmpiricalBayesRates {
  checkRateInput(cases, population);
  const m = cases.length;
  const raw = new Float64Array(m);
  let caseSum = 0;
  let popSum = 0;
  for (let i = 0; i < m; i++) {
    raw[i] = cases[i] / population[i];
    caseSum += cases[i];
    popSum += population[i];
  }
  const b = caseSum / popSum;
  let s2 = 0;
  for (let i = 0; i < m; i++) s2 += population[i] * ((raw[i] - b) ** 2 / popSum);
  const a = Math.max(0, s2 - b / (popSum / m));
  const smoothed = new Float64Array(m);
  // a = 0: no extra-Poisson variation, every rate shrinks to b (also avoids 0/0 when there are no cases at all)
  for (let i = 0; i < m; i++) smoothed[i] = a === 0 ? b : b + (a * (raw[i] - b)) / (a + b / population[i]);
  return { raw, smoothed, b, a };
}
