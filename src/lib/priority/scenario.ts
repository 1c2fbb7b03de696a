/**
 * A priority scenario: the whole set-up a planner saves, names, compares and hands to the CLI as
 * `weights.json` — indicators with weight, direction and normalisation, filters, the target group, the
 * selection rule and spread, and the shortlist with pins and notes. One JSON format for the app (IndexedDB,
 * the project file) and `kantong rank --weights`; the minimal file is
 * `{"indicators": [{"id": "share_d1", "weight": 60}, {"id": "count_d1", "weight": 40}]}` (direction and
 * normalisation default to the indicator's direction and min–max).
 */
import { msg, type Message } from '../messages/message.ts';
import { priorityIndicatorInfo, type PriorityIndicatorId } from './indicators.ts';
import type { Direction, Normalisation } from './normalise.ts';
import type { SelectionRule, SpreadRule } from './select.ts';

/** The format version this code writes and the newest it reads. */
export const SCENARIO_VERSION = 1;

export interface ScenarioIndicator {
  id: PriorityIndicatorId;
  /** Any number ≥ 0; the app keeps whole percentages summing to 100. */
  weight: number;
  direction: Direction;
  normalise: Normalisation;
}

/** Which households "reach" and "quota" count: desil 1 (the extreme-poverty proxy) or desil 1–4 (bansos). */
export type TargetGroup = 'd1' | 'd1_4';

export interface ScenarioFilters {
  /** Kecamatan codes in scope; empty = all. */
  kecamatan: string[];
  /** Desa only, kelurahan only, or both (null). */
  jenis: 'desa' | 'kelurahan' | null;
  /** Desa with fewer households are left out of the ranking. */
  minHouseholds: number;
}

export interface ShortlistEntry {
  kode_desa: string;
  /** A pinned desa stays on the shortlist whatever the rule picks. */
  pinned: boolean;
  note: string;
}

export interface Scenario {
  version: number;
  name: string;
  indicators: ScenarioIndicator[];
  filters: ScenarioFilters;
  target: TargetGroup;
  selection: SelectionRule;
  spread: SpreadRule;
  /** Desa picked by hand or pinned, and notes; null = the shortlist is the rule's selection. */
  shortlist: ShortlistEntry[] | null;
}

export const DEFAULT_FILTERS: ScenarioFilters = { kecamatan: [], jenis: null, minHouseholds: 10 };
export const DEFAULT_SELECTION: SelectionRule = { kind: 'top', n: 20 };
export const DEFAULT_SPREAD: SpreadRule = { maxPerKecamatan: null, minPerKecamatan: null };

type Result<T> = { ok: true; value: T } | { ok: false; error: Message };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseSelection(v: unknown, file: string): Result<SelectionRule> {
  if (v === undefined) return { ok: true, value: DEFAULT_SELECTION };
  const bad = (detail: string): Result<SelectionRule> => ({
    ok: false,
    error: msg('priority.scenario.badSelection', { file, detail }),
  });
  if (!isObject(v)) return bad('selection: {"kind": "top", "n": 20}');
  if (v.kind === 'top' && Number.isInteger(v.n) && (v.n as number) >= 1)
    return { ok: true, value: { kind: 'top', n: v.n as number } };
  if (v.kind === 'reach' && typeof v.share === 'number' && v.share > 0 && v.share <= 1)
    return { ok: true, value: { kind: 'reach', share: v.share } };
  if (v.kind === 'quota' && typeof v.households === 'number' && v.households > 0)
    return { ok: true, value: { kind: 'quota', households: v.households } };
  return bad('top n ≥ 1, reach 0 < share ≤ 1, quota households > 0');
}

function parseBound(v: unknown): number | null {
  return Number.isInteger(v) && (v as number) >= 1 ? (v as number) : null;
}

/**
 * Reads a scenario from parsed JSON (`file` names it in messages). Unknown fields are ignored; missing ones
 * take their defaults; a wrong one is refused with the first problem, so nothing half-read is used.
 */
