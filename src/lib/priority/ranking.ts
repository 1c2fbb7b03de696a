/**
 * A scenario applied to a district's desa: the desa in scope (filters), each indicator's values, the index,
 * ranks and contributions, the target households, the rule's selection and the shortlist. One function for
 * the app (the Prioritas mode) and `kantong rank`, so both rank the same desa the same way.
 */
import type { UnitData } from '../indicators/units.ts';
import { priorityValues, type PriorityData } from './indicators.ts';
import { priorityIndex, type PriorityResult } from './priority-index.ts';
import type { Scenario } from './scenario.ts';
import { coverageCurve, selectDesa, type Selection } from './select.ts';

/** The desa facts a ranking names. */
export interface RankedDesa {
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
  jenis: 'desa' | 'kelurahan';
}

export interface RankingInput {
  desa: readonly RankedDesa[];
  /** Counts of each desa (same order). */
  units: readonly UnitData[];
  period: string | null;
  previous: string | null;
  /** 1 for a desa inside a pocket (same order); null without a pocket analysis. */
  pocket: ArrayLike<number> | null;
  /** EB-smoothed graduation rate and stagnant-pocket membership per desa (same order); absent without links. */
  graduation?: readonly (number | null)[] | null;
  stuck?: ArrayLike<number> | null;
  scenario: Scenario;
}

export interface Ranking {
  /** Positions (into `input.desa`) of the desa in scope, in input order. */
  scope: number[];
  /** Values of each indicator over the scope. */
  values: (number | null)[][];
  /** Index, rank, contributions over the scope (positions into `scope`). */
  result: PriorityResult;
  /** Target households of each desa in scope (desil 1 or 1–4). */
  target: Float64Array;
  /** The rule's selection (positions into `scope`). */
  selection: Selection;
  /** The shortlist: scope positions (the rule's selection, or the scenario's own list), best rank first. */
  shortlist: number[];
  /** Scenario shortlist codes that are not desa in scope. */
  unknownShortlist: string[];
  /** Share of target households reached by the top N (N = 0…scope size). */
  coverage: Float64Array;
}

/** Desa of `input` that the scenario's filters keep (a desa without households in the period is left out). */
export function scopeOf(input: Pick<RankingInput, 'desa' | 'units' | 'period' | 'scenario'>): number[] {
  const f = input.scenario.filters;
  const kec = new Set(f.kecamatan);
  const out: number[] = [];
  input.desa.forEach((d, i) => {
    const c = input.period ? input.units[i].byPeriod.get(input.period) : undefined;
    const households = c?.jumlah_kk ?? 0;
    if (households === 0 || households < f.minHouseholds) return;
    if (kec.size > 0 && !kec.has(d.kode_kec)) return;
    if (f.jenis && d.jenis !== f.jenis) return;
    out.push(i);
  });
  return out;
}

/** Applies a scenario (see the module comment). Throws a RangeError when every weight is 0. */
export function rankDesa(input: RankingInput): Ranking {
  const scope = scopeOf(input);
  const data: PriorityData = {
    units: scope.map((i) => input.units[i]),
    period: input.period,
    previous: input.previous,
    pocket: input.pocket ? scope.map((i) => input.pocket![i]) : null,
    graduation: input.graduation ? scope.map((i) => input.graduation![i]) : null,
    stuck: input.stuck ? scope.map((i) => input.stuck![i]) : null,
  };
  const sc = input.scenario;
  const values = sc.indicators.map((ind) => priorityValues(ind.id, data));
  const codes = scope.map((i) => input.desa[i].kode_desa);
  const result = priorityIndex(
    codes,
    sc.indicators.map((ind, k) => ({
      values: values[k],
      direction: ind.direction,
      normalise: ind.normalise,
      weight: ind.weight,
    })),
  );
  const upTo = sc.target === 'd1_4' ? 4 : 1;
  const target = Float64Array.from(data.units, (u) => {
    const c = input.period ? u.byPeriod.get(input.period) : undefined;
    let n = 0;
    for (let d = 0; d < upTo; d++) n += c?.kk_desil[d] ?? 0;
    return n;
  });
  const kecamatan = scope.map((i) => input.desa[i].kode_kec);
  const selection = selectDesa({ order: result.order, kecamatan, target }, sc.selection, sc.spread);
  const position = new Map(codes.map((k, p) => [k, p]));
  let shortlist: number[];
  const unknownShortlist: string[] = [];
  if (sc.shortlist === null) shortlist = [...selection.chosen];
  else {
    shortlist = [];
    for (const e of sc.shortlist) {
      const p = position.get(e.kode_desa);
      if (p === undefined) unknownShortlist.push(e.kode_desa);
      else if (!shortlist.includes(p)) shortlist.push(p);
    }
    shortlist.sort((a, b) => result.rank[a] - result.rank[b] || (codes[a] < codes[b] ? -1 : 1));
  }
  return {
    scope,
    values,
    result,
    target,
    selection,
    shortlist,
    unknownShortlist,
    coverage: coverageCurve(result.order, target),
  };
}
