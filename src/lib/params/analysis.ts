/**
 * The analysis parameters, defined once for the URL, every CLI command and the app's state setters:
 * the same names (`--adjust fdr` on the command line, `adjust=fdr` in a link), the same accepted values and
 * the same defaults. {@link lisaOptionsOf} and {@link pocketOptionsOf} turn them into the core's options, so
 * the app and the CLI hand the statistics identical settings.
 */
import type { LisaOptions } from '../stats/lisa.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import type { PocketOptions } from '../pockets/analysis.ts';
import type { PocketCriterion } from '../pockets/select.ts';
import { DEFAULT_MIN_COUNT, MIN_MIN_COUNT } from '../hex/suppression.ts';
import { HEX_RESOLUTIONS, type HexResolution } from '../hex/types.ts';
import { DEFAULT_TOLERANCE_M } from '../weights/tolerant.ts';
import { parsePeriode } from '../import/periode.ts';
import { msg } from '../messages/message.ts';
import { enumParam, intParam, nullable, numberParam, type ParamSpec, type ParamValues } from './schema.ts';

export type PocketCriterionName = 'lisa' | 'gi90' | 'gi95' | 'gi99';
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
const periodeSpec: ParamSpec<string> = (() => {
  const name = 'periode';
  const check = (value: unknown) => {
    const p = typeof value === 'string' ? parsePeriode(value) : null;
    return p
      ? { ok: true as const, value: p }
      : { ok: false as const, error: msg('param.notPeriode', { name, value: String(value) }) };
  };
  return {
    name,
    aliases: ['period'],
    defaultValue: '',
    hint: '2025-Q3',
    parse: check,
    check,
    format: (v) => v,
  };
})();

/** The analysis parameters (field name → spec). */
export const ANALYSIS_PARAMS = {
  /** Multiple-comparison control of local tests. */
  adjust: enumParam<PAdjustMethod>('adjust', ['none', 'fdr', 'bonferroni'], 'none'),
  /** Which significant units form a pocket: LISA High-High or Gi* hot spots at 90/95/99%. */
  criterion: enumParam<PocketCriterionName>('criterion', ['lisa', 'gi90', 'gi95', 'gi99'], 'lisa', ['crit']),
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
  minUnits: nullable(intParam('min-units', 1, Infinity, 1, { aliases: ['pmin'] })),
  /** EB-smoothed or raw desil-1 share for pockets. */
  rate: enumParam<RateKind>('rate', ['eb', 'raw'], 'eb'),
  /** The period shown or analysed; null = the latest of the data. */
  periode: nullable(periodeSpec),
} as const;

export type AnalysisParams = ParamValues<typeof ANALYSIS_PARAMS>;

/** The defaults of every analysis parameter. */
export const DEFAULT_ANALYSIS: AnalysisParams = Object.fromEntries(
  Object.entries(ANALYSIS_PARAMS).map(([k, s]) => [k, s.defaultValue]),
) as AnalysisParams;

/** Smallest pocket when the user did not choose: 1 desa, or 3 hexagons (a single cell is too small to act on). */
export function defaultMinUnits(unit: 'desa' | 'hex'): number {
  return unit === 'hex' ? 3 : 1;
}

/** The core's pocket criterion of a criterion name. */
export function pocketCriterion(name: PocketCriterionName): PocketCriterion {
  return name === 'lisa'
    ? { kind: 'lisa' }
    : { kind: 'gi', confidence: Number(name.slice(2)) as 90 | 95 | 99 };
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
    'permutations' | 'seed' | 'alpha' | 'adjust' | 'criterion' | 'minUnits' | 'minCount' | 'rate'
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
    minCount: p.minCount,
    rate: p.rate,
  };
}
