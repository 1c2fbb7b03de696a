import { empiricalBayesRates } from '../stats/eb-rates.ts';
import type { UnitCounts, UnitData } from './units.ts';

/** What a number means, which decides its palette, its format and whether it may be a choropleth. */
export type IndicatorKind = 'share' | 'count' | 'density' | 'change_share' | 'change_count' | 'change_rel';

export type IndicatorId =
  | 'share_d1'
  | 'share_d1_4'
  | 'eb_share_d1'
  | 'count_d1'
  | 'count_d1_4'
  | 'households'
  | 'persons'
  | 'density_d1'
  | 'density_households'
  | 'coverage_pkh'
  | 'coverage_bpnt'
  | 'coverage_pbi_jk'
  | 'change_share_d1'
  | 'change_share_d1_4'
  | 'change_count_d1'
  | 'change_count_d1_4'
  | 'change_rel_d1'
  | 'change_rel_d1_4';

export interface IndicatorDefinition {
  id: IndicatorId;
  kind: IndicatorKind;
  /** Needs a previous period to compare with. */
  needsTwoPeriods: boolean;
  /** Needs this programme count among desil 1–4 households (`<key>_desil_1_4`). */
  programme?: string;
  /** For a count shown as a choropleth, the rate a user should look at instead. */
  betterAs?: IndicatorId;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  { id: 'share_d1', kind: 'share', needsTwoPeriods: false },
  { id: 'share_d1_4', kind: 'share', needsTwoPeriods: false },
  { id: 'eb_share_d1', kind: 'share', needsTwoPeriods: false },
  { id: 'count_d1', kind: 'count', needsTwoPeriods: false, betterAs: 'share_d1' },
  { id: 'count_d1_4', kind: 'count', needsTwoPeriods: false, betterAs: 'share_d1_4' },
  { id: 'households', kind: 'count', needsTwoPeriods: false, betterAs: 'density_households' },
  { id: 'persons', kind: 'count', needsTwoPeriods: false, betterAs: 'density_households' },
  { id: 'density_d1', kind: 'density', needsTwoPeriods: false },
  { id: 'density_households', kind: 'density', needsTwoPeriods: false },
  { id: 'coverage_pkh', kind: 'share', needsTwoPeriods: false, programme: 'pkh' },
  { id: 'coverage_bpnt', kind: 'share', needsTwoPeriods: false, programme: 'bpnt' },
  { id: 'coverage_pbi_jk', kind: 'share', needsTwoPeriods: false, programme: 'pbi_jk' },
  { id: 'change_share_d1', kind: 'change_share', needsTwoPeriods: true },
  { id: 'change_share_d1_4', kind: 'change_share', needsTwoPeriods: true },
  { id: 'change_count_d1', kind: 'change_count', needsTwoPeriods: true },
  { id: 'change_count_d1_4', kind: 'change_count', needsTwoPeriods: true },
  { id: 'change_rel_d1', kind: 'change_rel', needsTwoPeriods: true },
  { id: 'change_rel_d1_4', kind: 'change_rel', needsTwoPeriods: true },
];

export function indicatorDefinition(id: IndicatorId): IndicatorDefinition {
  const d = INDICATORS.find((i) => i.id === id);
  if (!d) throw new Error(`unknown indicator ${id}`);
  return d;
}

function desil(c: UnitCounts, upTo: number): number {
  let n = 0;
  for (let d = 0; d < upTo; d++) n += c.kk_desil[d];
  return n;
}

const share = (c: UnitCounts | undefined, upTo: number) =>
  c && c.jumlah_kk > 0 ? desil(c, upTo) / c.jumlah_kk : null;

/**
 * Indicators per unit for `period` (and `previous` for changes). Definitions (counts are households =
 * keluarga; desil are DT-SEN national welfare deciles, 1 = poorest, not the BPS poverty line):
 *
 * - share_d1 = desil₁ / households; share_d1_4 = Σ desil₁..₄ / households (null without households);
 * - eb_share_d1: share_d1 smoothed by global empirical Bayes (Marshall 1991, see `empiricalBayesRates`)
 *   over the units that have households, so that small units do not show extreme shares by chance;
 * - count_d1, count_d1_4, households, persons: counts (persons null where sizes are unknown);
 * - density_d1, density_households: count / area (km²);
 * - coverage_<p> = households in desil 1–4 receiving programme p / households in desil 1–4 (needs the
 *   `<p>_desil_1_4` count; null otherwise);
 * - change_share_*: share(period) − share(previous), in proportion points (×100 = percentage points);
 * - change_count_d1, change_count_d1_4: desil₁(period) − desil₁(previous), and the same for desil 1–4;
 * - change_rel_d1, change_rel_d1_4: relative change (c(period) − c(previous)) / c(previous) of those counts
 *   (null when the previous count is 0: a change from nothing has no relative size).
 *
 * `previous` is the base period of a change (the view's `base`, by default the period before `period`).
 *
 * A unit without rows in a period has no data (null) for every indicator of that period.
 */
