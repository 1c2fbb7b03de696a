/**
 * The indicators a priority index can weigh, by id. Every indicator of the map's catalogue
 * (`indicators/catalogue.ts`: `share_d1`, `eb_share_d1`, `count_d1`, `share_d1_4`, coverage, change…) plus
 * three that only make sense for targeting:
 *
 * - `pocket`: 1 for a desa in a poverty pocket of the current pocket analysis, 0 otherwise;
 * - `gap_<programme>` (`gap_pkh`, `gap_bpnt`, `gap_pbi_jk`): 1 − coverage of desil 1–4 by the programme
 *   (the share of the poorest 40% the programme misses);
 * - `flag_<condition>`: the share of households with a housing or service flag present in the data
 *   (`flag_rtlh`, `flag_lantai_tanah`, `flag_air_tidak_layak`, …) = flagged households / households;
 * - `need_<condition>`: the needs profile's share (`src/lib/needs/profile.ts`): desil 1–4 households with the
 *   condition / desil 1–4 households (`need_rtlh`, `need_air_tidak_layak`, …).
 *
 * - `graduation_rate`: the desa's EB-smoothed graduation rate between the base and comparison periods (share of
 *   desil 1–2 households at t0 found in desil ≥ 3 at t1; `src/lib/graduation`), direction `lower` (little
 *   graduation = more need); only where households were linked by a hashed key;
 * - `stuck`: 1 for a desa of a stagnant pocket ("kantong stagnan": a Low–Low cluster of graduation), 0 else.
 *
 * Each has a default direction (`higher` = more is more need) that the user may flip.
 */
import { computeIndicator, INDICATORS, type IndicatorId } from '../indicators/catalogue.ts';
import type { UnitData } from '../indicators/units.ts';
import type { Direction } from './normalise.ts';

export type PriorityIndicatorId =
  | IndicatorId
  | 'pocket'
  | 'graduation_rate'
  | 'stuck'
  | `gap_${string}`
  | `flag_${string}`
  | `need_${string}`;

/** Programmes whose coverage gap can be weighed (they have a `<p>_desil_1_4` count). */
export const GAP_PROGRAMMES = ['pkh', 'bpnt', 'pbi_jk'] as const;

/** Housing and service conditions (flag keys of the import) whose share can be weighed. */
export const CONDITION_FLAGS = [
  'miskin_ekstrem',
  'rtlh',
  'lantai_tanah',
  'dinding_tidak_layak',
  'atap_tidak_layak',
  'air_tidak_layak',
  'sanitasi_tidak_layak',
  'tanpa_listrik',
] as const;

/** What an indicator is, for labels and formats. */
export interface PriorityIndicatorInfo {
  id: PriorityIndicatorId;
  kind: 'share' | 'count' | 'density' | 'change_share' | 'change_count' | 'change_rel' | 'membership';
  direction: Direction;
  /** The map catalogue's id behind it, where there is one. */
  base?: IndicatorId;
  /** The programme (gap) or flag (condition) key. */
  key?: string;
}

/** Facts of one priority indicator id, or null for an id the app does not know. */
export function priorityIndicatorInfo(id: string): PriorityIndicatorInfo | null {
  const base = INDICATORS.find((d) => d.id === id);
  if (base) {
    const lower = base.programme !== undefined; // coverage: low coverage = more need
    return { id: base.id, kind: base.kind, direction: lower ? 'lower' : 'higher', base: base.id };
  }
  if (id === 'pocket') return { id, kind: 'membership', direction: 'higher' };
  if (id === 'stuck') return { id, kind: 'membership', direction: 'higher' };
  if (id === 'graduation_rate') return { id, kind: 'share', direction: 'lower' };
  const gap = /^gap_(.+)$/.exec(id);
  if (gap && (GAP_PROGRAMMES as readonly string[]).includes(gap[1]))
    return { id: id as PriorityIndicatorId, kind: 'share', direction: 'higher', key: gap[1] };
  const flag = /^flag_(.+)$/.exec(id);
  if (flag && (CONDITION_FLAGS as readonly string[]).includes(flag[1]))
    return { id: id as PriorityIndicatorId, kind: 'share', direction: 'higher', key: flag[1] };
  const need = /^need_(.+)$/.exec(id);
  if (need && (NEED_CONDITIONS as readonly string[]).includes(need[1]))
    return { id: id as PriorityIndicatorId, kind: 'share', direction: 'higher', key: need[1] };
  return null;
}

