/**
 * The explore view as parameters: everything a shared link must reopen. The analysis parameters
 * (`analysis.ts`) plus what only the map has (level, indicator, classes, focus, selection, mode, pockets).
 * One schema for the URL (`decodeView` / `encodeView`) and the state setter (`checkView`).
 */
import type { ClassificationMethod } from '../classify/breaks.ts';
import { INDICATORS, type IndicatorId } from '../indicators/catalogue.ts';
import { msg } from '../messages/message.ts';
import { ANALYSIS_PARAMS, type AnalysisParams } from './analysis.ts';
import {
  boolParam,
  checkParams,
  enumParam,
  intParam,
  readParams,
  textParam,
  writeParams,
  type ParamResult,
  type ParamSpec,
  type ParamValues,
} from './schema.ts';

/** Map level; `kabupaten` only in a set of several kabupaten/kota (else shown as `desa`). */
export type Level = 'kabupaten' | 'kecamatan' | 'desa' | 'hex';
export type MapMode = 'value' | 'lisa' | 'significance' | 'gistar';
/**
 * What the user is doing: exploring the map, ranking desa for a programme (the Prioritas mode), monitoring
 * change, graduation, pockets over time and the targets (the Pemantauan mode), or reading targeting, needs and
 * the verification worklist (the Kebutuhan mode).
 */
export type Task = 'explore' | 'priority' | 'monitor' | 'needs';

/** Manual class edges: strictly ascending finite numbers, written `0.05,0.1,0.2`. */
const breaksSpec: ParamSpec<number[]> = (() => {
  const name = 'breaks';
  const check = (value: unknown): ParamResult<number[]> => {
    const list = Array.isArray(value) ? value : null;
    return list &&
      list.every((b) => typeof b === 'number' && Number.isFinite(b)) &&
      list.every((b, i) => i === 0 || b > list[i - 1])
      ? { ok: true, value: list as number[] }
      : { ok: false, error: msg('param.notNumber', { name, value: String(value), range: '0.05,0.1,0.2' }) };
  };
  return {
    name,
    defaultValue: [],
    hint: '0.05,0.1,0.2',
    check,
    parse: (text) =>
      check(
        text
          .split(',')
          .filter((s) => s.trim() !== '')
          .map((s) => (/^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(s) ? Number(s) : NaN)),
      ),
    format: (v) => v.join(','),
  };
})();

const VIEW_ONLY_PARAMS = {
  kab: textParam('kab'),
  task: enumParam<Task>('task', ['explore', 'priority', 'monitor', 'needs'], 'explore'),
  level: enumParam<Level>('level', ['kabupaten', 'kecamatan', 'desa', 'hex'], 'desa'),
  indicator: enumParam<IndicatorId>(
    'indicator',
    INDICATORS.map((i) => i.id),
    'share_d1',
    ['ind'],
  ),
  method: enumParam<ClassificationMethod>('method', ['natural', 'quantile', 'equal', 'manual'], 'natural'),
  classes: intParam('classes', 3, 7, 5, { aliases: ['k'] }),
  breaks: breaksSpec,
  /** Kecamatan code in focus (the camat view), or null for the whole kabupaten. */
  focus: textParam('kecamatan', ['kec']),
  /** Class breaks over the focus instead of the kabupaten (the explicit "fit to filter"). */
  fit: boolParam('fit', false),
  /** Selected unit code (desa, kecamatan or hexagon), or null. */
  selected: textParam('selected', ['sel']),
  mode: enumParam<MapMode>('mode', ['value', 'lisa', 'significance', 'gistar'], 'value'),
  /** Pocket outlines over the map, and the pocket list. */
  pockets: boolParam('pockets', false, ['pk']),
  /** Selected pocket id, or null. */
  pocket: textParam('pocket'),
} as const;

/** Every parameter of a view, in the order links are written. */
export const VIEW_PARAMS = { ...VIEW_ONLY_PARAMS, ...ANALYSIS_PARAMS } as const;

export type ViewParams = ParamValues<typeof VIEW_ONLY_PARAMS> & AnalysisParams;

export const DEFAULT_VIEW: ViewParams = Object.fromEntries(
  Object.entries(VIEW_PARAMS).map(([k, s]) => [k, s.defaultValue]),
) as ViewParams;

/** What a view means: breaks count only with manual classes, "fit" only with a focus. */
function canonical(v: ViewParams): ViewParams {
  return {
    ...v,
    breaks: v.method === 'manual' ? v.breaks : [],
    fit: v.fit && v.focus !== null,
  };
}

/**
 * Reads a view from a query string. Unknown or out-of-range values fall back to the defaults one by one,
 * so a hand-edited or outdated link still opens something sensible; keys of older links (`ind`, `kec`,
 * `sel`, `w`, `tol`, `min`, `crit`, `pmin`, `pk`, `period`) are still read.
 */
export function decodeView(search: string): ViewParams {
  const q = new URLSearchParams(search);
  return readParams(VIEW_PARAMS, (key) => q.get(key)).values as ViewParams;
}

/** Writes a view as a query string, leaving out values equal to the defaults (short links). */
export function encodeView(view: ViewParams): string {
  const q = new URLSearchParams();
  const v = canonical(view);
  writeParams(VIEW_PARAMS, v, (key, text) => {
    if (key === 'breaks' && v.breaks.length === 0) return;
    if (key === 'fit' && !v.fit) return;
    q.set(key, text);
  });
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Checks a patch of view values for a state setter (see `checkParams`). */
export function checkView(patch: Partial<ViewParams>) {
  return checkParams(VIEW_PARAMS, patch);
}