export function computeIndicator(
  id: IndicatorId,
  units: readonly UnitData[],
  period: string | null,
  previous: string | null = null,
): (number | null)[] {
  const now = (u: UnitData) => (period ? u.byPeriod.get(period) : undefined);
  const before = (u: UnitData) => (previous ? u.byPeriod.get(previous) : undefined);
  const change = (f: (c: UnitCounts | undefined) => number | null) =>
    units.map((u) => {
      const a = f(now(u));
      const b = f(before(u));
      return a === null || b === null ? null : a - b;
    });
  switch (id) {
    case 'share_d1':
      return units.map((u) => share(now(u), 1));
    case 'share_d1_4':
      return units.map((u) => share(now(u), 4));
    case 'eb_share_d1': {
      const present = units.map((u, i) => ({ i, c: now(u) })).filter((x) => x.c && x.c.jumlah_kk > 0);
      const out: (number | null)[] = units.map(() => null);
      if (present.length === 0) return out;
      const eb = empiricalBayesRates(
        present.map((x) => x.c!.kk_desil[0]),
        present.map((x) => x.c!.jumlah_kk),
      );
      present.forEach((x, j) => (out[x.i] = eb.smoothed[j]));
      return out;
    }
    case 'count_d1':
      return units.map((u) => (now(u) ? desil(now(u)!, 1) : null));
    case 'count_d1_4':
      return units.map((u) => (now(u) ? desil(now(u)!, 4) : null));
    case 'households':
      return units.map((u) => now(u)?.jumlah_kk ?? null);
    case 'persons':
      return units.map((u) => now(u)?.jumlah_jiwa ?? null);
    case 'density_d1':
      return units.map((u) => (now(u) && u.luas_km2 > 0 ? desil(now(u)!, 1) / u.luas_km2 : null));
    case 'density_households':
      return units.map((u) => (now(u) && u.luas_km2 > 0 ? now(u)!.jumlah_kk / u.luas_km2 : null));
    case 'coverage_pkh':
    case 'coverage_bpnt':
    case 'coverage_pbi_jk': {
      const key = `${indicatorDefinition(id).programme}_desil_1_4`;
      return units.map((u) => {
        const c = now(u);
        const pool = c ? desil(c, 4) : 0;
        return c && pool > 0 && key in c.programmes ? c.programmes[key] / pool : null;
      });
    }
    case 'change_share_d1':
      return change((c) => share(c, 1));
    case 'change_share_d1_4':
      return change((c) => share(c, 4));
    case 'change_count_d1':
      return change((c) => (c ? desil(c, 1) : null));
    case 'change_count_d1_4':
      return change((c) => (c ? desil(c, 4) : null));
    case 'change_rel_d1':
    case 'change_rel_d1_4': {
      const upTo = id === 'change_rel_d1' ? 1 : 4;
      return units.map((u) => {
        const a = now(u);
        const b = before(u);
        if (!a || !b) return null;
        const was = desil(b, upTo);
        return was > 0 ? (desil(a, upTo) - was) / was : null;
      });
    }
  }
}

/** Indicators that the data can answer: two periods for changes, programme-by-desil counts for coverage. */
export function availableIndicators(
  units: readonly UnitData[],
  periods: readonly string[],
): IndicatorDefinition[] {
  const programmeKeys = new Set<string>();
  for (const u of units)
    for (const c of u.byPeriod.values()) for (const k of Object.keys(c.programmes)) programmeKeys.add(k);
  return INDICATORS.filter(
    (d) =>
      (!d.needsTwoPeriods || periods.length >= 2) &&
      (!d.programme || programmeKeys.has(`${d.programme}_desil_1_4`)) &&
      (d.id !== 'persons' || units.some((u) => [...u.byPeriod.values()].some((c) => c.jumlah_jiwa !== null))),
  );
}
