/**
 * The analysis parameters, defined once for the URL, every CLI command and the app's state setters:
 * the same names (`--adjust fdr` on the command line, `adjust=fdr` in a link), the same accepted values and
 * the same defaults. {@link lisaOptionsOf} and {@link pocketOptionsOf} turn them into the core's options, so
 * the app and the CLI hand the statistics identical settings.
 */
import type { LisaOptions } from '../stats/lisa.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import type { PocketGate, PocketOptions } from '../pockets/analysis.ts';
import type { PocketCriterion } from '../pockets/select.ts';
import { DEFAULT_MIN_COUNT, MIN_MIN_COUNT } from '../hex/suppression.ts';
import { HEX_RESOLUTIONS, type HexResolution } from '../hex/types.ts';
import { DEFAULT_TOLERANCE_M } from '../weights/tolerant.ts';
import { parsePeriode } from '../import/periode.ts';
import { msg } from '../messages/message.ts';
import { enumParam, intParam, nullable, numberParam, type ParamSpec, type ParamValues } from './schema.ts';

export type PocketCriterionName = 'lisa' | 'gi90' | 'gi95' | 'gi99' | 'gi90-high' | 'gi95-high' | 'gi99-high';
/** Polygon weights offered by name (k nearest neighbours as `knnK`, e.g. `knn6`). */
export type WeightsKind = 'tolerant' | 'queen' | 'rook' | `knn${number}`;
export type RateKind = 'eb' | 'raw';

/** `tolerant`, `queen`, `rook` or `knnK` with 1 ≤ K ≤ 50. */
const weightsSpec: ParamSpec<WeightsKind> = (() => {
  const name = 'weights';
  const hint = 'tolerant|queen|rook|knnK';
  const check = (value: unknown) => {
    const t = typeof value === 'string' ? value.trim().toLowerCase() : '';
    const knn = /^knn(\d+)$/.exec(t);
    if (t === 'tolerant' || t === 'queen' || t === 'rook')
      return { ok: true as const, value: t as WeightsKind };
    if (knn && Number(knn[1]) >= 1 && Number(knn[1]) <= 50)
      return { ok: true as const, value: `knn${Number(knn[1])}` as WeightsKind };
    return { ok: false as const, error: msg('param.unknownWeights', { name, value: String(value) }) };
  };
  return { name, aliases: ['w'], defaultValue: 'tolerant', hint, parse: check, check, format: (v) => v };
})();

/** H3 resolution: the whole numbers 7–9 are exactly {@link HEX_RESOLUTIONS}. */
const resSpec = intParam('res', HEX_RESOLUTIONS[0], HEX_RESOLUTIONS.at(-1)!, 8, {
  invalid: 'param.notResolution',
}) as ParamSpec<number> as ParamSpec<HexResolution>;

/** A period in any spelling the import reads (`2025Q3`, `TW III 2025`…), kept in canonical form. */
function periodeSpec(name: string, aliases: readonly string[] = []): ParamSpec<string> {
  const check = (value: unknown) => {
    const p = typeof value === 'string' ? parsePeriode(value) : null;
    return p
      ? { ok: true as const, value: p }
      : { ok: false as const, error: msg('param.notPeriode', { name, value: String(value) }) };
  };
  return {
    name,
    aliases,
    defaultValue: '',
    hint: '2025-Q3',
    parse: check,
    check,
    format: (v) => v,
  };
}

/** The multiple-comparison corrections, in the order the settings offer them. */
export const P_ADJUST_METHODS: readonly PAdjustMethod[] = ['none', 'fdr', 'bonferroni'];

/**
 * The analysis parameters (field name → spec). The defaults of the pocket analysis are calibrated by
 * simulation so that random data give no pocket and a planted one is found (`docs/methods-pockets.md`,
 * `tests/unit/pockets/calibration.test.ts`): FDR on, Gi* hot spots whose own share is high, pockets of at
 * least 3 units and 200 households, and only where the global test supports clustering.
 */
