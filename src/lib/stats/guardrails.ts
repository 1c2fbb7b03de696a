import { msg, type Message } from '../messages/message.ts';
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
 * `code` says what it is about, `message` says it (each surface renders it in its language:
 * `locale.msg(g.message)` in the app, `renderMessage(g.message, lang)` in the CLI), `units` lists the 0-based
 * units concerned.
 */
export interface Guardrail {
  code: GuardrailCode;
  severity: 'error' | 'warning' | 'info';
  message: Message;
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
      message: msg('guardrail.tooFewUnits', { count: n, min: MIN_UNITS }),
    });
  } else if (n < FEW_UNITS) {
    out.push({
      code: 'few-units',
      severity: 'warning',
      message: msg('guardrail.fewUnits', { count: n, min: FEW_UNITS }),
    });
  }
  let allSame = n > 0;
  for (let i = 1; i < n && allSame; i++) allSame = x[i] === x[0];
  if (allSame)
    out.push({
      code: 'no-variance',
      severity: 'error',
      message: msg('guardrail.noVariance', { value: x[0] }),
    });
  if (summary.islands.length > 0) {
    out.push({
      code: 'islands',
      severity: 'warning',
      message: msg('guardrail.islands', { count: summary.islands.length, effective: summary.nEffective }),
      units: summary.islands.slice(),
    });
  }
  if (summary.singleNeighbour.length > 0) {
    out.push({
      code: 'single-neighbour',
      severity: 'warning',
      message: msg('guardrail.singleNeighbour', { count: summary.singleNeighbour.length }),
      units: summary.singleNeighbour.slice(),
    });
  }
  const connectedParts = summary.components - summary.islands.length;
  if (connectedParts > 1) {
    out.push({
      code: 'disconnected',
      severity: 'info',
      message: msg('guardrail.disconnected', { groups: connectedParts, islands: summary.islands.length }),
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
        message: msg('guardrail.countsAsRate'),
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
  const moran = Number.isNaN(parts.moranZ);
  const geary = Number.isNaN(parts.gearyZ);
  if (moran || geary) {
    out.push({
      code: 'undefined-statistic',
      severity: 'warning',
      message: msg('guardrail.undefinedGlobal', {
        statistic: msg(moran && geary ? 'stats.moranAndGeary' : moran ? 'stats.moran' : 'stats.geary'),
      }),
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
      message: msg('guardrail.undefinedLocal', { count: units.length }),
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
      message: msg('guardrail.casesExceedPopulation', { count: exceed.length }),
      units: exceed,
    });
  }
  if (small.length > 0) {
    out.push({
      code: 'small-denominators',
      severity: 'warning',
      message: msg('guardrail.smallDenominators', { count: small.length, min: minPopulation }),
      units: small,
    });
  }
  return out;
}
