import type { WeightsSummary } from '../weights/summary.ts';
import { MIN_UNITS } from './validate.ts';

/** Fewer units than this and permutation inference is weak: say so. */
export const FEW_UNITS = 30;

/** What a guardrail is about. */
export type GuardrailCode =
  | 'too-few-units'
  | 'few-units'
  | 'no-variance'
  | 'islands'
  | 'single-neighbour'
  | 'disconnected'
  | 'counts-as-rate'
  | 'undefined-statistic'
  | 'small-denominators'
  | 'cases-exceed-population';

/**
 * A warning (or a blocking error) returned beside the statistics, for the app's cluster view and the CLI:
 * `units` lists the 0-based units concerned.
 */
export interface Guardrail {
  code: GuardrailCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  units?: number[];
}

/** Options of `lisaGuardrails`. */
export interface GuardrailOptions {
  /** The analysed variable is meant to be a rate or share (e.g. desil-1 households / all households). */
  expectRate?: boolean;
}

/**
 * Checks that make a LISA / Gi* map trustworthy, after Anselin (2019, GeoDa workbook "Local spatial
 * autocorrelation"): too few units (error below 4, warning below 30), a variable with no variance (error),
 * islands (no neighbours: no local statistic; listed, never dropped), units with a single neighbour (their
 * pseudo-p rests on one draw per permutation: unreliable), a disconnected weights graph, and raw counts where a
 * rate is expected (all values non-negative integers, some above 1: a count map mostly shows where many people
 * live).
 *
 * Reference: Anselin (1995), §5; Anselin (2019), *GeoDa workbook*, "Local Spatial Autocorrelation (1)";
 * Bailey & Gatrell (1995), §7.3 (rates vs counts).
 */
export function lisaGuardrails(
  x: ArrayLike<number>,
  summary: WeightsSummary,
  options: GuardrailOptions = {},
): Guardrail[] {
  const out: Guardrail[] = [];
  const n = x.length;
  if (n < MIN_UNITS) {
    out.push({
      code: 'too-few-units',
      severity: 'error',
      message: `${n} units: spatial autocorrelation needs at least ${MIN_UNITS}`,
    });
  } else if (n < FEW_UNITS) {
    out.push({
      code: 'few-units',
      severity: 'warning',
      message: `only ${n} units: permutation p-values and FDR are weak below ${FEW_UNITS}`,
    });
  }
  let allSame = n > 0;
  for (let i = 1; i < n && allSame; i++) allSame = x[i] === x[0];
  if (allSame)
    out.push({
      code: 'no-variance',
      severity: 'error',
      message: `every value equals ${x[0]}: no variance, no spatial autocorrelation`,
    });
  if (summary.islands.length > 0) {
    out.push({
      code: 'islands',
      severity: 'warning',
      message: `${summary.islands.length} unit(s) without neighbours: no local statistic for them; global tests use n' = ${summary.nEffective}`,
      units: summary.islands.slice(),
    });
  }
  if (summary.singleNeighbour.length > 0) {
    out.push({
      code: 'single-neighbour',
      severity: 'warning',
      message: `${summary.singleNeighbour.length} unit(s) with a single neighbour: their permutation pseudo-p is unreliable`,
      units: summary.singleNeighbour.slice(),
    });
  }
  const connectedParts = summary.components - summary.islands.length;
  if (connectedParts > 1) {
    out.push({
      code: 'disconnected',
      severity: 'info',
      message: `the neighbour graph falls into ${connectedParts} separate groups (plus ${summary.islands.length} island(s))`,
    });
  }
  if (options.expectRate && n > 0) {
    let integers = true;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (!(Number.isInteger(v) && v >= 0)) integers = false;
      if (v > max) max = v;
    }
    if (integers && max > 1) {
      out.push({
        code: 'counts-as-rate',
        severity: 'warning',
        message:
          'the values look like counts (whole numbers, some above 1) where a rate is expected: divide by the number of households, or use EB-smoothed rates',
      });
    }
  }
  return out;
}

/**
 * Statistics that came out undefined although the input was valid: a global z whose variance is not positive
 * (tiny or extremely skewed data; the randomisation moments break down), or non-island units whose local z has
 * no variance (a value equal to the mean, or every other unit as neighbour). Their z and p are NaN and are
 * listed here rather than passed on silently.
 */
export function undefinedStatisticGuardrails(parts: {
  moranZ: number;
  gearyZ: number;
  localZ: ArrayLike<number>;
  islands: ReadonlyArray<number>;
}): Guardrail[] {
  const out: Guardrail[] = [];
  const globals: string[] = [];
  if (Number.isNaN(parts.moranZ)) globals.push("Moran's I");
  if (Number.isNaN(parts.gearyZ)) globals.push("Geary's C");
  if (globals.length > 0) {
    out.push({
      code: 'undefined-statistic',
      severity: 'warning',
      message: `the randomisation variance of ${globals.join(' and ')} is not positive here: no z or p (too few or too extreme values)`,
    });
  }
  const island = new Set(parts.islands);
  const units: number[] = [];
  for (let i = 0; i < parts.localZ.length; i++)
    if (Number.isNaN(parts.localZ[i]) && !island.has(i)) units.push(i);
  if (units.length > 0) {
    out.push({
      code: 'undefined-statistic',
      severity: 'warning',
      message: `${units.length} unit(s) have no local Moran z (value equal to the mean, or every other unit as neighbour)`,
      units,
    });
  }
  return out;
}

/** Below this many households a desa's share moves by whole percentage points with one household. */
export const SMALL_DENOMINATOR = 30;

/**
 * Checks of a rate's denominators before mapping it (e.g. desil-1 households / all households): units whose
 * count exceeds their population (an error in the data), and units with a small population, whose raw share is
 * unstable and should be read through EB-smoothed rates (`empiricalBayesRates`) and the EB Moran index.
 * Reference: Anselin, Lozano & Koschinsky (2006), "Rate transformations and smoothing", GeoDa Center;
 * Bailey & Gatrell (1995), §7.3.
 */
export function rateGuardrails(
  cases: ArrayLike<number>,
  population: ArrayLike<number>,
  minPopulation = SMALL_DENOMINATOR,
): Guardrail[] {
  const out: Guardrail[] = [];
  const exceed: number[] = [];
  const small: number[] = [];
  for (let i = 0; i < population.length; i++) {
    if (cases[i] > population[i]) exceed.push(i);
    if (population[i] < minPopulation) small.push(i);
  }
  if (exceed.length > 0) {
    out.push({
      code: 'cases-exceed-population',
      severity: 'error',
      message: `${exceed.length} unit(s) count more cases than their population: check the data`,
      units: exceed,
    });
  }
  if (small.length > 0) {
    out.push({
      code: 'small-denominators',
      severity: 'warning',
      message: `${small.length} unit(s) have fewer than ${minPopulation} in the denominator: their raw rates are unstable, prefer EB-smoothed rates`,
      units: small,
    });
  }
  return out;
}