/** Conditions that are needs of desil 1–4 households (the needs profile's; not the extreme-poverty flag). */
export const NEED_CONDITIONS = CONDITION_FLAGS.filter((f) => f !== 'miskin_ekstrem');

/** What the indicators are computed from: desa units, the periods, and the pocket membership. */
export interface PriorityData {
  units: readonly UnitData[];
  period: string | null;
  previous: string | null;
  /** 1 for a desa in a pocket (in `units` order); null when no pocket analysis was run. */
  pocket: ArrayLike<number> | null;
  /** EB-smoothed graduation rate per desa (null where not analysed); absent without linked periods. */
  graduation?: readonly (number | null)[] | null;
  /** 1 for a desa of a stagnant pocket; absent without linked periods. */
  stuck?: ArrayLike<number> | null;
}

/** The ids that the data can answer (programme and flag counts present, two periods for changes, pockets). */
export function availablePriorityIndicators(
  data: PriorityData,
  periods: readonly string[],
): PriorityIndicatorId[] {
  const keys = new Set<string>();
  for (const u of data.units)
    for (const c of u.byPeriod.values()) for (const k of Object.keys(c.programmes)) keys.add(k);
  const out: PriorityIndicatorId[] = INDICATORS.filter(
    (d) =>
      (!d.needsTwoPeriods || periods.length >= 2) && (!d.programme || keys.has(`${d.programme}_desil_1_4`)),
  )
    .filter((d) => d.id !== 'persons')
    .map((d) => d.id);
  out.push('pocket');
  if (data.graduation) out.push('graduation_rate');
  if (data.stuck) out.push('stuck');
  for (const p of GAP_PROGRAMMES) if (keys.has(`${p}_desil_1_4`)) out.push(`gap_${p}`);
  for (const f of CONDITION_FLAGS) if (keys.has(f)) out.push(`flag_${f}`);
  for (const f of NEED_CONDITIONS) if (keys.has(`${f}_desil_1_4`)) out.push(`need_${f}`);
  return out;
}

/** The values of one priority indicator for every desa of `data.units` (null = no value). */
export function priorityValues(id: PriorityIndicatorId, data: PriorityData): (number | null)[] {
  const info = priorityIndicatorInfo(id);
  if (!info) throw new RangeError(`unknown priority indicator ${id}`);
  if (info.base) return computeIndicator(info.base, data.units, data.period, data.previous);
  if (id === 'pocket') return data.units.map((_, d) => (data.pocket ? (data.pocket[d] ? 1 : 0) : null));
  if (id === 'stuck') return data.units.map((_, d) => (data.stuck ? (data.stuck[d] ? 1 : 0) : null));
  if (id === 'graduation_rate') return data.units.map((_, d) => data.graduation?.[d] ?? null);
  const now = (u: UnitData) => (data.period ? u.byPeriod.get(data.period) : undefined);
  if (id.startsWith('gap_')) {
    const coverage = computeIndicator(`coverage_${info.key}` as IndicatorId, data.units, data.period);
    return coverage.map((c) => (c === null ? null : 1 - c));
  }
  if (id.startsWith('need_')) {
    const key = `${info.key!}_desil_1_4`;
    return data.units.map((u) => {
      const c = now(u);
      const poor = c ? c.kk_desil[0] + c.kk_desil[1] + c.kk_desil[2] + c.kk_desil[3] : 0;
      return c && poor > 0 && key in c.programmes ? c.programmes[key] / poor : null;
    });
  }
  return data.units.map((u) => {
    const c = now(u);
    return c && c.jumlah_kk > 0 && info.key! in c.programmes ? c.programmes[info.key!] / c.jumlah_kk : null;
  });
}
