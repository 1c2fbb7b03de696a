/**
 * Step N1: joined households → exact counts per period, desa, flag and desil, the working table behind the
 * targeting and needs views (an internal working table, like the import's aggregate table: exact; everything
 * shown from it passes `publish.ts`).
 *
 *   desil[(p·n + i)·10 + d − 1]         = #{households r : periode r = p, desa r = i, desil r = d}
 *   flagDesil[f][(p·n + i)·10 + d − 1]  = #{… and flag f of r = 1}
 *
 * Two derived flags make assistance gaps countable per household: `tanpa_bansos` (none of the programme
 * flags present in the file) is added when the file has at least one programme column.
 */
import type { JoinedHouseholds } from '../import/households.ts';
import { comparePeriode } from '../import/periode.ts';
import { PROGRAMMES } from './keys.ts';

/** The derived "no assistance at all" flag (see the module comment). */
export const NO_ASSISTANCE = 'tanpa_bansos';

/** Counts of one or more imports over one desa list (see the module comment). */
export interface NeedsCounts {
  /** Periods in time order; `p` indexes this list. */
  periods: string[];
  desaCount: number;
  /** Flag keys present (the file's flags plus derived ones). */
  flags: string[];
  desil: Uint32Array;
  flagDesil: Record<string, Uint32Array>;
}

/** The counts of one import's joined households (see the module comment). */
export function countNeeds(h: JoinedHouseholds, desaCount: number): NeedsCounts {
  const order = h.periods.map((_, p) => p).sort((a, b) => comparePeriode(h.periods[a], h.periods[b]));
  const rank = new Uint16Array(h.periods.length);
  order.forEach((p, t) => (rank[p] = t));
  const size = order.length * desaCount * 10;
  const keys = Object.keys(h.flags);
  const programmes = keys.filter((k) => (PROGRAMMES as readonly string[]).includes(k));
  const flags = programmes.length > 0 ? [...keys, NO_ASSISTANCE] : keys;
  const out: NeedsCounts = {
    periods: order.map((p) => h.periods[p]),
    desaCount,
    flags,
    desil: new Uint32Array(size),
    flagDesil: Object.fromEntries(flags.map((f) => [f, new Uint32Array(size)])),
  };
  const columns = keys.map((k) => [h.flags[k], out.flagDesil[k]] as const);
  const aid = programmes.map((k) => h.flags[k]);
  const none = programmes.length > 0 ? out.flagDesil[NO_ASSISTANCE] : null;
  for (let r = 0; r < h.count; r++) {
    const cell = (rank[h.periode[r]] * desaCount + h.desa[r]) * 10 + h.desil[r] - 1;
    out.desil[cell]++;
    for (const [values, counts] of columns) if (values[r]) counts[cell]++;
    if (none) {
      let any = false;
      for (const a of aid) if (a[r]) any = true;
      if (!any) none[cell]++;
    }
  }
  return out;
}

/**
 * Adds counts of several imports over the same desa list: periods are united (time order), each flag is
 * counted where a file has it. A flag missing from one file of a period contributes nothing there.
 */
export function mergeNeedsCounts(parts: readonly NeedsCounts[], desaCount: number): NeedsCounts {
  const periods = [...new Set(parts.flatMap((c) => c.periods))].sort(comparePeriode);
  const flags = [...new Set(parts.flatMap((c) => c.flags))];
  const size = periods.length * desaCount * 10;
  const out: NeedsCounts = {
    periods,
    desaCount,
    flags,
    desil: new Uint32Array(size),
    flagDesil: Object.fromEntries(flags.map((f) => [f, new Uint32Array(size)])),
  };
  const block = desaCount * 10;
  for (const c of parts)
    c.periods.forEach((periode, p) => {
      const to = periods.indexOf(periode) * block;
      const from = p * block;
      for (let j = 0; j < block; j++) out.desil[to + j] += c.desil[from + j];
      for (const f of c.flags)
        for (let j = 0; j < block; j++) out.flagDesil[f][to + j] += c.flagDesil[f][from + j];
    });
  return out;
}

/** Households of desa `i` in period index `p` with desil in `[from, to]` (and flag `f` when given). */
export function countIn(c: NeedsCounts, p: number, i: number, from: number, to: number, f?: string): number {
  const a = f === undefined ? c.desil : c.flagDesil[f];
  if (!a) return 0;
  const base = (p * c.desaCount + i) * 10;
  let s = 0;
  for (let d = from; d <= to; d++) s += a[base + d - 1];
  return s;
}