export function parseScenario(data: unknown, file: string): Result<Scenario> {
  if (!isObject(data)) return { ok: false, error: msg('priority.scenario.notObject', { file }) };
  const version = data.version === undefined ? SCENARIO_VERSION : data.version;
  if (typeof version !== 'number' || version > SCENARIO_VERSION)
    return {
      ok: false,
      error: msg('priority.scenario.newerVersion', {
        file,
        version: String(version),
        supported: SCENARIO_VERSION,
      }),
    };
  if (!Array.isArray(data.indicators) || data.indicators.length === 0)
    return { ok: false, error: msg('priority.scenario.noIndicators', { file }) };
  const indicators: ScenarioIndicator[] = [];
  for (const [i, raw] of data.indicators.entries()) {
    const id = isObject(raw) ? String(raw.id ?? '') : '';
    const info = priorityIndicatorInfo(id);
    if (!info)
      return { ok: false, error: msg('priority.scenario.unknownIndicator', { file, index: i + 1, id }) };
    if (indicators.some((x) => x.id === info.id))
      return { ok: false, error: msg('priority.scenario.duplicateIndicator', { file, id }) };
    const r = raw as Record<string, unknown>;
    const weight = r.weight === undefined ? 1 : r.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      return { ok: false, error: msg('priority.scenario.badWeight', { file, id, value: String(weight) }) };
    const direction = r.direction ?? info.direction;
    if (direction !== 'higher' && direction !== 'lower')
      return {
        ok: false,
        error: msg('priority.scenario.badDirection', { file, id, value: String(direction) }),
      };
    const normalise = r.normalise ?? 'minmax';
    if (normalise !== 'minmax' && normalise !== 'percentile')
      return {
        ok: false,
        error: msg('priority.scenario.badNormalise', { file, id, value: String(normalise) }),
      };
    indicators.push({ id: info.id, weight, direction, normalise });
  }
  if (indicators.every((x) => x.weight === 0)) return { ok: false, error: msg('priority.scenario.allZero') };
  const selection = parseSelection(data.selection, file);
  if (!selection.ok) return selection;
  const f = isObject(data.filters) ? data.filters : {};
  const s = isObject(data.spread) ? data.spread : {};
  const shortlist = Array.isArray(data.shortlist)
    ? data.shortlist.filter(isObject).map((e): ShortlistEntry => ({
        kode_desa: String(e.kode_desa ?? ''),
        pinned: e.pinned === true,
        note: typeof e.note === 'string' ? e.note.slice(0, 500) : '',
      }))
    : null;
  return {
    ok: true,
    value: {
      version: SCENARIO_VERSION,
      name: typeof data.name === 'string' ? data.name.slice(0, 120) : '',
      indicators,
      filters: {
        kecamatan: Array.isArray(f.kecamatan)
          ? f.kecamatan.filter((k): k is string => typeof k === 'string')
          : [],
        jenis: f.jenis === 'desa' || f.jenis === 'kelurahan' ? f.jenis : null,
        minHouseholds:
          typeof f.minHouseholds === 'number' && f.minHouseholds >= 0
            ? Math.floor(f.minHouseholds)
            : DEFAULT_FILTERS.minHouseholds,
      },
      target: data.target === 'd1_4' ? 'd1_4' : 'd1',
      selection: selection.value,
      spread: {
        maxPerKecamatan: parseBound(s.maxPerKecamatan),
        minPerKecamatan: parseBound(s.minPerKecamatan),
      },
      shortlist,
    },
  };
}

/** Reads a scenario from JSON text (see {@link parseScenario}). */
export function parseScenarioText(text: string, file: string): Result<Scenario> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: msg('priority.scenario.notJson', { file, detail: (error as Error).message }) };
  }
  return parseScenario(data, file);
}

/** Starting points, each explained in one sentence in the UI (`priority.preset.<id>`). */
export const PRESETS: Record<'ekstrem' | 'bansos' | 'kantong', Pick<Scenario, 'indicators' | 'target'>> = {
  /** Extreme poverty: where the most desil-1 families are, and where they are the largest (smoothed) share. */
  ekstrem: {
    target: 'd1',
    indicators: [
      { id: 'count_d1', weight: 50, direction: 'higher', normalise: 'percentile' },
      { id: 'eb_share_d1', weight: 50, direction: 'higher', normalise: 'minmax' },
    ],
  },
  /** Social assistance: the bansos range (desil 1–4), weighted towards where programmes miss most. */
  bansos: {
    target: 'd1_4',
    indicators: [
      { id: 'count_d1_4', weight: 40, direction: 'higher', normalise: 'percentile' },
      { id: 'share_d1_4', weight: 40, direction: 'higher', normalise: 'minmax' },
      { id: 'gap_pkh', weight: 20, direction: 'higher', normalise: 'minmax' },
    ],
  },
  /** Poverty pockets: desa inside a pocket first, then by smoothed desil-1 share. */
  kantong: {
    target: 'd1',
    indicators: [
      { id: 'pocket', weight: 50, direction: 'higher', normalise: 'minmax' },
      { id: 'eb_share_d1', weight: 30, direction: 'higher', normalise: 'minmax' },
      { id: 'count_d1', weight: 20, direction: 'higher', normalise: 'percentile' },
    ],
  },
};

/** A new scenario from a preset, with default filters and rule. */
export function scenarioFromPreset(preset: keyof typeof PRESETS, name = ''): Scenario {
  return {
    version: SCENARIO_VERSION,
    name,
    ...structuredClone(PRESETS[preset]),
    filters: structuredClone(DEFAULT_FILTERS),
    selection: DEFAULT_SELECTION,
    spread: DEFAULT_SPREAD,
    shortlist: null,
  };
}
