import { INDICATORS, type IndicatorId } from '../lib/indicators/catalogue.ts';
import type { ClassificationMethod } from '../lib/classify/breaks.ts';

export type Level = 'kecamatan' | 'desa' | 'hex';
export type MapMode = 'value' | 'lisa' | 'significance' | 'gistar';
export type PAdjust = 'none' | 'fdr' | 'bonferroni';
export type WeightsKind = 'tolerant' | 'queen' | 'rook' | 'knn6';
export type PocketCriterionName = 'lisa' | 'gi90' | 'gi95' | 'gi99';
export type HexRes = 7 | 8 | 9;

/** Everything that makes a view: what a shared link must reopen. Pure data, no runes. */
export interface ViewParams {
  kab: string | null;
  level: Level;
  indicator: IndicatorId;
  period: string | null;
  method: ClassificationMethod;
  classes: number;
  /** Manual class edges (ascending), used when `method` is 'manual'. */
  breaks: number[];
  /** Kecamatan code in focus (the camat view), or null for the whole kabupaten. */
  focus: string | null;
  /** Class breaks computed over the focus instead of the kabupaten (the explicit "fit to filter"). */
  fit: boolean;
  /** Selected unit code (desa or kecamatan), or null. */
  selected: string | null;
  mode: MapMode;
  alpha: number;
  adjust: PAdjust;
  permutations: number;
  seed: number;
  weights: WeightsKind;
  tolerance: number;
  /** H3 resolution of the hexagon level. */
  res: HexRes;
  /** Small-number threshold k: units with fewer households are not shown. */
  minCount: number;
  /** Pocket outlines over the map, and the pocket list. */
  pockets: boolean;
  criterion: PocketCriterionName;
  /** Smallest pocket in units; null = 1 desa or 3 hexagons. */
  minUnits: number | null;
  /** Selected pocket id, or null. */
  pocket: string | null;
}

export const DEFAULT_VIEW: ViewParams = {
  kab: null,
  level: 'desa',
  indicator: 'share_d1',
  period: null,
  method: 'natural',
  classes: 5,
  breaks: [],
  focus: null,
  fit: false,
  selected: null,
  mode: 'value',
  alpha: 0.05,
  adjust: 'none',
  permutations: 999,
  seed: 1,
  weights: 'tolerant',
  tolerance: 10,
  res: 8,
  minCount: 10,
  pockets: false,
  criterion: 'lisa',
  minUnits: null,
  pocket: null,
};

const LEVELS: readonly Level[] = ['kecamatan', 'desa', 'hex'];
const MODES: readonly MapMode[] = ['value', 'lisa', 'significance', 'gistar'];
const METHODS: readonly ClassificationMethod[] = ['natural', 'quantile', 'equal', 'manual'];
const ADJUST: readonly PAdjust[] = ['none', 'fdr', 'bonferroni'];
const WEIGHTS: readonly WeightsKind[] = ['tolerant', 'queen', 'rook', 'knn6'];
const ALPHAS = [0.1, 0.05, 0.01, 0.001];
const CRITERIA: readonly PocketCriterionName[] = ['lisa', 'gi90', 'gi95', 'gi99'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function intIn(value: string | null, min: number, max: number, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/**
 * Reads a view from a query string. Unknown or out-of-range values fall back to the defaults one by one,
 * so a hand-edited or outdated link still opens something sensible instead of an error.
 */
export function decodeView(search: string): ViewParams {
  const q = new URLSearchParams(search);
  const d = DEFAULT_VIEW;
  const indicatorIds = INDICATORS.map((i) => i.id);
  const breaks = (q.get('breaks') ?? '')
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
  const alpha = Number(q.get('alpha'));
  return {
    kab: q.get('kab'),
    level: oneOf(q.get('level'), LEVELS, d.level),
    indicator: oneOf(q.get('ind'), indicatorIds, d.indicator),
    period: q.get('period'),
    method: oneOf(q.get('method'), METHODS, d.method),
    classes: intIn(q.get('k'), 3, 7, d.classes),
    breaks:
      breaks.every(Number.isFinite) && breaks.every((b, i) => i === 0 || b > breaks[i - 1]) ? breaks : [],
    focus: q.get('kec'),
    fit: q.get('fit') === '1',
    selected: q.get('sel'),
    mode: oneOf(q.get('mode'), MODES, d.mode),
    alpha: ALPHAS.includes(alpha) ? alpha : d.alpha,
    adjust: oneOf(q.get('adjust'), ADJUST, d.adjust),
    permutations: intIn(q.get('perm'), 99, 9999, d.permutations),
    seed: intIn(q.get('seed'), 0, 2 ** 31 - 1, d.seed),
    weights: oneOf(q.get('w'), WEIGHTS, d.weights),
    tolerance: intIn(q.get('tol'), 0, 500, d.tolerance),
    res: intIn(q.get('res'), 7, 9, d.res) as HexRes,
    minCount: intIn(q.get('min'), 3, 1000, d.minCount),
    pockets: q.get('pk') === '1',
    criterion: oneOf(q.get('crit'), CRITERIA, d.criterion),
    minUnits: q.has('pmin') ? intIn(q.get('pmin'), 1, 1000, 1) : null,
    pocket: q.get('pocket'),
  };
}

/** Writes a view as a query string, leaving out values equal to the defaults (short links). */
export function encodeView(v: ViewParams): string {
  const d = DEFAULT_VIEW;
  const q = new URLSearchParams();
  const put = (key: string, value: string | number | null, fallback: string | number | null) => {
    if (value !== null && value !== fallback) q.set(key, String(value));
  };
  put('kab', v.kab, null);
  put('level', v.level, d.level);
  put('ind', v.indicator, d.indicator);
  put('period', v.period, null);
  put('method', v.method, d.method);
  put('k', v.classes, d.classes);
  if (v.method === 'manual' && v.breaks.length > 0) q.set('breaks', v.breaks.join(','));
  put('kec', v.focus, null);
  if (v.fit && v.focus) q.set('fit', '1');
  put('sel', v.selected, null);
  put('mode', v.mode, d.mode);
  put('alpha', v.alpha, d.alpha);
  put('adjust', v.adjust, d.adjust);
  put('perm', v.permutations, d.permutations);
  put('seed', v.seed, d.seed);
  put('w', v.weights, d.weights);
  put('tol', v.tolerance, d.tolerance);
  put('res', v.res, d.res);
  put('min', v.minCount, d.minCount);
  if (v.pockets) q.set('pk', '1');
  put('crit', v.criterion, d.criterion);
  put('pmin', v.minUnits, null);
  put('pocket', v.pocket, null);
  const s = q.toString();
  return s ? `?${s}` : '';
}