export const ANALYSIS_PARAMS = {
  /**
   * Multiple-comparison control of local tests: FDR by default, since a kabupaten has hundreds of desa and
   * without it about α of them are "significant" by chance (the noise files gave 3–5 pockets each).
   */
  adjust: enumParam<PAdjustMethod>('adjust', P_ADJUST_METHODS, 'fdr'),
  /**
   * Which significant units form a pocket: LISA High-High, Gi* hot spots at 90/95/99%, or Gi* hot spots whose
   * own value is above the mean (`-high`, the default: LISA High-High under FDR misses the edge desa of a
   * pocket, whose evidence is their own share; plain Gi* adds the average neighbours around it).
   */
  criterion: enumParam<PocketCriterionName>(
    'criterion',
    ['lisa', 'gi90', 'gi95', 'gi99', 'gi90-high', 'gi95-high', 'gi99-high'],
    'gi95-high',
    ['crit'],
  ),
  weights: weightsSpec,
  /** Distance (metres) within which two desa polygons count as neighbours (tolerant contiguity). */
  tolerance: numberParam('tolerance', { min: 0, max: 500, minInclusive: true }, DEFAULT_TOLERANCE_M, ['tol']),
  res: resSpec,
  /** Small-number threshold k: fewer households than this are never shown or published. */
  minCount: intParam('min-count', MIN_MIN_COUNT, Infinity, DEFAULT_MIN_COUNT, { aliases: ['min'] }),
  /** Conditional permutations (0 = analytical p-values only). */
  permutations: intParam('perm', 99, 99_999, 999, { also: [0] }),
  seed: intParam('seed', 0, 2 ** 31 - 1, 1),
  alpha: numberParam('alpha', { min: 0, max: 0.1 }, 0.05),
  /** Smallest pocket in units; null = the default of the unit (see {@link defaultMinUnits}). */
  minUnits: nullable(intParam('min-units', 1, Infinity, 3, { aliases: ['pmin'] })),
  /**
   * Fewest households (all desil) in a pocket: with 200, a pocket's desil-1 share is known to about ±2
   * points (binomial SE at 10%), so a doubled share stands 5 standard errors clear of the kabupaten's.
   */
  minHouseholds: intParam('min-households', 0, Infinity, 200),
  /** Pockets only where the global test supports clustering (`require`), or labelled indicative there. */
  gate: enumParam<PocketGate>('global', ['require', 'indicative'], 'require'),
  /** Reruns of the pocket analysis for the stability of pockets and members (0 = none). */
  stability: intParam('stability', 2, 100, 20, { also: [0] }),
  /** EB-smoothed or raw desil-1 share for pockets. */
  rate: enumParam<RateKind>('rate', ['eb', 'raw'], 'eb'),
  /** The period shown or analysed; null = the latest of the data. */
  periode: nullable(periodeSpec('periode', ['period'])),
  /**
   * The base period of every change and transition (the comparison period is `periode`); null = the period
   * before the comparison period.
   */
  base: nullable(periodeSpec('base')),
  /** Graduation: the poor group at the base period is desil 1 … this (default 2, desil 1–2). */
  poorDesil: intParam('poor-desil', 1, 9, 2),
  /** Graduation: a household of the poor group has graduated when it is in this desil or above (default 3). */
  graduatedDesil: intParam('graduated-desil', 2, 10, 3),
} as const;

export type AnalysisParams = ParamValues<typeof ANALYSIS_PARAMS>;

/** The defaults of every analysis parameter. */
export const DEFAULT_ANALYSIS: AnalysisParams = Object.fromEntries(
  Object.entries(ANALYSIS_PARAMS).map(([k, s]) => [k, s.defaultValue]),
) as AnalysisParams;

/**
 * Smallest pocket when the user did not choose: 3 desa or 3 hexagons. A pocket is a cluster: one or two
 * significant units are a single place of need (a card shows it), not a pocket to send a programme to, and
 * they are what noise produces most often.
 */
export function defaultMinUnits(unit: 'desa' | 'hex'): number {
  return DEFAULT_MIN_UNITS[unit];
}

const DEFAULT_MIN_UNITS = { desa: 3, hex: 3 } as const;

/** The core's pocket criterion of a criterion name. */
export function pocketCriterion(name: PocketCriterionName): PocketCriterion {
  if (name === 'lisa') return { kind: 'lisa' };
  const confidence = Number(name.slice(2, 4)) as 90 | 95 | 99;
  return name.endsWith('-high') ? { kind: 'gi', confidence, high: true } : { kind: 'gi', confidence };
}

/** Options of `analyseLisa` / `analyseUnitClusters` from the parameters. */
export function lisaOptionsOf(
  p: Pick<AnalysisParams, 'permutations' | 'seed' | 'alpha' | 'adjust'>,
  expectRate: boolean,
): LisaOptions {
  return { permutations: p.permutations, seed: p.seed, alpha: p.alpha, pAdjust: p.adjust, expectRate };
}

/** Options of `analyseDesaPockets` / `analyseHexPockets` from the parameters. */
export function pocketOptionsOf(
  p: Pick<
    AnalysisParams,
    | 'permutations'
    | 'seed'
    | 'alpha'
    | 'adjust'
    | 'criterion'
    | 'minUnits'
    | 'minHouseholds'
    | 'gate'
    | 'minCount'
    | 'rate'
  >,
  unit: 'desa' | 'hex',
): Required<PocketOptions> {
  return {
    permutations: p.permutations,
    seed: p.seed,
    alpha: p.alpha,
    pAdjust: p.adjust,
    criterion: pocketCriterion(p.criterion),
    minUnits: p.minUnits ?? defaultMinUnits(unit),
    minHouseholds: p.minHouseholds,
    gate: p.gate,
    minCount: p.minCount,
    rate: p.rate,
  };
}
